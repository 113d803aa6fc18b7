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

    /** Messages are printed to a terminal: never longer than this (a value is never echoed whole). */
    static final int MAX_MESSAGE = 2000;

    public ExperimentFileException(Path file, String field, String message) {
        super(bounded(file + ": " + (field == null ? "" : bounded(field, 200) + ": ") + message, MAX_MESSAGE));
        this.file = file;
        this.field = field;
    }

    public ExperimentFileException(Path file, long line, long column, String message) {
        super(bounded(file + ":" + line + ":" + column + ": " + message, MAX_MESSAGE));
        this.file = file;
        this.field = null;
    }

    /** {@code text} cut to {@code max} characters, saying how long it was. */
    public static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "... (" + text.length() + " characters)";
    }

    public Path file() {
        return file;
    }

    /** Dotted path of the offending field, or null for a syntax error. */
    public String field() {
        return field;
    }
}
