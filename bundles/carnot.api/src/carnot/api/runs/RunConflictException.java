package carnot.api.runs;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A run cannot start as asked because of a run folder: another live process works in it, or the
 * last run of the same experiment failed and would fail again. Nothing was written. The message
 * names the folder, the holder or the failure, and what to do ({@code --fresh}).
 */
public class RunConflictException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the run cannot start. */
    public enum Reason {
        /** Another live process holds the folder's lock. */
        IN_USE,
        /** The last run of the same experiment failed; continuing it would fail the same way. */
        PREVIOUS_FAILED
    }

    /** Why the run cannot start. */
    private final Reason reason;
    private final transient Path folder;
    private final transient LockHolder holder;

    /** A conflict over {@code folder}; {@code holder} is the live process in it, or null. */
    public RunConflictException(Reason reason, Path folder, LockHolder holder, String message) {
        super(message);
        this.reason = reason;
        this.folder = folder;
        this.holder = holder;
    }

    /** Why the run cannot start. */
    public Reason reason() {
        return reason;
    }

    /** The folder in the way. */
    public Path folder() {
        return folder;
    }

    /** Who holds it, for {@link Reason#IN_USE}. */
    public Optional<LockHolder> holder() {
        return Optional.ofNullable(holder);
    }
}
