package carnot.workspace;

import carnot.workspace.internal.GridPath;

import carnot.api.experiment.ExperimentSpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The sweep form of an experiment file: an ordinary experiment plus a {@code "sweep"} object that
 * names a grid over any of its values by JSON path, and the seeds every grid point runs with.
 *
 * <pre>
 * "sweep": {
 *   "grid": {
 *     "perturbations[1].settings.probability": [0.0, 0.5, 1.0],
 *     "model.settings.hidden": [[64], [512]]
 *   },
 *   "seeds": [1, 2, 3]
 * }
 * </pre>
 * A path is a dotted chain of keys with {@code [i]} list indices, starting at one of the
 * experiment's sections ({@code dataset}, {@code perturbations}, {@code model}, {@code optimizer},
 * {@code loss}, {@code regularizers}, {@code training}, {@code analyses}). Every key before the
 * last must exist in the file except {@code settings}, which is created when absent (a component
 * written as its id alone becomes {@code {"id": ...}}); list indices must exist. The points are
 * the Cartesian product of the axes in the order written (first axis slowest) times the seeds
 * (fastest); each point is a complete experiment checked exactly like a file of its own, so a bad
 * value is reported with the point's coordinates before anything runs.
 */
public final class Sweeps {

    /** The top-level key of the sweep form. */
    public static final String SWEEP = "sweep";

    static final Set<String> SWEEP_KEYS = Set.of("grid", "seeds");
    static final List<String> SECTIONS = List.of("dataset", "perturbations", "model", "optimizer", "loss",
            "regularizers", "training", "analyses");
    /** More points than this is almost certainly a mistake in the file, not a plan. */
    public static final int MAX_POINTS = 10_000;


    private Sweeps() {
    }

    /** One axis of the grid: a JSON path and the values it takes. */
    public record Axis(String path, List<JsonNode> values) {
        public Axis {
            values = List.copyOf(values);
        }

        /** The last key of the path: the short name used in labels ({@code probability}). */
        public String shortName() {
            String last = path.substring(path.lastIndexOf('.') + 1);
            int bracket = last.indexOf('[');
            return bracket < 0 ? last : last.substring(0, bracket);
        }
    }

    /**
     * One point of the sweep: a grid cell and a seed.
     *
     * @param index  position in the sweep, 0-based (cells in order, seeds fastest)
     * @param cell   index of the grid cell (the same for every seed of that cell)
     * @param values the value of each axis, by path, in axis order
     * @param seed   the experiment seed of this point
     * @param spec   the experiment of this point
     * @param tree   the experiment of this point as JSON (the file a point's process reads)
     * @param folder the point's run folder name inside the sweep folder
     */
    public record Point(int index, int cell, Map<String, JsonNode> values, long seed, ExperimentSpec spec,
            ObjectNode tree, String folder) {

        /** {@code probability=0.5, hidden=[64]}: the cell's coordinates for humans. */
        public String label() {
            List<String> parts = new ArrayList<>();
            values.forEach((path, value) -> parts.add(shortName(path) + "=" + valueLabel(value)));
            return parts.isEmpty() ? "(base)" : String.join(", ", parts);
        }
    }

