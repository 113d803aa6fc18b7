package carnot.api.component;

import carnot.api.analysis.AnalysisProvider;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.PerturbationProvider;
import carnot.api.losses.LossProvider;
import carnot.api.models.ArchitectureProvider;
import carnot.api.optim.OptimizerProvider;
import carnot.api.regularizers.RegularizerProvider;
import carnot.api.runs.Executor;

/**
 * The kinds of component, each with its service interface: those an experiment is composed of, and
 * the executors that carry runs out.
 */
public enum ComponentKind {
    DATASET("dataset", "datasets", DatasetProvider.class),
    PERTURBATION("perturbation", "perturbations", PerturbationProvider.class),
    ARCHITECTURE("architecture", "architectures", ArchitectureProvider.class),
    OPTIMIZER("optimizer", "optimizers", OptimizerProvider.class),
    LOSS("loss", "losses", LossProvider.class),
    REGULARIZER("regularizer", "regularizers", RegularizerProvider.class),
    ANALYSIS("analysis", "analyses", AnalysisProvider.class),
    /** Not part of an experiment: how runs are carried out (in this process, child processes, a cluster). */
    EXECUTOR("executor", "executors", Executor.class);

    private final String label;
    private final String plural;
    private final Class<? extends Provider> serviceType;

    ComponentKind(String label, String plural, Class<? extends Provider> serviceType) {
        this.label = label;
        this.plural = plural;
        this.serviceType = serviceType;
    }

    /** Plural, for headings. */
    public String plural() {
        return plural;
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
