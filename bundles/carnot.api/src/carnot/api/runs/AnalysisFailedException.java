package carnot.api.runs;

/** An analysis threw while re-analyzing a checkpoint; the epochs analyzed before it stay recorded. */
public class AnalysisFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The checkpoint's epoch the analysis failed on. */
    private final int epoch;

    /** The analysis failed on the checkpoint of {@code epoch} with {@code cause}. */
    public AnalysisFailedException(String message, int epoch, Throwable cause) {
        super(message, cause);
        this.epoch = epoch;
    }

    /** The checkpoint's epoch it failed on. */
    public int epoch() {
        return epoch;
    }
}
