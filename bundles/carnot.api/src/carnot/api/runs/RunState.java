package carnot.api.runs;

import carnot.api.experiment.RunStatus;
import java.util.Locale;

/**
 * Where a run is, as seen from outside it: what its {@code status.json} records, corrected by
 * whether anyone holds its folder's lock (a process killed with {@code kill -9} leaves a status
 * that says running forever; the kernel releases its lock).
 */
public enum RunState {
    /** Planned but not handed to an executor yet (a sweep point that has not started). */
    PENDING,
    /** Handed to an executor that has not started it: waiting for a free slot or in a scheduler's queue. */
    QUEUED,
    /** The status says running and a live process holds the folder's lock. */
    RUNNING,
    /** The status says running but nobody holds the lock: the process died. Resumable from its last saved epoch. */
    INTERRUPTED,
    /** Every epoch trained and evaluated. */
    COMPLETED,
    /** The run stopped on an error (diverged, an exception); rerunning it the same way fails the same way. */
    FAILED,
    /** Stopped on request; resumable from its last saved epoch. */
    CANCELLED,
    /** Its status cannot be read (a damaged or foreign file); the message says which and why. */
    UNREADABLE;

    /** Lower-case name for listings and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether nothing more will happen to the run unless someone starts it again. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** Whether a process is at work on it or an executor will start it. */
    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }

    /**
     * The state of a folder from its recorded status and whether its lock is held.
     *
     * @param recorded what {@code status.json} says
     * @param lockHeld whether a live process holds the folder's lock
     */
    public static RunState of(RunStatus recorded, boolean lockHeld) {
        return switch (recorded) {
            case RUNNING -> lockHeld ? RUNNING : INTERRUPTED;
            case COMPLETED -> COMPLETED;
            case FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
        };
    }
}
