package carnot.api.runs;

import carnot.api.experiment.MemoryEstimate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * What the run service gives an {@link Executor} to carry out points with: running a point in this
 * process, the command that runs one in another process, and reading a point's folder.
 */
public interface ExecutionContext {

    /** The workspace every point's folder lies in. */
    Path workspace();

    /**
     * Runs one point in this process and returns when it ends: takes the folder's lock, continues
     * the folder's run from its saved resume point or starts it, records everything and releases the
     * lock. Points of one process run one at a time (DJL allows one gradient collector per process):
     * a second call waits for the first.
     *
     * @param cancelled polled while the point runs; when true the point stops and records that it was
     *                  cancelled
     * @return how it ended
     */
    ExitCode runHere(RunPoint point, RunObserver observer, BooleanSupplier cancelled);

    /**
     * The command line that runs one point in a new process of this installation: it writes the
     * point's experiment into its folder ({@code point.json}) if it is not there yet and names the
     * folder, so the process follows the folder protocol. The process' exit code is an
     * {@link ExitCode}.
     *
     * @throws IllegalStateException if this process was not started from the {@code carnot} launcher
     */
    List<String> pointCommand(RunPoint point) throws IOException;

    /** The {@code carnot} launcher of this installation, if this process was started from it. */
    Optional<Path> launcher();

    /**
     * The observer of the request the points belong to: an executor tells it when a point starts,
     * progresses (as read from its folder) and ends, and passes it to {@link #runHere}.
     */
    RunObserver observer();

    /** A point's folder as it is now: status with liveness. */
    RunInfo inspect(Path pointFolder) throws IOException;

    /**
     * Cores the points may use together: {@code CARNOT_THREADS} if set, else the machine's
     * processors. An executor that runs N points at once gives each a share, so that they do not
     * oversubscribe the machine.
     */
    int threadBudget();

    /**
     * What the point's process will need, from the memory model of the prepared run
     * ({@link carnot.api.experiment.PreparedRun#memoryEstimate()}): an executor that asks a
     * scheduler or the machine for memory sizes its request and the point's Java heap from it.
     * Prepares the point here (its data is loaded), so it costs what a run's preparation costs.
     *
     * @return empty if the point cannot be prepared here (it then fails in its own process, which
     *         says why) or this context cannot prepare runs
     * @since 0.1.2
     */
    default Optional<MemoryEstimate> memoryEstimate(RunPoint point) {
        return Optional.empty();
    }

    /**
     * The folder that holds what belongs to all the points together when they are several
     * experiments run as one execution (a study's members, {@link RunRequest#members()}): where an
     * executor keeps a job's record ({@link Executor#RECORD}) and logs. Empty for a single run (its
     * run folder) and a sweep (its sweep folder).
     *
     * @since 0.1.2
     */
    default Optional<Path> group() {
        return Optional.empty();
    }

    /**
     * The memory a new process could have on this machine now, in bytes
     * ({@link carnot.api.experiment.ExperimentRunner#availableMemory()}): an executor that starts
     * point processes here chooses how many run at once from it and {@link #memoryEstimate}.
     *
     * @return empty when unknown
     * @since 0.1.2
     */
    default OptionalLong availableMemory() {
        return OptionalLong.empty();
    }
}
