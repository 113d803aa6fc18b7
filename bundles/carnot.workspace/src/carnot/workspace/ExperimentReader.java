package carnot.workspace;

import carnot.api.component.InvalidSettingsException;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.TrainingSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Field-by-field reading with messages that name the path. */
final class ExperimentReader {

    private static final Set<String> COMPONENT_KEYS = Set.of("id", "settings");
    private static final Set<String> ANALYSIS_KEYS = Set.of("id", "settings", "every", "atInit");

    private final Path file;

    ExperimentReader(Path file) {
        this.file = file;
    }

    ExperimentSpec experiment(ObjectNode root) throws ExperimentFileException {
        checkKeys(root, ExperimentFiles.TOP_LEVEL, null);
        int format = root.has("format") ? integer(root.get("format"), "format") : ExperimentSpec.FORMAT;
        if (format != ExperimentSpec.FORMAT) {
            throw error("format", format > ExperimentSpec.FORMAT
                    ? "format " + format + " was written by a newer Carnot; this one reads format "
                            + ExperimentSpec.FORMAT
                    : "unknown format " + format + "; allowed: " + ExperimentSpec.FORMAT);
        }
        String name = text(required(root, "name", null), "name");
        if (!ExperimentSpec.NAME.matcher(name).matches()) {
            throw error("name", "\"" + name + "\" is not allowed: use 1 to 100 letters, digits, '.', '-' or '_', "
                    + "starting with a letter or digit (it names the run folder inside the workspace)");
        }
        String description = root.has("description") ? text(root.get("description"), "description") : "";
        long seed = root.has("seed") ? longValue(root.get("seed"), "seed") : 0L;
        ComponentSpec dataset = component(required(root, "dataset", null), "dataset");
        List<ComponentSpec> perturbations = components(root, "perturbations");
        ComponentSpec model = component(required(root, "model", null), "model");
        ComponentSpec optimizer = component(required(root, "optimizer", null), "optimizer");
        ComponentSpec loss = component(required(root, "loss", null), "loss");
        List<ComponentSpec> regularizers = components(root, "regularizers");
        TrainingSpec training;
        JsonNode trainingNode = root.get("training");
        if (trainingNode != null && !trainingNode.isObject()) {
            throw error("training", "expected an object with keys "
                    + String.join(", ", TrainingSpec.SCHEMA.settings().stream().map(s -> s.key()).toList()));
        }
        try {
            training = TrainingSpec.from(TrainingSpec.SCHEMA.validate(
                    trainingNode == null ? Map.of() : values((ObjectNode) trainingNode), "training"));
        } catch (InvalidSettingsException e) {
            throw new ExperimentFileException(file, e.field(), e.getMessage().substring(e.field().length() + 2));
        }
        List<AnalysisSpec> analyses = new ArrayList<>();
        JsonNode list = root.get("analyses");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw error("analyses", "expected a list of analyses");
            }
            for (int i = 0; i < list.size(); i++) {
                analyses.add(analysis(list.get(i), "analyses[" + i + "]"));
            }
        }
        return ExperimentSpec.builder(name).format(format).description(description).seed(seed).dataset(dataset)
                .perturbations(perturbations).model(model).optimizer(optimizer).loss(loss)
                .regularizers(regularizers).training(training).analyses(analyses).build();
    }

    /** An optional list of components under {@code key}; empty when absent or null. */
    private List<ComponentSpec> components(ObjectNode root, String key) throws ExperimentFileException {
        List<ComponentSpec> components = new ArrayList<>();
        JsonNode list = root.get(key);
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw error(key, "expected a list of components");
            }
            for (int i = 0; i < list.size(); i++) {
                components.add(component(list.get(i), key + "[" + i + "]"));
            }
        }
        return components;
    }

    private ComponentSpec component(JsonNode node, String field) throws ExperimentFileException {
        if (node.isTextual()) {
            return ComponentSpec.of(id(node, field));
        }
        if (!node.isObject()) {
            throw error(field, "expected a component: an id string or {\"id\": ..., \"settings\": {...}}");
        }
        checkKeys((ObjectNode) node, COMPONENT_KEYS, field);
        String id = id(required((ObjectNode) node, "id", field), field + ".id");
        return new ComponentSpec(id, settings(node.get("settings"), field + ".settings"));
    }

    private AnalysisSpec analysis(JsonNode node, String field) throws ExperimentFileException {
        if (node.isTextual()) {
            return new AnalysisSpec(id(node, field), Map.of(), 0, false);
        }
        if (!node.isObject()) {
            throw error(field, "expected an analysis: an id string or {\"id\": ..., \"settings\": {...}, "
                    + "\"every\": k, \"atInit\": false}");
        }
        checkKeys((ObjectNode) node, ANALYSIS_KEYS, field);
        String id = id(required((ObjectNode) node, "id", field), field + ".id");
        int every = node.has("every") ? integer(node.get("every"), field + ".every") : 0;
        if (every < 0) {
            throw error(field + ".every", "expected an integer >= 0 (0: after the last epoch only), got " + every);
        }
        boolean atInit = false;
        if (node.has("atInit")) {
            if (!node.get("atInit").isBoolean()) {
                throw error(field + ".atInit", "expected true or false");
            }
            atInit = node.get("atInit").booleanValue();
        }
        return new AnalysisSpec(id, settings(node.get("settings"), field + ".settings"), every, atInit);
    }

    private Map<String, Object> settings(JsonNode node, String field) throws ExperimentFileException {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw error(field, "expected an object of settings");
        }
        return values((ObjectNode) node);
    }

    private Map<String, Object> values(ObjectNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            map.put(entry.getKey(), ExperimentFiles.MAPPER.convertValue(entry.getValue(), Object.class));
        }
        return map;
    }

    private String id(JsonNode node, String field) throws ExperimentFileException {
        String id = text(node, field);
        if (id.isBlank()) {
            throw error(field, "component id is empty");
        }
        return id;
    }

    private JsonNode required(ObjectNode node, String key, String parent) throws ExperimentFileException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw error(parent == null ? key : parent + "." + key, "required");
        }
        return value;
    }

    private void checkKeys(ObjectNode node, Set<String> allowed, String parent) throws ExperimentFileException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                throw error(parent == null ? key : parent + "." + key,
                        "unknown key; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private String text(JsonNode node, String field) throws ExperimentFileException {
        if (!node.isTextual()) {
            throw error(field, "expected a string, got " + brief(node));
        }
        return node.textValue();
    }

    private int integer(JsonNode node, String field) throws ExperimentFileException {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error(field, "expected an integer" + (node.isIntegralNumber() ? " of at most "
                    + Integer.MAX_VALUE + " (2^31-1)" : "") + ", got " + brief(node));
        }
        return node.intValue();
    }

    private long longValue(JsonNode node, String field) throws ExperimentFileException {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error(field, "expected an integer of at most " + Long.MAX_VALUE + " (2^63-1), got "
                    + brief(node));
        }
        return node.longValue();
    }

    /** A value for a message: short values as written, long ones cut, containers by size. */
    private static String brief(JsonNode node) {
        if (node.isContainerNode() && node.size() > 10) {
            return (node.isArray() ? "a list of " : "an object of ") + node.size()
                    + (node.isArray() ? " values" : " keys");
        }
        String text = node.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }

    private ExperimentFileException error(String field, String message) {
        return new ExperimentFileException(file, field, message);
    }
}
