package carnot.api.runs;

import carnot.api.experiment.EpochMetrics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A run folder's status with liveness: what a listing, {@code carnot status} or a view shows.
 *
 * @param folder          the run folder
 * @param state           where the run is (lock-aware: {@link RunState#INTERRUPTED} when it died)
 * @param epochsCompleted epochs trained and evaluated
 * @param epochsPlanned   epochs the run was set to train (the most, when it stops at a target)
 * @param message         why it failed or was cancelled; when completed, why training stopped; else empty
 * @param last            metrics after the last completed epoch, if any
 * @param updatedAt       when the status was last written, if known
 * @param holder          who holds the folder's lock, when someone does
 * @param resumable       whether a saved resume point lets it continue after its last saved epoch
 *                        (interrupted and cancelled runs; failed runs are not continued)
 * @param schedulerState  what the scheduler of the executor that runs it says now, beginning with
 *                        the executor's id, e.g. {@code slurm job 123_0 PENDING (Priority)} or
 *                        {@code slurm job 123_0 RUNNING on node1}; how it ended once the scheduler
 *                        ended it, e.g. {@code slurm job 123_0 TIMEOUT}; empty when no scheduler
 *                        follows it (an in-process or local run) or the scheduler has forgotten it
 *                        (since 0.1.2)
 */
public record RunInfo(Path folder, RunState state, int epochsCompleted, int epochsPlanned, String message,
        Optional<EpochMetrics> last, Optional<Instant> updatedAt, Optional<LockHolder> holder, boolean resumable,
        Optional<String> schedulerState) {

    /** Absent optional parts become empty. */
    public RunInfo {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(state, "state");
        message = Objects.requireNonNullElse(message, "");
        last = Objects.requireNonNullElse(last, Optional.empty());
        updatedAt = Objects.requireNonNullElse(updatedAt, Optional.empty());
        holder = Objects.requireNonNullElse(holder, Optional.empty());
        schedulerState = Objects.requireNonNullElse(schedulerState, Optional.<String>empty())
                .filter(text -> !text.isBlank());
    }

    /** A run no scheduler follows (the form before 0.1.2). */
    public RunInfo(Path folder, RunState state, int epochsCompleted, int epochsPlanned, String message,
            Optional<EpochMetrics> last, Optional<Instant> updatedAt, Optional<LockHolder> holder, boolean resumable) {
        this(folder, state, epochsCompleted, epochsPlanned, message, last, updatedAt, holder, resumable,
                Optional.empty());
    }

    /**
     * This status with another state, message and scheduler state (as its executor's scheduler
     * reports them); the rest as the folder says.
     *
     * @since 0.1.2
     */
    public RunInfo withScheduler(RunState newState, String newMessage, String newSchedulerState) {
        return new RunInfo(folder, newState, epochsCompleted, epochsPlanned, newMessage, last, updatedAt, holder,
                resumable, Optional.ofNullable(newSchedulerState));
    }
}
