package carnot.api.experiment;

import carnot.api.component.ProgressMonitor;

/**
 * An experiment whose components were all found, whose settings are valid and whose data is
 * loaded: nothing left that bad input can break. Holds native memory until closed.
 */
public interface PreparedRun extends AutoCloseable {

    /** The experiment with every default filled in: what the run folder records. */
    ExperimentSpec resolvedSpec();

    /** Number of trainable parameters p of the built network. */
    long parameterCount();

    /**
     * The most disk the run's checkpoints take ({@link TrainingSpec#checkpointEvery()}). The default
     * counts 4 bytes per parameter; the engine measures its checkpoint format.
     */
    default CheckpointEstimate checkpointEstimate() {
        return CheckpointEstimate.of(resolvedSpec().training(), 4 * parameterCount());
    }

    /**
     * The memory this run needs, estimated before it trains: data, weights, gradients, optimizer
     * state, activations at the training and evaluation batch sizes, each analysis's own need and the
     * runtime's baselines. Front ends show it; executors size a process's heap and memory request
     * from {@link MemoryEstimate#heapToReserve()} and {@link MemoryEstimate#processBytes()}.
     */
    default MemoryEstimate memoryEstimate() {
        return MemoryEstimate.NONE;
    }

    /** Trains and analyses, emitting events; returns how it ended. Never throws for a failed run. */
    RunOutcome execute(RunListener listener, ProgressMonitor monitor);

    /**
     * Continues an earlier execution of the same resolved experiment from the state of its last
     * {@link RunEvent.ResumePoint}: the weights, the optimizer's state and the position in
     * training are restored, and the remaining epochs produce exactly what an uninterrupted run
     * would have. Emits {@link RunEvent.Started} (with {@code resumedAfterEpoch} in the provenance)
     * and then the events of the remaining epochs only.
     *
     * @throws UnsupportedOperationException if this runner cannot resume
     */
    default RunOutcome resume(byte[] state, RunListener listener, ProgressMonitor monitor) {
        throw new UnsupportedOperationException("this runner cannot resume runs");
    }

    @Override
    void close();
}
