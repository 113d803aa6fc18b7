package carnot.workspace;

import carnot.workspace.internal.ExperimentText;

import carnot.api.component.InvalidSettingsException;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.TrainingSpec;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes experiment files: JSON (comments allowed, duplicate keys rejected). An
 * experiment file is data: it names components by id and gives their settings; nothing in it
 * is executed. Unknown keys are errors, so that a typo never silently falls back to a default.
 *
 * <pre>
 * {
 *   "format": 1, "name": "quickstart", "seed": 42,
 *   "dataset":   {"id": "idx", "settings": {"trainSize": 10000}},
 *   "perturbations": [{"id": "label-corruption", "settings": {"probability": 0.5}}],
 *   "model":     {"id": "mlp", "settings": {"hidden": [512]}},
 *   "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05}},
 *   "loss": "cross-entropy",
 *   "regularizers": [],
 *   "training":  {"epochs": 10, "batchSize": 128},
 *   "analyses":  [{"id": "margins", "every": 5}]
 * }
 * </pre>
 * A component may be written as its id alone ({@code "loss": "cross-entropy"}).
 */
public final class ExperimentFiles {

    private static final Set<String> TOP_LEVEL = Set.of("format", "name", "description", "seed", "dataset", "perturbations", "model",
            "optimizer", "loss", "regularizers", "training", "analyses");
    private static final Set<String> COMPONENT_KEYS = Set.of("id", "settings");
    private static final Set<String> ANALYSIS_KEYS = Set.of("id", "settings", "every", "atInit");

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ExperimentFiles() {
    }

    /**
     * A copy of the one JSON mapper of experiment files and run-folder records: comments allowed,
     * duplicate keys and trailing tokens rejected, output indented. A copy, so that a caller that
     * configures it cannot change how every other caller reads files; hold it in a constant.
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /**
     * Parses and checks an experiment file. Component settings are checked against their
     * providers only when the run is prepared.
     *
     * @throws ExperimentFileException naming the file and the line and column or the field
     */
    public static ExperimentSpec read(Path file) throws ExperimentFileException {
        return parse(file, text(file));
    }

    /** Parses experiment JSON; {@code file} is used in messages only. */
    public static ExperimentSpec parse(Path file, String text) throws ExperimentFileException {
        ObjectNode root = tree(file, text);
        if (root.has(Sweeps.SWEEP)) {
            throw new ExperimentFileException(file, Sweeps.SWEEP, "this file is a sweep (a grid of experiments): "
                    + "`carnot run` runs every point of it; this command takes a single experiment");
        }
        return new Reader(file).experiment(root);
    }

    /** Reads the JSON tree of an experiment or sweep file (comments allowed, duplicate keys rejected). */
    static ObjectNode tree(Path file) throws ExperimentFileException {
        return tree(file, text(file));
    }

    private static String text(Path file) throws ExperimentFileException {
        return ExperimentText.read(file);
    }

    static ObjectNode tree(Path file, String text) throws ExperimentFileException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw new ExperimentFileException(file, location == null ? 0 : location.getLineNr(),
                    location == null ? 0 : location.getColumnNr(), "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ExperimentFileException(file, null, "an experiment file holds one JSON object");
        }
        return (ObjectNode) root;
    }

    /** An experiment from its JSON tree (which must not hold a sweep). */
    static ExperimentSpec experiment(Path file, ObjectNode root) throws ExperimentFileException {
        return new Reader(file).experiment(root);
    }

    /**
     * Parses a component's settings given as JSON text (for example on the command line).
     *
     * @throws ExperimentFileException if the text is not one JSON object
     */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> parseSettings(String json, String where) throws ExperimentFileException {
        try {
            Object value = MAPPER.readValue(json, Object.class);
            if (value instanceof java.util.Map<?, ?> map) {
                return (java.util.Map<String, Object>) map;
            }
        } catch (JsonProcessingException e) {
            throw new ExperimentFileException(Path.of(where), null, "malformed JSON: " + e.getOriginalMessage());
        }
        throw new ExperimentFileException(Path.of(where), null, "settings must be one JSON object, e.g. {\"bins\": 20}");
    }

    /** The experiment as JSON, in the file format (every default written out if the spec is resolved). */
    public static ObjectNode toJson(ExperimentSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", spec.format());
        root.put("name", spec.name());
        if (!spec.description().isEmpty()) {
            root.put("description", spec.description());
        }
        root.put("seed", spec.seed());
        root.set("dataset", component(spec.dataset()));
        ArrayNode perturbations = root.putArray("perturbations");
        spec.perturbations().forEach(p -> perturbations.add(component(p)));
        root.set("model", component(spec.model()));
        root.set("optimizer", component(spec.optimizer()));
        root.set("loss", component(spec.loss()));
        ArrayNode regularizers = root.putArray("regularizers");
        spec.regularizers().forEach(r -> regularizers.add(component(r)));
        root.set("training", MAPPER.valueToTree(spec.training().asMap()));
        ArrayNode analyses = root.putArray("analyses");
        for (AnalysisSpec analysis : spec.analyses()) {
            ObjectNode node = analyses.addObject();
            node.put("id", analysis.id());
            node.set("settings", MAPPER.valueToTree(analysis.settings()));
            node.put("every", analysis.every());
            node.put("atInit", analysis.atInit());
        }
        return root;
    }

    /** The experiment as pretty-printed JSON text, in the file format. */
    public static String toText(ExperimentSpec spec) {
        try {
            return MAPPER.writeValueAsString(toJson(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write experiment " + spec.name() + " as JSON", e);
        }
    }

    /** Writes an experiment file atomically. */
    public static void write(ExperimentSpec spec, Path file) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsString(toJson(spec)) + "\n");
    }

    private static ObjectNode component(ComponentSpec spec) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", spec.id());
        node.set("settings", MAPPER.valueToTree(spec.settings()));
        return node;
    }

    /** Field-by-field reading with messages that name the path. */
    private static final class Reader {
        private final Path file;

        Reader(Path file) {
            this.file = file;
        }

        ExperimentSpec experiment(ObjectNode root) throws ExperimentFileException {
            checkKeys(root, TOP_LEVEL, null);
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
            return new ExperimentSpec(format, name, description, seed, dataset, perturbations, model, optimizer, loss, regularizers,
                    training, analyses);
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
                map.put(entry.getKey(), MAPPER.convertValue(entry.getValue(), Object.class));
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
}
