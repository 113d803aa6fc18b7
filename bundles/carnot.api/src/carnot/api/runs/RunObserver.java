package carnot.api.runs;

import carnot.api.experiment.RunEvent;

/**
 * Follows an {@link Execution}. Called on the executor's threads, never on the caller's; an
 * observer hands the work to its own thread if it must (a UI). Every method has an empty default.
 */
public interface RunObserver {

    /** Observes nothing. */
    RunObserver NONE = new RunObserver() {
    };

    /**
     * An event of a point that runs in this process (the {@code in-process} executor): every step,
     * epoch and analysis. Points in other processes report through {@link #onPointChanged} only.
     * An exception thrown here fails the run, as a {@link carnot.api.experiment.RunListener}'s does.
     */
    default void onEvent(RunPoint point, RunEvent event) throws Exception {
    }

    /** A point changed: it started, completed another epoch (read from its folder) or ended. */
    default void onPointChanged(PointStatus status) {
    }

    /**
     * A line for the user, e.g. {@code continuing the unfinished run runs/x/... after epoch 3
     * (--fresh starts over)}.
     */
    default void onMessage(String line) {
    }

    /**
     * Why a point could not run or stopped short, as one line that names the file, field or folder:
     * bad input found while loading its data, its folder in use by another process, a failed earlier
     * run that is not continued, a point process that ended before recording anything. The
     * execution's {@link Execution#message()} repeats it.
     */
    default void onProblem(String line) {
    }
}
