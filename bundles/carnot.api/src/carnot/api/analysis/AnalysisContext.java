package carnot.api.analysis;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.losses.LossFunction;

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

    /** The training loss. */
    LossFunction loss();

    /** The data of a split. */
    Dataset dataset(Split split);

    /** The network's outputs on a whole split (evaluation mode, computed once per call). */
    Predictions predictions(Split split);

    /** Progress and cancellation. */
    ProgressMonitor monitor();
}
