package carnot.api.runs;

/**
 * The exit codes of {@code carnot} commands and of the processes that run points: one set, so that
 * an executor tells a point's outcome from its process the same way the command line reports it.
 * The folder's status stays the authority on how a run ended; the code says why a process ended.
 */
public enum ExitCode {
    /** Success. */
    OK(0),
    /** The run failed (diverged, an exception), or a failed run of the same experiment was not rerun. */
    RUN_FAILED(1),
    /** Bad input: experiment file, settings, data, a folder in use by another process. */
    BAD_INPUT(2),
    /** An internal error. */
    INTERNAL(3),
    /** A file or folder cannot be written or read: a full disk, a read-only workspace, permissions, a link
     * leading out of the workspace. */
    CANNOT_WRITE(4),
    /** Cancelled (Ctrl-C, SIGTERM, a cancel request). */
    CANCELLED(130);

    /** How a process killed by SIGTERM without a chance to record it reports its end (128 + 15). */
    public static final int SIGTERM = 143;

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit code. */
    public int code() {
        return code;
    }

    /** The exit code a process ended with; SIGTERM counts as cancelled, anything unknown as internal. */
    public static ExitCode of(int code) {
        for (ExitCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return code == SIGTERM ? CANCELLED : INTERNAL;
    }
}
