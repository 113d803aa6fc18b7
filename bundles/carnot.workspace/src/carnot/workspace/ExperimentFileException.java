package carnot.workspace;

import java.nio.file.Path;

/**
 * An experiment file cannot be read: malformed JSON (with line and column), a missing or
 * mistyped field (with its dotted path and what is allowed), or a format this Carnot does not
 * know.
 */
public class ExperimentFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String field;

    public ExperimentFileException(Path file, String field, String message) {
        super(file + ": " + (field == null ? "" : field + ": ") + message);
        this.file = file;
        this.field = field;
    }

    public ExperimentFileException(Path file, long line, long column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
        this.file = file;
        this.field = null;
    }

    public Path file() {
        return file;
    }

    /** Dotted path of the offending field, or null for a syntax error. */
    public String field() {
        return field;
    }
}