    /**
     * A parsed sweep.
     *
     * @param name   the experiment name (the sweep folder lives under {@code runs/<name>/})
     * @param file   the file it was read from (for messages)
     * @param source the whole file as JSON, the sweep object included
     * @param axes   the grid axes in file order (possibly none: seeds only)
     * @param seeds  the seeds every cell runs with
     * @param points every point, cells in order and seeds fastest
     */
    public record Plan(String name, Path file, ObjectNode source, List<Axis> axes, List<Long> seeds,
            List<Point> points) {
        public Plan {
            axes = List.copyOf(axes);
            seeds = List.copyOf(seeds);
            points = List.copyOf(points);
        }

        /** Number of grid cells. */
        public int cells() {
            return points.isEmpty() ? 0 : points.get(points.size() - 1).cell() + 1;
        }

        /** The source as canonical JSON text: two files describing the same sweep give the same text. */
        public String canonicalText() {
            try {
                return ExperimentFiles.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(source);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** SHA-256 of {@link #canonicalText()}: identifies the sweep for resuming. */
        public String fingerprint() {
            return sha256(canonicalText());
        }
    }

    /** Whether the JSON file holds a sweep (a top-level {@code "sweep"} key). */
    public static boolean isSweep(Path file) throws ExperimentFileException {
        return ExperimentFiles.tree(file).has(SWEEP);
    }

    /** Reads and expands a sweep file; every point is checked like an experiment file. */
    public static Plan read(Path file) throws ExperimentFileException {
        return read(file, ExperimentFiles.LOGGED);
    }

    /** Reads and expands a sweep file, telling {@code warnings} of former setting names ({@link SettingRenames}). */
    public static Plan read(Path file, Consumer<String> warnings) throws ExperimentFileException {
        return plan(file, ExperimentFiles.renamed(file, ExperimentFiles.tree(file), warnings));
    }

    /** Parses and expands sweep JSON; {@code file} is used in messages only. */
    public static Plan parse(Path file, String text) throws ExperimentFileException {
        return plan(file, ExperimentFiles.renamed(file, ExperimentFiles.tree(file, text), ExperimentFiles.LOGGED));
    }

    private static Plan plan(Path file, ObjectNode source) throws ExperimentFileException {
        JsonNode sweepNode = source.get(SWEEP);
        if (sweepNode == null || !sweepNode.isObject()) {
            throw new ExperimentFileException(file, SWEEP, "expected an object {\"grid\": {\"<path>\": [values]}, "
                    + "\"seeds\": [integers]}");
        }
        ObjectNode sweep = (ObjectNode) sweepNode;
        for (Iterator<String> keys = sweep.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!SWEEP_KEYS.contains(key)) {
                throw new ExperimentFileException(file, SWEEP + "." + key, "unknown key; allowed: grid, seeds");
            }
        }
        ObjectNode base = source.deepCopy();
        base.remove(SWEEP);
        // The base alone must be a valid experiment: errors in it are reported as in any file.
        ExperimentSpec baseSpec = ExperimentFiles.experiment(file, base);

        List<Axis> axes = new ArrayList<>();
        JsonNode grid = sweep.get("grid");
        if (grid != null && !grid.isNull()) {
            if (!grid.isObject()) {
                throw new ExperimentFileException(file, SWEEP + ".grid", "expected an object mapping JSON paths "
                        + "(e.g. \"optimizer.settings.learningRate\") to lists of values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = grid.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                String field = SWEEP + ".grid[\"" + entry.getKey() + "\"]";
                GridPath path = GridPath.parse(file, field, entry.getKey(), SECTIONS);
                JsonNode values = entry.getValue();
                if (!values.isArray() || values.isEmpty()) {
                    throw new ExperimentFileException(file, field, "expected a non-empty list of values, got " + values);
                }
                Set<JsonNode> seen = new HashSet<>();
                List<JsonNode> list = new ArrayList<>();
                for (JsonNode value : values) {
                    if (!seen.add(value)) {
                        throw new ExperimentFileException(file, field, "the value " + value + " is listed twice");
                    }
                    list.add(value);
                }
                // The path must fit the base file (the value written is checked with each point).
                path.set(file, field, base.deepCopy(), list.get(0));
                axes.add(new Axis(entry.getKey(), list));
            }
        }

        List<Long> seeds = new ArrayList<>();
        JsonNode seedsNode = sweep.get("seeds");
        if (seedsNode == null || seedsNode.isNull()) {
            seeds.add(baseSpec.seed());
        } else {
            if (!seedsNode.isArray() || seedsNode.isEmpty()) {
                throw new ExperimentFileException(file, SWEEP + ".seeds", "expected a non-empty list of integers, got "
                        + seedsNode);
            }
            for (int i = 0; i < seedsNode.size(); i++) {
                JsonNode s = seedsNode.get(i);
                if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                    throw new ExperimentFileException(file, SWEEP + ".seeds[" + i + "]", "expected an integer, got " + s);
                }
                if (seeds.contains(s.longValue())) {
                    throw new ExperimentFileException(file, SWEEP + ".seeds[" + i + "]", "seed " + s + " is listed twice");
                }
                seeds.add(s.longValue());
            }
        }

        long cells = 1;
        for (Axis axis : axes) {
            cells *= axis.values().size();
        }
        if (cells * seeds.size() > MAX_POINTS) {
            throw new ExperimentFileException(file, SWEEP, "the grid has " + cells * seeds.size()
                    + " points (cells x seeds); at most " + MAX_POINTS + " are allowed");
        }
        List<Point> points = new ArrayList<>();
        int[] at = new int[axes.size()];
        for (int cell = 0; cell < cells; cell++) {
            int rest = cell;
            for (int a = axes.size() - 1; a >= 0; a--) {
                at[a] = rest % axes.get(a).values().size();
                rest /= axes.get(a).values().size();
            }
            Map<String, JsonNode> values = new LinkedHashMap<>();
            ObjectNode tree = base.deepCopy();
            for (int a = 0; a < axes.size(); a++) {
                Axis axis = axes.get(a);
                JsonNode value = axis.values().get(at[a]);
                values.put(axis.path(), value);
                GridPath.parse(file, axis.path(), axis.path(), SECTIONS).set(file, SWEEP + ".grid[\"" + axis.path() + "\"]", tree, value);
            }
            for (long seed : seeds) {
                ObjectNode pointTree = tree.deepCopy();
                pointTree.put("seed", seed);
                ExperimentSpec spec;
                try {
                    spec = ExperimentFiles.experiment(file, pointTree);
                } catch (ExperimentFileException e) {
                    String where = values.isEmpty() ? "" : "sweep point " + describe(values) + ": ";
                    throw new ExperimentFileException(file, null, where + e.getMessage().substring(
                            file.toString().length() + 2));
                }
                int index = points.size();
                points.add(new Point(index, cell, values, seed, spec, pointTree, folderName(index, values, seed)));
            }
        }
        return new Plan(baseSpec.name(), file, source, axes, seeds, points);
    }

    static String describe(Map<String, JsonNode> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((path, value) -> parts.add(path + "=" + value));
        return "{" + String.join(", ", parts) + "}";
    }

    /**
     * A grid value for humans: text as is; a component as its id with its settings
     * ({@code label-corruption(probability=0.5)}); a list of components joined by {@code +}, the
     * empty list as {@code none}; anything else as JSON.
     */
    public static String valueLabel(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isObject() && value.path("id").isTextual()) {
            List<String> settings = new ArrayList<>();
            value.path("settings").fields().forEachRemaining(e -> settings.add(e.getKey() + "=" + valueLabel(e.getValue())));
            return value.path("id").textValue() + (settings.isEmpty() ? "" : "(" + String.join(",", settings) + ")");
        }
        if (value.isArray() && value.isEmpty()) {
            return "none";
        }
        if (value.isArray() && value.get(0).isObject() && value.get(0).has("id")) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(valueLabel(v)));
            return String.join("+", parts);
        }
        return value.toString();
    }

    static String shortName(String path) {
        return new Axis(path, List.of()).shortName();
    }

    /** {@code 003-probability-0.5-seed2}: index first (unique, sorted), then a readable label. */
    static String folderName(int index, Map<String, JsonNode> values, long seed) {
        StringBuilder label = new StringBuilder();
        values.forEach((path, value) -> {
            String text = valueLabel(value);
            label.append('-').append(shortName(path)).append('-').append(text.replaceAll("[^A-Za-z0-9.]+", "_"));
        });
        String trimmed = label.length() > 80 ? label.substring(0, 80) : label.toString();
        return String.format(Locale.ROOT, "%03d%s-seed%d", index, trimmed, seed).replaceAll("_+", "_");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
