package carnot.ui.internal;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * Opens the workbench's per-file parts (experiment editors, run views, comparisons) in the
 * editor stack, from the part descriptors of the application model, or brings forward the one
 * already open on the same file. Parts are removed from the model when closed
 * ({@link EPartService#REMOVE_ON_HIDE_TAG}), so opening a file again always makes a fresh part
 * rather than finding a hidden one; the editor stack is shown again if it was emptied and hidden,
 * and the opened part becomes its selected tab.
 */
public final class PartOpener {

    /** The part stack where editors and run views open. */
    public static final String EDITOR_STACK = "carnot.ui.stack.editors";
    /** Persisted-state key of the file or folder a part shows. */
    public static final String PATH_KEY = "carnot.path";
    /** Persisted-state key of the folders a comparison shows, one per line. */
    public static final String PATHS_KEY = "carnot.paths";

    private PartOpener() {
    }

    /** Opens (or activates) the part of a descriptor on a path. */
    public static MPart open(MApplication application, EModelService models, EPartService parts, String descriptorId,
            Path path, String label) {
        String key = path.toAbsolutePath().normalize().toString();
        MPartStack stack = editorStack(application, models);
        MPart existing = find(stack, descriptorId, key);
        if (existing != null) {
            return show(parts, stack, existing);
        }
        MPart part = parts.createPart(descriptorId);
        part.getPersistedState().put(PATH_KEY, key);
        part.setLabel(label);
        part.setTooltip(key);
        return show(parts, add(stack, part), part);
    }

    /**
     * Opens a part of a descriptor on several paths (a comparison of runs), kept one per line
     * under {@link #PATHS_KEY}; the same paths again bring the open one forward.
     */
    public static MPart openMany(MApplication application, EModelService models, EPartService parts,
            String descriptorId, List<Path> paths, String label) {
        String key = String.join("\n", paths.stream().map(Path::toString).toList());
        MPartStack stack = editorStack(application, models);
        if (stack != null) {
            for (MPart existing : partsOf(stack)) {
                if (descriptorId.equals(existing.getElementId()) && key.equals(existing.getPersistedState().get(PATHS_KEY))) {
                    return show(parts, stack, existing);
                }
            }
        }
        MPart part = parts.createPart(descriptorId);
        part.getPersistedState().put(PATHS_KEY, key);
        part.setLabel(label);
        return show(parts, add(stack, part), part);
    }

    /** The part of a descriptor open on a path in the stack, or {@code null}. */
    static MPart find(MPartStack stack, String descriptorId, String key) {
        if (stack == null) {
            return null;
        }
        for (MPart existing : partsOf(stack)) {
            if (descriptorId.equals(existing.getElementId()) && key.equals(existing.getPersistedState().get(PATH_KEY))) {
                return existing;
            }
        }
        return null;
    }

    /** The parts in a stack (directly, or through placeholders' references). */
    public static List<MPart> partsOf(MPartStack stack) {
        return stack.getChildren().stream().filter(MPart.class::isInstance).map(MPart.class::cast).toList();
    }

    /**
     * Adds a new part to the stack, tagged to be removed when closed; the stack is made visible
     * again (the model's clean-up hides a stack whose last tab was closed).
     */
    public static MPartStack add(MPartStack stack, MPart part) {
        if (!part.getTags().contains(EPartService.REMOVE_ON_HIDE_TAG)) {
            part.getTags().add(EPartService.REMOVE_ON_HIDE_TAG);
        }
        part.setCloseable(true);
        if (stack != null) {
            stack.getChildren().add(part);
            reveal(stack);
        }
        return stack;
    }

    private static MPart show(EPartService parts, MPartStack stack, MPart part) {
        part.setToBeRendered(true);
        part.setVisible(true);
        if (stack != null) {
            reveal(stack);
            stack.setSelectedElement(part);
        }
        return parts.showPart(part, PartState.ACTIVATE);
    }

    /** Makes an element and its containers rendered and visible. */
    public static void reveal(MUIElement element) {
        for (MUIElement e = element; e != null && !(e instanceof MWindow); e = e.getParent()) {
            e.setToBeRendered(true);
            e.setVisible(true);
        }
    }

    /** The editor stack, or {@code null} if the model has none. */
    public static MPartStack editorStack(MApplication application, EModelService models) {
        List<MPartStack> stacks = models.findElements(application, EDITOR_STACK, MPartStack.class, null);
        return stacks.isEmpty() ? null : stacks.get(0);
    }

    /** The paths a part was opened on with {@link #openMany}. */
    public static List<Path> paths(MPart part) {
        String value = part.getPersistedState().get(PATHS_KEY);
        return value == null || value.isBlank() ? List.of() : value.lines().map(Path::of).toList();
    }

    /** The path a part was opened on. */
    public static Path path(MPart part) {
        String value = part.getPersistedState().get(PATH_KEY);
        return value == null ? null : Path.of(value);
    }
}
