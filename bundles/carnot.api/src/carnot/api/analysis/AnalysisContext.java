package carnot.api.analysis;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.losses.LossFunction;
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

    /** The trained network. */
    Block model();

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

    /** The data of a split. */
    Dataset dataset(Split split);

    /** The network's outputs on a whole split (evaluation mode, computed once per call). */
    Predictions predictions(Split split);

    /** Progress and cancellation. */
    ProgressMonitor monitor();
}
