package carnot.ui.internal.editor;

import carnot.ui.internal.Widgets;
import carnot.workspace.Sweeps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The form's sweep section (docs/sweeps.md): the grid, one row per axis (a JSON path into the
 * experiment and its values, comma-separated JSON), and the seeds every grid point runs with. An
 * experiment becomes a sweep with "Make Sweep" and a single experiment again with "Remove Sweep".
 * Values that are not JSON are kept as typed (as strings) and the sweep's own validation names
 * them, like every other field.
 */
final class SweepSection {

    private final ExperimentDocument document;
    private final Runnable onEdit;
    private final Runnable onStructure;
    private final BiConsumer<String, Control> register;

    /**
     * @param onEdit      after a value changed
     * @param onStructure after an axis was added or removed, or the sweep made or removed (the form rebuilds)
     * @param register    records an input under its field path ({@code sweep.grid[0].path})
     */
    SweepSection(ExperimentDocument document, Runnable onEdit, Runnable onStructure, BiConsumer<String, Control> register) {
        this.document = document;
        this.onEdit = onEdit;
        this.onStructure = onStructure;
        this.register = register;
    }

    /** Creates the section's controls in a new group. */
    Group create(Composite parent) {
        Group group = new Group(parent, SWT.NONE);
        group.setText("Sweep (a grid of experiments, each with every seed)");
        GridLayoutFactory.swtDefaults().numColumns(3).spacing(8, 4).applyTo(group);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
        ObjectNode root = document.root();
        if (!(root.get(Sweeps.SWEEP) instanceof ObjectNode sweep)) {
            Label none = new Label(group, SWT.WRAP);
            none.setText("Not a sweep: one run per Run.");
            GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(none);
            Button make = Widgets.button(group, "Make Sweep", "Add a grid over a setting and a list of seeds", () -> {
                ObjectNode created = root.putObject(Sweeps.SWEEP);
                created.putObject("grid").putArray("optimizer.settings.learningRate")
                        .add(root.path("optimizer").path("settings").path("learningRate").asDouble(0.01));
                created.putArray("seeds").add(root.path("seed").asLong(42));
                onStructure.run();
            });
            register.accept("sweep.make", make);
            return group;
        }
        ObjectNode grid = sweep.get("grid") instanceof ObjectNode g ? g : sweep.putObject("grid");
        List<String> paths = new ArrayList<>();
        grid.fieldNames().forEachRemaining(paths::add);
        for (int i = 0; i < paths.size(); i++) {
            axisRow(group, grid, paths.get(i), i);
        }
        Button add = Widgets.button(group, "Add Axis", "Another setting to vary (the grid is every combination)", () -> {
            String path = "training.batchSize";
            for (int n = 2; grid.has(path); n++) {
                path = "training.batchSize" + n;
            }
            grid.putArray(path).add(document.root().path("training").path("batchSize").asInt(32));
            onStructure.run();
        });
        GridDataFactory.swtDefaults().span(3, 1).applyTo(add);
        register.accept("sweep.addAxis", add);

        new Label(group, SWT.NONE).setText("seeds");
        Text seeds = new Text(group, SWT.BORDER | SWT.SINGLE);
        seeds.setText(listText(sweep.get("seeds")));
        seeds.setMessage(Long.toString(root.path("seed").asLong(42)));
        seeds.setToolTipText("the seeds every grid point runs with, comma-separated; empty: the file's seed");
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(seeds);
        seeds.addListener(SWT.Modify, e -> {
            if (seeds.getText().isBlank()) {
                sweep.remove("seeds");
            } else {
                sweep.set("seeds", values(seeds.getText()));
            }
            onEdit.run();
        });
        register.accept("sweep.seeds", seeds);
        Button remove = Widgets.button(group, "Remove Sweep", "Back to a single experiment (the grid and seeds go)", () -> {
            root.remove(Sweeps.SWEEP);
            onStructure.run();
        });
        register.accept("sweep.remove", remove);
        return group;
    }

    private void axisRow(Group group, ObjectNode grid, String path, int index) {
        Text pathText = new Text(group, SWT.BORDER | SWT.SINGLE);
        pathText.setText(path);
        pathText.setToolTipText("JSON path of the value to vary: optimizer.settings.learningRate, model.settings.hidden, "
                + "perturbations[0].settings.probability, model.id");
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(pathText);
        Text valuesText = new Text(group, SWT.BORDER | SWT.SINGLE);
        valuesText.setText(listText(grid.get(path)));
        valuesText.setToolTipText("the values, comma-separated JSON: 0.1, 0.01  or  [64], [256]  or  \"mlp\", \"cnn\"");
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(valuesText);
        String[] current = {path};
        Runnable store = () -> {
            String newPath = pathText.getText().strip();
            ObjectNode rebuilt = grid.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = grid.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                // Keep the axes' order: it is the order of the points (first axis slowest).
                rebuilt.set(field.getKey().equals(current[0]) ? newPath : field.getKey(),
                        field.getKey().equals(current[0]) ? values(valuesText.getText()) : field.getValue());
            }
            grid.removeAll();
            grid.setAll(rebuilt);
            current[0] = newPath;
            onEdit.run();
        };
        pathText.addListener(SWT.Modify, e -> store.run());
        valuesText.addListener(SWT.Modify, e -> store.run());
        Button remove = Widgets.button(group, "Remove", "Remove this axis", () -> {
            grid.remove(current[0]);
            onStructure.run();
        });
        register.accept("sweep.grid[" + index + "].path", pathText);
        register.accept("sweep.grid[" + index + "].values", valuesText);
        register.accept("sweep.grid[" + index + "].remove", remove);
    }

    /** Comma-separated JSON values as an array; a value that is not JSON is kept as a string. */
    static ArrayNode values(String text) {
        ArrayNode array = ExperimentDocument.JSON.createArrayNode();
        try {
            JsonNode parsed = ExperimentDocument.JSON.readTree("[" + text + "]");
            if (parsed instanceof ArrayNode list) {
                return list;
            }
        } catch (java.io.IOException e) {
            // Not JSON as a whole: each piece on its own, strings where they do not parse.
        }
        for (String piece : text.split(",")) {
            String value = piece.strip();
            if (value.isEmpty()) {
                continue;
            }
            try {
                array.add(ExperimentDocument.JSON.readTree(value));
            } catch (java.io.IOException e) {
                array.add(value);
            }
        }
        return array;
    }

    /** The elements of a JSON array as comma-separated JSON ({@code 0.1, 0.01}). */
    static String listText(JsonNode node) {
        if (node == null || !node.isArray()) {
            return "";
        }
        List<String> items = new ArrayList<>();
        node.forEach(item -> items.add(item.toString()));
        return String.join(", ", items);
    }
}
