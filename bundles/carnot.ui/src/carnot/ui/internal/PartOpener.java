package carnot.ui.internal;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * Opens the workbench's per-file parts (experiment editors, run views, comparisons) in the
 * editor stack, from the part descriptors of the application model, or brings forward the one
 * already open on the same file.
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
        for (MPart existing : parts.getParts()) {
            if (descriptorId.equals(existing.getElementId()) && key.equals(existing.getPersistedState().get(PATH_KEY))) {
                parts.showPart(existing, PartState.ACTIVATE);
                return existing;
            }
        }
        MPart part = parts.createPart(descriptorId);
        part.getPersistedState().put(PATH_KEY, key);
        part.setLabel(label);
        part.setTooltip(key);
        List<MPartStack> stacks = models.findElements(application, EDITOR_STACK, MPartStack.class, null);
        if (!stacks.isEmpty()) {
            stacks.get(0).getChildren().add(part);
        }
        return parts.showPart(part, PartState.ACTIVATE);
    }

    /**
     * Opens a new part of a descriptor on several paths (a comparison of runs), kept one per line
     * under {@link #PATHS_KEY}.
     */
    public static MPart openMany(MApplication application, EModelService models, EPartService parts,
            String descriptorId, List<Path> paths, String label) {
        MPart part = parts.createPart(descriptorId);
        part.getPersistedState().put(PATHS_KEY, String.join("\n", paths.stream().map(Path::toString).toList()));
        part.setLabel(label);
        List<MPartStack> stacks = models.findElements(application, EDITOR_STACK, MPartStack.class, null);
        if (!stacks.isEmpty()) {
            stacks.get(0).getChildren().add(part);
        }
        return parts.showPart(part, PartState.ACTIVATE);
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
