package carnot.workspace;

import carnot.workspace.internal.ExperimentText;
import carnot.workspace.internal.GridPath;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings renamed since experiment files were first written, and how a file that still uses an
 * old name is read: as KNIME keeps old workflows loading after a node's settings are renamed, the
 * old name is accepted with a warning that names the file, the component and both names, and
 * {@code carnot migrate FILE} rewrites the file to the current names.
 *
 * <p>The vocabulary (docs/settings.md): {@code sampleSize} is how many examples a computation
 * uses (the first n of the split; 0: all), {@code exampleIndices} is which examples (a list of
 * indices). Before, {@code examples} meant the count in the curvature analyses and the index list
 * in {@code outputs}, and the landscape analyses called the count {@code maxExamples}. A rename
 * applies to the components it names only, so a third-party component's own {@code examples}
 * setting keeps its meaning.
 */
public final class SettingRenames {

    /** A setting renamed in the components with these ids. */
    public record Rename(String oldName, String newName, Set<String> components) {
    }

    /**
     * One old name found in a file.
     *
     * @param field     where: {@code analyses[0].settings.examples}, or a sweep axis
     *                  {@code sweep.grid["analyses[0].settings.examples"]}
     * @param component the component's id
     */
    public record Change(String field, String component, String oldName, String newName) {

        /** The warning for a file read with this old name. */
        public String warning(Path file) {
            return file + ": " + field + " (" + component + "): the setting \"" + oldName + "\" is now called \""
                    + newName + "\"; read as \"" + newName + "\" (`carnot migrate " + file
                    + "` rewrites the file)";
        }
    }

    /**
     * A file rewritten to the current names.
     *
     * @param text    the new text: the old one with the renamed keys patched in, comments and layout kept
     * @param changes what was renamed; empty when the file already uses the current names
     */
    public record Migration(String text, List<Change> changes) {
    }

    /** Every rename so far, oldest first. */
    public static final List<Rename> RENAMES = List.of(
            new Rename("examples", "sampleSize", Set.of("hessian-spectrum", "sharpness", "reparameterization-audit")),
            new Rename("maxExamples", "sampleSize", Set.of("trajectory", "interpolation", "plane", "slices")),
            new Rename("examples", "exampleIndices", Set.of("outputs")));

    private SettingRenames() {
    }

    /**
     * An experiment or sweep file with its old setting names replaced, checked to read as an
     * experiment or sweep without any old name left. The file itself is not written.
     *
     * @throws ExperimentFileException naming the file and the field: missing or unreadable file,
     *                                 malformed JSON, a component holding a setting under both names,
     *                                 or a migrated file that does not read (unknown keys, bad values)
     */
    public static Migration migrate(Path file) throws ExperimentFileException {
        String text = ExperimentText.read(file);
        ObjectNode root = ExperimentFiles.tree(file, text);
        List<Change> changes = apply(file, root);
        String migrated = changes.isEmpty() ? text : JsonTextPatch.patch(text, root);
        ObjectNode reread = ExperimentFiles.tree(file, migrated);
        if (!reread.equals(root) || !apply(file, reread).isEmpty()) {
            throw new IllegalStateException(file + ": the migrated text does not hold the migrated experiment");
        }
        if (reread.has(Sweeps.SWEEP)) {
            Sweeps.parse(file, migrated);
        } else {
            ExperimentFiles.parse(file, migrated);
        }
        return new Migration(migrated, changes);
    }

    /**
     * Renames every old setting name in an experiment or sweep tree, in place: the components'
     * settings and the sweep's grid paths that end in a setting. Key order is kept.
     *
     * @param file for messages only
     * @return what was renamed, in file order; empty for a file in the current names
     * @throws ExperimentFileException when a component holds both a setting's old and new name
     */
    public static List<Change> apply(Path file, ObjectNode root) throws ExperimentFileException {
        List<Change> changes = new ArrayList<>();
        for (String key : ExperimentFiles.SINGLE_COMPONENTS.keySet()) {
            component(file, root.get(key), key, changes);
        }
        for (String key : ExperimentFiles.COMPONENT_LISTS.keySet()) {
            JsonNode list = root.get(key);
            if (list != null && list.isArray()) {
                for (int i = 0; i < list.size(); i++) {
                    component(file, list.get(i), key + "[" + i + "]", changes);
                }
            }
        }
        JsonNode sweep = root.get(Sweeps.SWEEP);
        JsonNode grid = sweep == null ? null : sweep.get("grid");
        if (grid instanceof ObjectNode axes) {
            gridPaths(file, root, axes, changes);
        }
        return changes;
    }

    private static void component(Path file, JsonNode node, String field, List<Change> changes)
            throws ExperimentFileException {
        if (node == null || !node.isObject() || !(node.get("settings") instanceof ObjectNode settings)) {
            return;
        }
        String id = node.path("id").asText("");
        for (Rename rename : RENAMES) {
            if (!rename.components().contains(id) || !settings.has(rename.oldName())) {
                continue;
            }
            String where = field + ".settings." + rename.oldName();
            if (settings.has(rename.newName())) {
                throw new ExperimentFileException(file, where, "both \"" + rename.oldName() + "\" (the former name) and \""
                        + rename.newName() + "\" are set for " + id + ": keep \"" + rename.newName() + "\" only");
            }
            renameKey(settings, rename.oldName(), rename.newName());
            changes.add(new Change(where, id, rename.oldName(), rename.newName()));
        }
    }

    private static void gridPaths(Path file, ObjectNode root, ObjectNode grid, List<Change> changes)
            throws ExperimentFileException {
        List<String> paths = new ArrayList<>();
        grid.fieldNames().forEachRemaining(paths::add);
        for (String path : paths) {
            GridPath parsed;
            try {
                parsed = GridPath.parse(file, path, path, Sweeps.SECTIONS);
            } catch (ExperimentFileException e) {
                continue; // the sweep reader reports a bad path with its own message
            }
            JsonNode owner = parsed.settingOwner(root);
            String id = owner == null ? "" : owner.isTextual() ? owner.textValue() : owner.path("id").asText("");
            for (Rename rename : RENAMES) {
                if (rename.components().contains(id) && parsed.lastKey().equals(rename.oldName())) {
                    String renamed = parsed.withLastKey(rename.newName());
                    String where = Sweeps.SWEEP + ".grid[\"" + path + "\"]";
                    if (grid.has(renamed)) {
                        throw new ExperimentFileException(file, where, "the grid also varies \"" + renamed
                                + "\", the same setting under its current name: keep one");
                    }
                    renameKey(grid, path, renamed);
                    changes.add(new Change(where, id, rename.oldName(), rename.newName()));
                }
            }
        }
    }

    /** Renames a key of {@code object} where it stands (Jackson keeps insertion order). */
    private static void renameKey(ObjectNode object, String from, String to) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> fields.put(e.getKey().equals(from) ? to : e.getKey(), e.getValue()));
        object.removeAll();
        object.setAll(fields);
    }
}
