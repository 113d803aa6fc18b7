package carnot.api.datasets;

/**
 * A dataset cannot be loaded: missing folder or file, truncated or malformed content. The
 * message names the file and what is wrong with it.
 */
public class DatasetException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A dataset cannot be loaded or derived; the message names the file or setting and the cause. */
    public DatasetException(String message) {
        super(message);
    }

    /** The same, with the underlying exception. */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
