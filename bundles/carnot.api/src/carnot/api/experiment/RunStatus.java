package carnot.api.experiment;

/** Where a run is. Only {@link #COMPLETED} runs are complete. */
public enum RunStatus {
    /** Training or analysing now. */
    RUNNING,
    /** Ran its epochs or reached its target; its results are complete. */
    COMPLETED,
    /** Stopped by an error, recorded in its message. */
    FAILED,
    /** Stopped on request; what it recorded so far stays. */
    CANCELLED;

    /** The status as {@code status.json} and messages spell it, in lower case. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
