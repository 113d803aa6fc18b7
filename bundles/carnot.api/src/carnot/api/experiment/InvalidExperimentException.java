package carnot.api.experiment;

/**
 * An experiment cannot run as written: unknown component id, bad setting, unreadable data.
 * Raised before any run folder exists. The message names the field and what is allowed.
 */
public class InvalidExperimentException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The dotted path of the offending field, e.g. {@code training.batchSize}. */
    private final String field;

    /** A refusal of the experiment at {@code field}; the message reads {@code "<field>: <message>"}. */
    public InvalidExperimentException(String field, String message) {
        this(field, message, null);
    }

    /** The same, with the underlying exception. */
    public InvalidExperimentException(String field, String message, Throwable cause) {
        super(field == null ? message : field + ": " + message, cause);
        this.field = field;
    }

    /** Dotted path of the offending field, or null when the problem is not one field. */
    public String field() {
        return field;
    }
}
