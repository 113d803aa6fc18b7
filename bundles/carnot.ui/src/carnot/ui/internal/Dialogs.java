package carnot.ui.internal;

import java.util.function.Function;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * The workbench's dialogs. An error always says what went wrong and what to do about it.
 * Tests replace {@link #handler} to answer dialogs without showing them.
 */
public final class Dialogs {

    /** Answers dialogs; the default shows JFace dialogs. */
    public interface Handler {
        void error(Shell shell, String title, String message);

        boolean confirm(Shell shell, String title, String message);

        /** A folder chosen, or {@code null} if cancelled. */
        String chooseFolder(Shell shell, String title, String message, String initial);

        /** The text entered, or {@code null} if cancelled. */
        String ask(Shell shell, String title, String message, String initial, Function<String, String> validator);

        /** Save, don't save, or cancel what was about to happen. */
        SaveChoice saveChanges(Shell shell, String title, String message);

        /** A file to write, or {@code null} if cancelled; an existing file only after the user agreed. */
        String chooseFileToSave(Shell shell, String title, String folder, String fileName, String extension);
    }

    /** The answers to {@link #saveChanges}. */
    public enum SaveChoice {
        SAVE, DISCARD, CANCEL
    }

    /** The JFace dialogs. */
    public static final Handler JFACE = new Handler() {
        @Override
        public void error(Shell shell, String title, String message) {
            MessageDialog.openError(shell, title, message);
        }

        @Override
        public boolean confirm(Shell shell, String title, String message) {
            return MessageDialog.openConfirm(shell, title, message);
        }

        @Override
        public String chooseFolder(Shell shell, String title, String message, String initial) {
            DirectoryDialog dialog = new DirectoryDialog(shell);
            dialog.setText(title);
            dialog.setMessage(message);
            if (initial != null) {
                dialog.setFilterPath(initial);
            }
            return dialog.open();
        }

        @Override
        public String ask(Shell shell, String title, String message, String initial, Function<String, String> validator) {
            InputDialog dialog = new InputDialog(shell, title, message, initial, validator::apply);
            return dialog.open() == Window.OK ? dialog.getValue() : null;
        }

        @Override
        public SaveChoice saveChanges(Shell shell, String title, String message) {
            MessageDialog dialog = new MessageDialog(shell, title, null, message, MessageDialog.QUESTION, 0, "&Save",
                    "Do&n't Save", "Cancel");
            return switch (dialog.open()) {
                case 0 -> SaveChoice.SAVE;
                case 1 -> SaveChoice.DISCARD;
                default -> SaveChoice.CANCEL;
            };
        }

        @Override
        public String chooseFileToSave(Shell shell, String title, String folder, String fileName, String extension) {
            FileDialog dialog = new FileDialog(shell, SWT.SAVE);
            dialog.setText(title);
            dialog.setFilterPath(folder);
            dialog.setFileName(fileName);
            dialog.setFilterExtensions(new String[] {"*." + extension, "*"});
            dialog.setOverwrite(true);
            return dialog.open();
        }
    };

    private static volatile Handler handler = JFACE;

    private Dialogs() {
    }

    /** Replaces the handler (tests); {@code null} restores the JFace dialogs. */
    public static void setHandler(Handler newHandler) {
        handler = newHandler == null ? JFACE : newHandler;
    }

    /** An error: what went wrong, then what to do. */
    public static void error(Shell shell, String title, String what, String whatToDo) {
        handler.error(shell, title, what + "\n\nWhat to do: " + whatToDo);
    }

    public static boolean confirm(Shell shell, String title, String message) {
        return handler.confirm(shell, title, message);
    }

    /** Asks for a folder; {@code null} if cancelled. */
    public static String chooseFolder(Shell shell, String title, String message, String initial) {
        return handler.chooseFolder(shell, title, message, initial);
    }

    /** Asks whether to save changes before something that would lose them. */
    public static SaveChoice saveChanges(Shell shell, String title, String message) {
        return handler.saveChanges(shell, title, message);
    }

    /**
     * Asks for a file to write, starting in {@code folder} with {@code fileName} proposed; the
     * dialog asks before an existing file is replaced. {@code null} if cancelled.
     */
    public static String chooseFileToSave(Shell shell, String title, String folder, String fileName, String extension) {
        return handler.chooseFileToSave(shell, title, folder, fileName, extension);
    }

    /** Asks for a text; the validator returns an error message or {@code null}. */
    public static String ask(Shell shell, String title, String message, String initial,
            Function<String, String> validator) {
        return handler.ask(shell, title, message, initial, validator);
    }
}
