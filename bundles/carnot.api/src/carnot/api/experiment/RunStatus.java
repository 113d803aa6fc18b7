package carnot.api.experiment;

/** Where a run is. Only {@link #COMPLETED} runs are complete. */
public enum RunStatus {
    RUNNING, COMPLETED, FAILED, CANCELLED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
