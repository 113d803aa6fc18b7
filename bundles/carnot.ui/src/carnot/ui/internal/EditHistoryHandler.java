package carnot.ui.internal;

import carnot.ui.internal.editor.ExperimentEditorPart;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;

/**
 * Edit &gt; Undo (Ctrl+Z) and Redo (Ctrl+Y, Ctrl+Shift+Z) in the active experiment editor: form
 * and source edits alike, one history per editor. One class for both commands: the model's
 * handler says which through the command's id.
 */
public abstract class EditHistoryHandler {

    /** Undo. */
    public static final class Undo extends EditHistoryHandler {
        public Undo() {
            super(true);
        }
    }

    /** Redo. */
    public static final class Redo extends EditHistoryHandler {
        public Redo() {
            super(false);
        }
    }

    private final boolean undo;

    EditHistoryHandler(boolean undo) {
        this.undo = undo;
    }

    @CanExecute
    public boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.getObject() instanceof ExperimentEditorPart editor
                && (undo ? editor.canUndo() : editor.canRedo());
    }

    @Execute
    public void execute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        if (part != null && part.getObject() instanceof ExperimentEditorPart editor) {
            if (undo) {
                editor.undo();
            } else {
                editor.redo();
            }
        }
    }
}
