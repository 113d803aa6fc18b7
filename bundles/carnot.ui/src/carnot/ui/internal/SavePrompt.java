package carnot.ui.internal;

import java.util.Collection;
import java.util.List;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Shell;

/**
 * Asks before unsaved editors would be lost (File &gt; Exit, Ctrl+Q, closing the window): Save
 * saves every one of them, Don't Save goes on without, Cancel stops. e4's {@code IWorkbench.close}
 * itself closes without asking.
 */
public final class SavePrompt {

    private SavePrompt() {
    }

    /**
     * Whether it is fine to go on: nothing unsaved, or the user saved (and every save succeeded)
     * or chose not to save.
     */
    public static boolean saveOrDiscard(EPartService parts, Shell shell, String what) {
        return saveOrDiscard(parts, parts.getDirtyParts(), shell, what);
    }

    /** As {@link #saveOrDiscard(EPartService, Shell, String)}, for the given parts' unsaved changes. */
    public static boolean saveOrDiscard(EPartService parts, Collection<MPart> candidates, Shell shell, String what) {
        List<MPart> dirty = candidates.stream().filter(MPart::isDirty).toList();
        if (dirty.isEmpty()) {
            return true;
        }
        List<String> names = dirty.stream().map(p -> p.getLabel() == null ? p.getElementId() : p.getLabel()).toList();
        Dialogs.SaveChoice choice = Dialogs.saveChanges(shell, "Save Changes",
                (names.size() == 1 ? names.get(0) + " has" : String.join(", ", names) + " have")
                        + " unsaved changes.\n\nSave before " + what + "?");
        return switch (choice) {
            case SAVE -> dirty.stream().allMatch(p -> parts.savePart(p, false) && !p.isDirty());
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }
}
