package carnot.ui.internal.editor;

import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.InvalidSettingsException;
import carnot.api.experiment.TrainingSpec;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.JsonTextPatch;
import carnot.workspace.Sweeps;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The experiment an editor works on, as a JSON tree in the file format of {@link ExperimentFiles}.
 * The form and the source tab both edit this one tree: the form through {@link #root()}, the
 * source tab through {@link #setText}; {@link #text()} is what is saved. A setting the user left
 * empty is absent from the tree, so the provider's default applies and the file stays short.
 * The text is the file's own, patched where the form changed the tree ({@link JsonTextPatch}),
 * so the comments and the layout of a hand-written file survive form edits.
 */
public final class ExperimentDocument {

    /** The top-level keys naming one component, in file order, with their kinds. */
    public static final Map<String, ComponentKind> SINGLE = ExperimentFiles.SINGLE_COMPONENTS;
    /** The top-level keys holding lists of components, with their kinds. */
    public static final Map<String, ComponentKind> LISTS = ExperimentFiles.COMPONENT_LISTS;

    /** The experiment files' own mapper, so that the editor reads a file exactly as a run does. */
    static final ObjectMapper JSON = ExperimentFiles.mapper();

    /**
     * One thing wrong with the experiment.
     *
     * @param field dotted path of the field ({@code model.settings.hidden}), or {@code null} for
     *              the whole file (malformed JSON)
     */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field == null ? message : field + ": " + message;
        }
    }

    private final Path file;
    private ObjectNode root;
    /** The text last written or read, and the tree it holds: the base that form edits patch. */
    private String text;
    private JsonNode written;

    private ExperimentDocument(Path file, ObjectNode root, String text) {
        this.file = file;
        this.root = root;
        this.text = text;
        this.written = root.deepCopy();
    }

    /**
     * Parses experiment text.
     *
     * @throws ExperimentFileException for malformed JSON (with line and column) or not one object
     */
    public static ExperimentDocument parse(Path file, String text) throws ExperimentFileException {
        return new ExperimentDocument(file, parseObject(file, text), text);
    }

    private static ObjectNode parseObject(Path file, String text) throws ExperimentFileException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new ExperimentFileException(file, where == null ? 0 : where.getLineNr(),
                    where == null ? 0 : where.getColumnNr(), "malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ExperimentFileException(file, null, "an experiment file holds one JSON object");
        }
        return (ObjectNode) node;
    }

    /** A new experiment using the first installed provider of each required kind. */
    public static ExperimentDocument template(Path file, String name, ComponentRegistry registry) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        root.put("name", name);
        root.put("seed", 42);
        for (Map.Entry<String, ComponentKind> single : SINGLE.entrySet()) {
            List<String> ids = registry == null ? List.of() : registry.ids(single.getValue());
            String preferred = switch (single.getKey()) {
                case "dataset" -> "idx";
                case "model" -> "mlp";
                case "optimizer" -> "sgd";
                default -> "cross-entropy";
            };
            String id = ids.contains(preferred) || ids.isEmpty() ? preferred : ids.get(0);
            root.putObject(single.getKey()).put("id", id).putObject("settings");
        }
        root.putObject("training").put("epochs", 10);
        root.putArray("analyses");
        try {
            return new ExperimentDocument(file, root, JSON.writeValueAsString(root) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** The tree; edit it in place, then call {@link #text()} for the new file content. */
    public ObjectNode root() {
        return root;
    }

    /** Replaces the tree from text (the source tab). The tree is unchanged if the text does not parse. */
    public void setText(String newText) throws ExperimentFileException {
        root = parseObject(file, newText);
        text = newText;
        written = root.deepCopy();
    }

    /** The file content: the text read or typed, with the form's changes patched in. */
    public String text() {
        JsonNode target = conform(root, written);
        if (!target.equals(written)) {
            text = JsonTextPatch.patch(text, target);
            written = target;
        }
        return text;
    }

    /**
     * The tree as the text would say it: the form expands a bare id into {@code {"id": ...}} and
     * creates empty {@code settings}, lists and sections to edit them, which mean the same as the
     * short form the file had; those are written back in the file's form, so that opening and
     * saving a file changes only what the user changed.
     *
     * @param updated  the edited tree, not modified
     * @param original the tree of the text at the same place, or {@code null} where it had none
     */
    static JsonNode conform(JsonNode updated, JsonNode original) {
        if (original != null && original.isTextual() && updated.isObject() && updated.path("id").equals(original)
                && updated.size() <= 2 && (updated.size() == 1 || isEmptyContainer(updated.get("settings")))) {
            return original;
        }
        if (updated.isObject()) {
            ObjectNode result = JSON.createObjectNode();
            updated.fields().forEachRemaining(field -> {
                JsonNode before = original == null ? null : original.get(field.getKey());
                if (before != null || !isEmptyContainer(field.getValue())) {
                    result.set(field.getKey(), conform(field.getValue(), before));
                }
            });
            return result;
        }
        if (updated.isArray()) {
            ArrayNode result = JSON.createArrayNode();
            for (int i = 0; i < updated.size(); i++) {
                result.add(conform(updated.get(i), original != null && original.isArray() && i < original.size()
                        ? original.get(i) : null));
            }
            return result;
        }
        return updated;
    }

    private static boolean isEmptyContainer(JsonNode node) {
        return node != null && node.isContainerNode() && node.isEmpty();
    }

    /** Whether the experiment is a sweep: a grid of experiments and seeds (a {@code sweep} key). */
    public boolean isSweep() {
        return root.has(Sweeps.SWEEP);
    }

    /** The {@code settings} object of a component node, created if absent (a bare id is expanded). */
    public static ObjectNode settingsOf(ObjectNode component) {
        JsonNode settings = component.get("settings");
        return settings instanceof ObjectNode object ? object : component.putObject("settings");
    }

    /**
     * The component object at {@code key} (a top-level key or a list element), expanding a bare id
     * string into {@code {"id": ...}} so that the form can edit it.
     */
    public ObjectNode component(String key) {
        JsonNode node = root.get(key);
        if (node != null && node.isTextual()) {
            ObjectNode expanded = root.putObject(key);
            expanded.put("id", node.textValue());
            return expanded;
        }
        return node instanceof ObjectNode object ? object : root.putObject(key);
    }

    /** The list at {@code key} with every bare id expanded into an object; created if absent. */
    public ArrayNode list(String key) {
        JsonNode node = root.get(key);
        ArrayNode list = node instanceof ArrayNode array ? array : root.putArray(key);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isTextual()) {
                ObjectNode expanded = JSON.createObjectNode();
                expanded.put("id", list.get(i).textValue());
                list.set(i, expanded);
            }
        }
        return list;
    }

    /**
     * Everything wrong with the experiment that can be told without loading data: the file's
     * structure ({@link ExperimentFiles#parse}: names, keys, training), then every component's
     * id and settings against its installed provider, each named by its dotted field.
     *
     * @param registry the installed providers; {@code null} checks the structure only
     */
    public List<Problem> validate(ComponentRegistry registry) {
        List<Problem> problems = new ArrayList<>();
        try {
            if (isSweep()) {
                // Every point of the grid is checked as an experiment file (docs/sweeps.md).
                Sweeps.parse(file, text());
            } else {
                ExperimentFiles.parse(file, text());
            }
        } catch (ExperimentFileException e) {
            problems.add(new Problem(e.field(), stripPrefix(e.getMessage(), e.field())));
        }
        validateTraining(problems);
        if (registry == null) {
            problems.add(new Problem(null, "no component registry: component ids and settings are not checked"));
            return problems;
        }
        for (Map.Entry<String, ComponentKind> single : SINGLE.entrySet()) {
            JsonNode node = root.get(single.getKey());
            if (node != null) {
                validateComponent(node, single.getKey(), single.getValue(), registry, problems);
            }
        }
        for (Map.Entry<String, ComponentKind> list : LISTS.entrySet()) {
            JsonNode node = root.get(list.getKey());
            if (node != null && node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    validateComponent(node.get(i), list.getKey() + "[" + i + "]", list.getValue(), registry, problems);
                }
            }
        }
        // The structural check stops at the first problem; settings problems may repeat it.
        return problems.stream().distinct().toList();
    }

    private void validateTraining(List<Problem> problems) {
        JsonNode training = root.get("training");
        if (training instanceof ObjectNode object) {
            try {
                TrainingSpec.SCHEMA.validate(values(object), "training");
            } catch (InvalidSettingsException e) {
                problems.add(new Problem(e.field(), stripPrefix(e.getMessage(), e.field())));
            }
        }
    }

    private void validateComponent(JsonNode node, String field, ComponentKind kind, ComponentRegistry registry,
            List<Problem> problems) {
        String id = node.isTextual() ? node.textValue() : node.path("id").asText("");
        if (id.isBlank()) {
            problems.add(new Problem(field + ".id", "required; installed " + kind.plural() + ": "
                    + String.join(", ", registry.ids(kind))));
            return;
        }
        ComponentDescriptor descriptor = registry.describe(kind, id).orElse(null);
        if (descriptor == null) {
            problems.add(new Problem(field + ".id", "unknown " + kind.label() + " '" + id + "'; installed: "
                    + String.join(", ", registry.ids(kind))));
            return;
        }
        JsonNode settings = node.get("settings");
        if (settings != null && !settings.isObject() && !settings.isNull()) {
            problems.add(new Problem(field + ".settings", "expected an object of settings"));
            return;
        }
        try {
            descriptor.schema().validate(settings instanceof ObjectNode object ? values(object) : Map.of(),
                    field + ".settings");
        } catch (InvalidSettingsException e) {
            problems.add(new Problem(e.field(), stripPrefix(e.getMessage(), e.field())));
        }
    }

    /** The raw values of an object, as {@link ExperimentFiles} hands them to schemas. */
    static Map<String, Object> values(ObjectNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            map.put(entry.getKey(), JSON.convertValue(entry.getValue(), Object.class));
        }
        return map;
    }

    /** Messages repeat the file and the field in front; the form shows them next to the field. */
    private String stripPrefix(String message, String field) {
        String text = message;
        String filePrefix = file + ": ";
        if (text.startsWith(filePrefix)) {
            text = text.substring(filePrefix.length());
        }
        if (field != null && text.startsWith(field + ": ")) {
            text = text.substring(field.length() + 2);
        }
        return text;
    }
}
