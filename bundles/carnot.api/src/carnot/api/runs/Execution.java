package carnot.api.runs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs started together (a single run, a sweep's points, a study member) and followed until they
 * end. An executor returns one for the points it was given; the {@link RunService} returns one for
 * the whole request (a sweep's execution also writes the sweep's summary when its points end).
 * Thread-safe.
 */
public interface Execution {

    /** The {@code carnot.id} of the executor that runs the points. */
    String executor();

    /** The run folder of a single run, or the sweep folder of a sweep. */
    Path folder();

    /** Every point as its executor and its folder report it now. */
    List<PointStatus> points();

    /** Whether every point has ended (completed, failed, cancelled or interrupted) or never started. */
    boolean isDone();

    /**
     * Waits until {@link #isDone()}.
     *
     * @return whether it is done (false: the time ran out)
     */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Asks every point that has not ended to stop: points not started are not started, running
     * ones record that they were cancelled and keep their resume state. Returns at once.
     */
    void cancel();

    /** How it ended, once done: {@link ExitCode#OK} only when every point completed. */
    Optional<ExitCode> exitCode();

    /** Why it did not complete, once done (names the points and their folders); empty otherwise. */
    String message();
}
