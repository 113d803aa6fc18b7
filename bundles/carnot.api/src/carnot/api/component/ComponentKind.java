package carnot.api.component;

import carnot.api.analysis.AnalysisProvider;
import carnot.api.datasets.DatasetProvider;
import carnot.api.losses.LossProvider;
import carnot.api.models.ArchitectureProvider;
import carnot.api.optim.OptimizerProvider;
import carnot.api.regularizers.RegularizerProvider;

/** The kinds of component an experiment is composed of, each with its service interface. */
public enum ComponentKind {
    DATASET("dataset", DatasetProvider.class),
    ARCHITECTURE("architecture", ArchitectureProvider.class),
    OPTIMIZER("optimizer", OptimizerProvider.class),
    LOSS("loss", LossProvider.class),
    REGULARIZER("regularizer", RegularizerProvider.class),
    ANALYSIS("analysis", AnalysisProvider.class);

    private final String label;
    private final Class<? extends Provider> serviceType;

    ComponentKind(String label, Class<? extends Provider> serviceType) {
        this.label = label;
        this.serviceType = serviceType;
    }

    /** Lower-case name used in messages and listings. */
    public String label() {
        return label;
    }

    /** The OSGi service interface providers of this kind register under. */
    public Class<? extends Provider> serviceType() {
        return serviceType;
    }
}
