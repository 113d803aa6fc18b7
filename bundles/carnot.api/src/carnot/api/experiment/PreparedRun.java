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

    /** Trains and analyses, emitting events; returns how it ended. Never throws for a failed run. */
    RunOutcome execute(RunListener listener, ProgressMonitor monitor);

    @Override
    void close();
}
