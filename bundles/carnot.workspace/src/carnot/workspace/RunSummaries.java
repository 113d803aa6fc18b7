package carnot.workspace;

import carnot.api.experiment.EpochMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line per run for a run table (MLflow's and Weights &amp; Biases' runs tables): status,
 * seed, the resolved experiment as flat settings ({@code optimizer.settings.learningRate}), the
 * final metrics and the last value of every analysis scalar, notes and tags. Read from the files
 * the recorder wrote ({@link RunRecords}, {@code spec.json}, {@code analyses.jsonl},
 * {@code provenance.json}); a file that cannot be read leaves its columns empty.
 */
public final class RunSummaries {

    /** Keys of the resolved experiment that are no settings of the run. */
    static final List<String> NOT_SETTINGS = List.of("format", "name", "description", "seed");

    private RunSummaries() {
    }

    /**
     * What one run recorded.
     *
     * @param seed     the run's seed, or {@code null} without a readable {@code spec.json}
     * @param settings the resolved experiment, flattened: dotted paths to values (lists of numbers
     *                 stay whole, {@code model.settings.hidden = [64]}; lists of components are
     *                 indexed, {@code analyses[0].id})
     * @param config   the resolved experiment without name and seed, as canonical JSON text: runs
     *                 with equal texts are the same configuration (seeds of one experiment)
     * @param finals   final metrics (as {@link #finals}) by name
     */
    public record RunSummary(Path folder, String experiment, String runId, String status, int epochsCompleted,
            int epochsPlanned, Long seed, Map<String, JsonNode> settings, String config, Map<String, Double> finals,
            RunNotes.Notes notes) {
    }

    /** Every run under {@code runs/} of the workspace (or of one experiment name), newest first per experiment. */
    public static List<RunSummary> read(Path workspace, String experiment) {
        List<RunSummary> summaries = new ArrayList<>();
        WorkspaceListing.runFolders(workspace).forEach((name, folders) -> {
            if (experiment == null || experiment.equals(name)) {
                folders.forEach(f -> summaries.add(read(f.folder(), name, f.runId())));
            }
        });
        return summaries;
    }

    /** One run folder. */
    public static RunSummary read(Path folder, String experiment, String runId) {
        String status = "unreadable";
        int completed = 0;
        int planned = 0;
        try {
            // With liveness: a run whose process died (kill -9) reads "interrupted", not "running".
            carnot.api.runs.RunInfo info = RunRecords.info(folder);
            status = info.state().label();
            completed = info.epochsCompleted();
            planned = info.epochsPlanned();
        } catch (IOException | RuntimeException e) {
            // No readable status: a run folder being created, or damaged.
        }
        Long seed = null;
        Map<String, JsonNode> settings = new TreeMap<>();
        String config = "";
        try {
            ObjectNode spec = ExperimentFiles.toJson(ExperimentFiles.read(folder.resolve(RunRecorder.SPEC)));
            seed = spec.path("seed").isNumber() ? spec.get("seed").asLong() : null;
            NOT_SETTINGS.forEach(spec::remove);
            flatten("", spec, settings);
            config = ExperimentFiles.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(spec);
        } catch (ExperimentFileException | IOException | RuntimeException e) {
            // No spec.json (a run that failed before starting): no settings.
        }
        Map<String, Double> finals;
        try {
            finals = finals(folder);
        } catch (IOException | RuntimeException e) {
            finals = Map.of();
        }
        return new RunSummary(folder, experiment, runId, status, completed, planned, seed, settings, config, finals,
                RunNotes.read(folder));
    }

    /**
     * The run's final values: the last epoch's {@code trainLoss}, {@code testLoss},
     * {@code trainError}, {@code testError}, {@code generalizationGap}, {@code epochs} and the
     * summed {@code trainSeconds}; the last recorded value of every analysis scalar as
     * {@code <id>.<name>}; Smith &amp; Le's {@code sgdNoiseScale} from the provenance.
     */
    public static Map<String, Double> finals(Path folder) throws IOException {
        Map<String, Double> finals = new LinkedHashMap<>();
        List<EpochMetrics> metrics = RunRecords.metrics(folder);
        if (!metrics.isEmpty()) {
            EpochMetrics last = metrics.get(metrics.size() - 1);
            finals.put("trainError", last.trainError());
            finals.put("testError", last.testError());
            finals.put("generalizationGap", last.generalizationGap());
            finals.put("trainLoss", last.trainLoss());
            finals.put("testLoss", last.testLoss());
            finals.put("epochs", (double) last.epoch());
            finals.put("trainSeconds", metrics.stream().mapToDouble(EpochMetrics::seconds).sum());
        }
        // The last call of each analysis: its scalars at the end of training (the one run-folder reader).
        for (carnot.api.runs.AnalysisRecord call : RunRecords.analyses(folder)) {
            call.scalars().forEach((name, value) -> {
                if (Double.isFinite(value)) {
                    finals.put(call.id() + "." + name, value);
                }
            });
        }
        if (RunRecords.provenance(folder).get("sgdNoiseScale") instanceof Number g && !finals.isEmpty()) {
            // Smith & Le's g = lr N / (B (1 - m)), as the run recorded it.
            finals.put("sgdNoiseScale", g.doubleValue());
        }
        return finals;
    }

    /** Leaves of a JSON tree by dotted path; arrays of scalars are one leaf. */
    static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isArray() && hasContainers(node)) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), into);
            }
        } else {
            into.put(prefix, node);
        }
    }

    private static boolean hasContainers(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The settings whose values differ between the runs (the columns worth showing), in path
     * order; a setting some runs lack counts as differing.
     */
    public static List<String> varyingSettings(List<RunSummary> runs) {
        Map<String, JsonNode> first = new LinkedHashMap<>();
        java.util.Set<String> varying = new java.util.TreeSet<>();
        java.util.Set<String> all = new java.util.TreeSet<>();
        runs.forEach(r -> all.addAll(r.settings().keySet()));
        for (String path : all) {
            for (RunSummary run : runs) {
                if (run.config().isEmpty()) {
                    continue;
                }
                JsonNode value = run.settings().get(path);
                if (!first.containsKey(path)) {
                    first.put(path, value);
                } else if (!java.util.Objects.equals(first.get(path), value)) {
                    varying.add(path);
                }
            }
        }
        return new ArrayList<>(varying);
    }
}
