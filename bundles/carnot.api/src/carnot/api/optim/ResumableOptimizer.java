package carnot.api.optim;

import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * An optimizer whose state can be saved after an epoch and restored in a new process, so that a
 * killed run resumes exactly where it stopped: the same updates as an uninterrupted run. The
 * state is everything the update depends on besides the weights, the gradient and the
 * learning-rate schedule (which reads the training clock): momentum or velocity buffers,
 * Adam's moments, per-parameter step counts, keyed by the {@code parameterId} the engine passes
 * to {@code update}: the parameter's structural name in the network, the same in every process.
 * Optimizers that do not implement this make a killed run start over.
 */
public interface ResumableOptimizer {

    /** Writes the state; arrays keep their exact float values. */
    void saveState(DataOutputStream out) throws IOException;

    /**
     * Replaces the state with one written by {@link #saveState} of an optimizer with the same
     * settings; restored arrays are created on {@code manager} (the run's, which owns the parameters).
     */
    void loadState(DataInputStream in, NDManager manager) throws IOException;
}
