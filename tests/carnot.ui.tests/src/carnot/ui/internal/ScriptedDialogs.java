package carnot.ui.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.swt.widgets.Shell;

/**
 * Answers the workbench's dialogs in tests as a user would, and records what each one said. A
 * dialog of a kind the test gave no answer for fails the test instead of waiting for a click that
 * never comes.
 */
public final class ScriptedDialogs implements Dialogs.Handler {

    /** Every dialog shown, as {@code kind: title: message}. */
    public final List<String> shown = new CopyOnWriteArrayList<>();
    /** The error dialogs, as {@code title: message}. */
    public final List<String> errors = new CopyOnWriteArrayList<>();
    public Boolean confirm;
    public String folder;
    /** The text typed into a question, or {@code null} for none expected. */
    public String name;
    public Dialogs.SaveChoice saveChoice;
    public String fileToSave;
    /** Chooses the file to save from the proposed folder and name, when set (else {@link #fileToSave}). */
    public java.util.function.BiFunction<String, String, String> fileChooser;
    /** Errors are recorded rather than failing the test. */
    public boolean errorsExpected;

    /** Installs a fresh instance. */
    public static ScriptedDialogs install() {
        ScriptedDialogs dialogs = new ScriptedDialogs();
        Dialogs.setHandler(dialogs);
        return dialogs;
    }

    /** The last dialog shown, or {@code ""}. */
    public String last() {
        return shown.isEmpty() ? "" : shown.get(shown.size() - 1);
    }

    @Override
    public void error(Shell shell, String title, String message) {
        shown.add("error: " + title + ": " + message);
        errors.add(title + ": " + message);
        if (!errorsExpected) {
            throw new AssertionError("error dialog: " + title + ": " + message);
        }
    }

    @Override
    public boolean confirm(Shell shell, String title, String message) {
        shown.add("confirm: " + title + ": " + message);
        return answer(confirm, "confirmation", title, message);
    }

    @Override
    public String chooseFolder(Shell shell, String title, String message, String initial) {
        shown.add("folder: " + title + ": " + message + " [" + initial + "]");
        return answer(folder, "folder dialog", title, message);
    }

    @Override
    public String ask(Shell shell, String title, String message, String initial, Function<String, String> validator) {
        String verdict = name == null ? null : validator.apply(name);
        shown.add("ask: " + title + ": " + message + " [" + initial + "] " + verdict);
        answer(name, "question", title, message);
        return verdict == null ? name : null;
    }

    @Override
    public Dialogs.SaveChoice saveChanges(Shell shell, String title, String message) {
        shown.add("save: " + title + ": " + message);
        return answer(saveChoice, "save prompt", title, message);
    }

    @Override
    public String chooseFileToSave(Shell shell, String title, String folderShown, String fileName, String extension) {
        shown.add("file: " + title + ": " + folderShown + " [" + fileName + "] ." + extension);
        return fileChooser != null ? fileChooser.apply(folderShown, fileName) : answer(fileToSave, "file dialog", title, fileName);
    }

    private static <T> T answer(T value, String kind, String title, String message) {
        if (value == null) {
            throw new AssertionError("unexpected " + kind + ": " + title + ": " + message);
        }
        return value;
    }
}
