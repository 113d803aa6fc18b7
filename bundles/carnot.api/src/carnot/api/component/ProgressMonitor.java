package carnot.api.component;

/**
 * Progress and cancellation for long work inside a component (loading a dataset, running an
 * analysis). Implementations are thread-safe.
 */
public interface ProgressMonitor {

    /** A monitor that reports nowhere and is never cancelled. */
    ProgressMonitor NONE = new ProgressMonitor() {
        @Override
        public void worked(String task, long done, long total) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** Reports that {@code done} of {@code total} units of {@code task} are finished. */
    void worked(String task, long done, long total);

    /** Whether the user asked to stop; long loops check this and throw {@link CancelledException}. */
    boolean isCancelled();

    /** Throws {@link CancelledException} if cancellation was requested. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
