package carnot.workspace;

import carnot.workspace.internal.ExperimentText;

import carnot.api.component.ComponentKind;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

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

    /** The top-level keys naming one component, in file order, with their kinds. */
    public static final Map<String, ComponentKind> SINGLE_COMPONENTS = orderedMap("dataset", ComponentKind.DATASET,
            "model", ComponentKind.ARCHITECTURE, "optimizer", ComponentKind.OPTIMIZER, "loss", ComponentKind.LOSS);
    /** The top-level keys holding lists of components, in file order, with their kinds. */
    public static final Map<String, ComponentKind> COMPONENT_LISTS = orderedMap("perturbations",
            ComponentKind.PERTURBATION, "regularizers", ComponentKind.REGULARIZER, "analyses", ComponentKind.ANALYSIS);
    /** Every top-level key of an experiment file (a sweep file adds {@value Sweeps#SWEEP}). */
    public static final Set<String> TOP_LEVEL = topLevel();

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ExperimentFiles() {
    }

    private static Map<String, ComponentKind> orderedMap(Object... keysAndKinds) {
        Map<String, ComponentKind> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndKinds.length; i += 2) {
            map.put((String) keysAndKinds[i], (ComponentKind) keysAndKinds[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static Set<String> topLevel() {
        Set<String> keys = new java.util.LinkedHashSet<>(List.of("format", "name", "description", "seed", "training"));
        keys.addAll(SINGLE_COMPONENTS.keySet());
        keys.addAll(COMPONENT_LISTS.keySet());
        return java.util.Collections.unmodifiableSet(keys);
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

    /**
     * Reads an experiment file, telling {@code warnings} of every setting it names by a former name
     * ({@link SettingRenames}: the file still reads, under the current name).
     */
    public static ExperimentSpec read(Path file, Consumer<String> warnings) throws ExperimentFileException {
        return parse(file, text(file), warnings);
    }

    /** Parses experiment JSON; {@code file} is used in messages only; former setting names go to the debug log. */
    public static ExperimentSpec parse(Path file, String text) throws ExperimentFileException {
        return parse(file, text, LOGGED);
    }

    /** Parses experiment JSON, telling {@code warnings} of former setting names; {@code file} is used in messages only. */
    public static ExperimentSpec parse(Path file, String text, Consumer<String> warnings) throws ExperimentFileException {
        ObjectNode root = renamed(file, tree(file, text), warnings);
        if (root.has(Sweeps.SWEEP)) {
            throw new ExperimentFileException(file, Sweeps.SWEEP, "this file is a sweep (a grid of experiments): "
                    + "`carnot run` runs every point of it; this command takes a single experiment");
        }
        return new ExperimentReader(file).experiment(root);
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

    /**
     * Former setting names go to the debug log when the caller gives no place for warnings: the
     * front ends that read a file for a user (carnot validate, carnot run) pass their own and print
     * the warning once; the run service reading the same file again must not repeat it.
     */
    static final Consumer<String> LOGGED = warning -> System.getLogger(ExperimentFiles.class.getName())
            .log(System.Logger.Level.DEBUG, warning);

    /** The tree with former setting names replaced ({@link SettingRenames}), each one told to {@code warnings}. */
    static ObjectNode renamed(Path file, ObjectNode root, Consumer<String> warnings) throws ExperimentFileException {
        for (SettingRenames.Change change : SettingRenames.apply(file, root)) {
            warnings.accept(change.warning(file));
        }
        return root;
    }

    /** An experiment from its JSON tree (which must not hold a sweep). */
    static ExperimentSpec experiment(Path file, ObjectNode root) throws ExperimentFileException {
        return new ExperimentReader(file).experiment(root);
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
}
