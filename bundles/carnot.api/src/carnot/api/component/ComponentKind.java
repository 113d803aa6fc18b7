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
    /** Loads the training and test data ({@code dataset}). */
    DATASET("dataset", "datasets", DatasetProvider.class),
    /** Derives data from data: label noise, removed examples ({@code perturbations}). */
    PERTURBATION("perturbation", "perturbations", PerturbationProvider.class),
    /** Builds the network ({@code model}). */
    ARCHITECTURE("architecture", "architectures", ArchitectureProvider.class),
    /** Updates the weights ({@code optimizer}). */
    OPTIMIZER("optimizer", "optimizers", OptimizerProvider.class),
    /** The training objective per example ({@code loss}). */
    LOSS("loss", "losses", LossProvider.class),
    /** Explicit regularization: penalties, augmentation, early stopping ({@code regularizers}). */
    REGULARIZER("regularizer", "regularizers", RegularizerProvider.class),
    /** Measures the model during or after training ({@code analyses}). */
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
