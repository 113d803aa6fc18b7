package carnot.api.analysis;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import carnot.api.autograd.Autograd;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.losses.LossFunction;
import carnot.api.models.ModelStructure;
import java.util.List;
import java.util.Map;

/**
 * What an analysis sees of the run at the moment it is scheduled. The model must not be
 * modified; an analysis that perturbs weights (landscapes, sharpness) restores them.
 */
public interface AnalysisContext {

    /** Completed epochs at this point (0 = at initialization). */
    int epoch();

    /** The run's seed, for analyses that draw random numbers. */
    long seed();

    /** A manager owned by this analysis call: everything attached to it is freed afterwards. */
    NDManager manager();

    /**
     * The trained network, for analyses that need DJL itself. Most need only {@link #structure()},
     * {@link #autograd()} and {@link #predictions(Split)}, which need no DJL.
     */
    Block model();

    /**
     * The network's structure: layers in order, parameters with their roles and shapes, the
     * activation, and whether it is bias-free and positively homogeneous.
     */
    ModelStructure structure();

    /**
     * Exact derivatives of the loss with respect to every parameter, without side effects on the
     * model (see {@link Autograd}). Closed by the context after the analysis returns.
     */
    Autograd autograd();

    /**
     * The same with respect to some parameters only, by structural name ({@link ModelStructure}
     * lists them).
     *
     * @throws IllegalArgumentException naming an unknown parameter
     */
    Autograd autograd(List<String> parameterNames);

    /**
     * The same with an explicit chunk size: examples per forward pass (larger is faster and holds
     * more memory; a Hessian over examples that fit in one chunk builds its gradient graph once).
     * The others use the run's evaluation batch size.
     */
    Autograd autograd(List<String> parameterNames, int chunkSize);

    /**
     * The experiment as resolved for this run (every setting filled in with its default): the
     * optimizer's learning rate, the batch size, the regularizers and so on.
     */
    ExperimentSpec spec();

    /**
     * The network's parameters at initialization (epoch 0), by the structural name under which
     * {@code model().getParameters()} lists them, in the same order; values in row-major order.
     * For distance from initialization, interpolation from initial to final weights and the like.
     * On a saved checkpoint they are rebuilt by re-initializing with the run's seed, which gives
     * exactly the run's initial weights. Read-only: the arrays are shared.
     */
    Map<String, float[]> initialParameters();

    /**
     * The weights kept along the optimization path up to this epoch ({@code training.checkpointEvery}:
     * epoch 0 and every k-th epoch), by epoch, each by structural name like {@link #initialParameters()}.
     * Empty when the run keeps no trajectory. After a resumed run, only the epochs since the resume are
     * held in memory; an analysis that needs the whole path says so (the saved run's
     * {@code checkpoints/} hold all of them, and {@code carnot analyze} passes them). Read-only: the
     * arrays are shared.
     */
    default java.util.SortedMap<Integer, Map<String, float[]>> keptParameters() {
        return java.util.Collections.emptySortedMap();
    }

    /** The training loss. */
    LossFunction loss();

    /** The data of a split. Its arrays are shared with the run: read them, never write them. */
    Dataset dataset(Split split);

    /**
     * The network's outputs on a whole split (evaluation mode, computed once per epoch): row i is
     * example i of {@link #dataset(Split)}, in the same order.
     */
    Predictions predictions(Split split);

    /** Progress and cancellation. */
    ProgressMonitor monitor();

    /**
     * The network's outputs, mean loss (the loss function only, without regularizer penalties) and
     * 0-1 error on the first {@code n} examples of {@code data}, in evaluation mode, {@code batchSize}
     * at a time, checking {@link #monitor()} for cancellation between chunks. The parameters take the
     * values {@code parameterStore} gives, so a store that substitutes perturbed copies measures a
     * point of weight space without touching the weights (landscapes). The run's own per-epoch
     * evaluation uses this one definition, so the numbers agree at the same weights. Native memory
     * lives in sub-managers of {@link #manager()} closed chunk by chunk.
     *
     * @param parameterStore the parameter values to evaluate at
     * @param data           the examples (a split of {@link #dataset(Split)}, or another dataset of the same shape)
     * @param n              how many of its first examples, {@code 0 <= n <= data.size()}
     * @param batchSize      examples per forward pass, at least 1
     * @return the outputs of the {@code n} examples with their mean loss and error (NaN for {@code n = 0})
     * @throws IllegalArgumentException when {@code n} or {@code batchSize} is out of range
     */
    EvaluationResult evaluate(ParameterStore parameterStore, Dataset data, int n, int batchSize);
}
