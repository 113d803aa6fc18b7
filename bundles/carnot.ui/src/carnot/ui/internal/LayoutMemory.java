package carnot.ui.internal;

import carnot.workspace.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartSashContainerElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * Remembers the workbench's layout and open tabs across restarts: the sizes of the sashes, the
 * window's bounds, and the experiment editors, run views and comparisons open in the editor stack
 * (with the selected one), saved at shut-down into {@code <workspace>/.carnot/workbench.properties}
 * and restored at start-up. The application model itself is always read fresh from
 * Application.e4xmi (the product starts with {@code -clearPersistedState}), so a new version's
 * views appear; only what the user arranged is carried over. Tabs on files that are gone are not
 * reopened. {@link #reset} puts the sizes back to the model's.
 */
public final class LayoutMemory {

    /** The file, relative to the workspace. */
    public static final String FILE = ".carnot/workbench.properties";

    private static final String WEIGHT = "weight.";
    private static final String TAB = "tab.";
    private static final String SELECTED = "selected";
    private static final String WINDOW = "window";

    private final Map<String, String> defaults = new LinkedHashMap<>();

    /** Notes the model's own sizes (for {@link #reset}); call once, before {@link #restore}. */
    public void rememberDefaults(MApplication application, EModelService models) {
        for (MPartSashContainerElement element : sized(application, models)) {
            defaults.put(element.getElementId(), element.getContainerData());
        }
    }

    /** Writes the layout and the open tabs. */
    public static void save(MApplication application, EModelService models, Path workspace) throws IOException {
        Properties properties = new Properties();
        for (MPartSashContainerElement element : sized(application, models)) {
            if (element.getContainerData() != null) {
                properties.setProperty(WEIGHT + element.getElementId(), element.getContainerData());
            }
        }
        MPartStack stack = PartOpener.editorStack(application, models);
        if (stack != null) {
            int index = 0;
            for (MPart part : PartOpener.partsOf(stack)) {
                String path = part.getPersistedState().get(PartOpener.PATH_KEY);
                String paths = part.getPersistedState().get(PartOpener.PATHS_KEY);
                if (!part.isToBeRendered() || (path == null && paths == null)) {
                    continue;
                }
                String prefix = TAB + index + ".";
                properties.setProperty(prefix + "descriptor", part.getElementId());
                properties.setProperty(prefix + "label", part.getLabel() == null ? "" : part.getLabel());
                properties.setProperty(prefix + (path != null ? "path" : "paths"), path != null ? path : paths);
                if (part == stack.getSelectedElement()) {
                    properties.setProperty(SELECTED, Integer.toString(index));
                }
                index++;
            }
        }
        MWindow window = application.getChildren().isEmpty() ? null : application.getChildren().get(0);
        if (window != null && window.getWidth() > 0) {
            properties.setProperty(WINDOW, window.getX() + "," + window.getY() + "," + window.getWidth() + ","
                    + window.getHeight());
        }
        StringWriter text = new StringWriter();
        properties.store(text, "Carnot workbench layout and open tabs (written at shut-down)");
        AtomicFiles.write(workspace.resolve(FILE), text.toString());
    }

    /**
     * Restores what {@link #save} wrote, if anything: sizes, window bounds, and the tabs whose
     * files still exist, in order, the selected one in front.
     *
     * @return the parts reopened
     */
    public static List<MPart> restore(MApplication application, EModelService models, EPartService parts, Path workspace)
            throws IOException {
        Path file = workspace.resolve(FILE);
        List<MPart> reopened = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return reopened;
        }
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        for (MPartSashContainerElement element : sized(application, models)) {
            String weight = properties.getProperty(WEIGHT + element.getElementId());
            if (weight != null && weight.matches("\\d+(\\.\\d+)?")) {
                element.setContainerData(weight);
            }
        }
        restoreWindow(application, properties.getProperty(WINDOW));
        MPartStack stack = PartOpener.editorStack(application, models);
        int selected = Integer.parseInt(properties.getProperty(SELECTED, "-1").strip());
        MPart front = null;
        for (int index = 0; properties.containsKey(TAB + index + ".descriptor"); index++) {
            String prefix = TAB + index + ".";
            String path = properties.getProperty(prefix + "path");
            String paths = properties.getProperty(prefix + "paths");
            String first = path != null ? path : paths == null ? null : paths.lines().findFirst().orElse(null);
            if (stack == null || first == null || !Files.exists(Path.of(first))) {
                continue;
            }
            MPart part = parts.createPart(properties.getProperty(prefix + "descriptor"));
            if (part == null) {
                continue;
            }
            part.getPersistedState().put(path != null ? PartOpener.PATH_KEY : PartOpener.PATHS_KEY,
                    path != null ? path : paths);
            part.setLabel(properties.getProperty(prefix + "label", ""));
            part.setTooltip(path);
            PartOpener.add(stack, part);
            reopened.add(part);
            if (index == selected) {
                front = part;
            }
        }
        if (stack != null && (front != null || !reopened.isEmpty())) {
            stack.setSelectedElement(front != null ? front : reopened.get(reopened.size() - 1));
        }
        return reopened;
    }

    /** Puts the sizes back to the model's own (Window &gt; Reset Layout). */
    public void reset(MApplication application, EModelService models) {
        for (MPartSashContainerElement element : sized(application, models)) {
            String weight = defaults.get(element.getElementId());
            if (weight != null) {
                element.setContainerData(weight);
            }
        }
    }

    private static void restoreWindow(MApplication application, String bounds) {
        if (bounds == null || application.getChildren().isEmpty() || !bounds.matches("-?\\d+,-?\\d+,\\d+,\\d+")) {
            return;
        }
        String[] values = bounds.split(",");
        MWindow window = application.getChildren().get(0);
        window.setX(Integer.parseInt(values[0]));
        window.setY(Integer.parseInt(values[1]));
        window.setWidth(Integer.parseInt(values[2]));
        window.setHeight(Integer.parseInt(values[3]));
    }

    /** The workbench's own elements whose size in their sash the user can change. */
    private static List<MPartSashContainerElement> sized(MApplication application, EModelService models) {
        List<MPartSashContainerElement> elements = new ArrayList<>();
        for (MUIElement element : models.findElements(application, null, MPartSashContainerElement.class, null)) {
            if (element instanceof MPartSashContainerElement sized && element.getElementId() != null
                    && element.getElementId().startsWith("carnot.ui.") && !(element instanceof MPart)) {
                elements.add(sized);
            }
        }
        return elements;
    }
}
