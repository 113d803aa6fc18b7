package carnot.api.component;

/**
 * A setting in an experiment is missing, of the wrong type or outside its allowed values. The
 * message names the field path (for example {@code model.settings.hidden}) and what is allowed.
 */
public class InvalidSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The dotted path of the offending field, e.g. {@code model.settings.hidden}. */
    private final String field;

    /** A refusal of the value at {@code field}; the message reads {@code "<field>: <message>"}. */
    public InvalidSettingsException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** Dotted path of the offending field in the experiment file. */
    public String field() {
        return field;
    }
}
