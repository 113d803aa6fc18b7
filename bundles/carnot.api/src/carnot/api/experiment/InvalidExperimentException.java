package carnot.api.experiment;

/**
 * An experiment cannot run as written: unknown component id, bad setting, unreadable data.
 * Raised before any run folder exists. The message names the field and what is allowed.
 */
public class InvalidExperimentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidExperimentException(String field, String message) {
        this(field, message, null);
    }

    public InvalidExperimentException(String field, String message, Throwable cause) {
        super(field == null ? message : field + ": " + message, cause);
        this.field = field;
    }

    /** Dotted path of the offending field, or null when the problem is not one field. */
    public String field() {
        return field;
    }
}
