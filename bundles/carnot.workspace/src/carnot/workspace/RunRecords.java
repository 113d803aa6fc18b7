package carnot.workspace;

import carnot.workspace.internal.FolderLock;
import carnot.workspace.internal.JsonLines;

import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Histogram;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.RunStatus;
import carnot.api.runs.AnalysisRecord;
import carnot.api.runs.LockHolder;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunState;
import carnot.api.runs.ValidationRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads what a {@link RunRecorder} wrote, by the recorder's own file-name constants: the one parser
 * of the run-folder format ({@link RunFolderReader} serves it as the API's reader).
 */
public final class RunRecords {

    private static final Pattern CHECKPOINT = Pattern.compile("epoch-(\\d+)\\.params");

    private RunRecords() {
    }

    /**
     * The status file of a run: status, epochs, message, the last epoch's metrics and when it was
     * written.
     */
    public record Status(String status, int epochsCompleted, int epochsPlanned, String message, EpochMetrics last,
            String updatedAt) {
        public boolean completed() {
            return "completed".equals(status);
        }

        /** The recorded status, if it is one a run writes. */
        public Optional<RunStatus> recorded() {
            for (RunStatus value : RunStatus.values()) {
                if (value.label().equals(status)) {
                    return Optional.of(value);
                }
            }
            return Optional.empty();
        }
    }

    public static Status status(Path runFolder) throws IOException {
        JsonNode node = readJson(runFolder.resolve(RunRecorder.STATUS));
        JsonNode last = node.path("last");
        return new Status(node.path("status").asText("unknown"), node.path("epochsCompleted").asInt(),
                node.path("epochsPlanned").asInt(), node.path("message").asText(""),
                last.isObject() ? metrics(last) : null, node.path("updatedAt").asText(""));
    }

    /**
     * The run's status with liveness: {@code running} only while a live process holds the folder's
     * lock, {@code interrupted} when the status says running but nobody does. A folder without a
     * status yet is {@code running} while its lock is held (the run is preparing), else
     * {@code pending}.
     */
    public static RunInfo info(Path runFolder) throws IOException {
        if (!Files.isRegularFile(runFolder.resolve(RunRecorder.STATUS))) {
            Optional<LockHolder> holder = FolderLock.holder(runFolder);
            return new RunInfo(runFolder, holder.isPresent() ? RunState.RUNNING : RunState.PENDING, 0, 0,
                    holder.isPresent() ? "preparing" : "", Optional.empty(), Optional.empty(), holder, false);
        }
        Status status = status(runFolder);
        RunStatus recorded = status.recorded().orElseThrow(() -> new IOException(runFolder.resolve(RunRecorder.STATUS)
                + ": unknown status '" + status.status() + "'"));
        // A final status stays final; a holder of a finished run's folder is re-analyzing or continuing it.
        Optional<LockHolder> holder = FolderLock.holder(runFolder);
        RunState state = RunState.of(recorded, holder.isPresent());
        boolean resumable = (state == RunState.INTERRUPTED || state == RunState.CANCELLED) && holder.isEmpty()
                && Files.isRegularFile(runFolder.resolve(RunRecorder.RESUME));
        String message = status.message();
        if (state == RunState.INTERRUPTED) {
            Optional<RunRecorder.Saved> saved = resumable ? RunRecorder.saved(runFolder) : Optional.empty();
            message = "the process stopped without recording its end (killed, lost its machine)"
                    + saved.map(point -> "; resumable after epoch " + point.epoch()).orElse("");
        }
        return new RunInfo(runFolder, state, status.epochsCompleted(), status.epochsPlanned(), message,
                Optional.ofNullable(status.last()), instant(status.updatedAt()), holder, resumable);
    }

    public static List<EpochMetrics> metrics(Path runFolder) throws IOException {
        List<EpochMetrics> list = new ArrayList<>();
        for (JsonNode n : jsonLines(runFolder.resolve(RunRecorder.METRICS_JSONL))) {
            list.add(metrics(n));
        }
        return list;
    }

    private static EpochMetrics metrics(JsonNode n) {
        return new EpochMetrics(n.path("epoch").asInt(), n.path("step").asLong(), n.path("trainLoss").asDouble(),
                n.path("trainError").asDouble(), n.path("testLoss").asDouble(), n.path("testError").asDouble(),
                n.path("learningRate").asDouble(), n.path("seconds").asDouble());
    }

    /** Early stopping's validation split, one record per epoch; empty without early stopping. */
    public static List<ValidationRecord> validation(Path runFolder) throws IOException {
        List<ValidationRecord> list = new ArrayList<>();
        for (JsonNode n : jsonLines(runFolder.resolve(RunRecorder.VALIDATION))) {
            list.add(new ValidationRecord(n.path("epoch").asInt(), n.path("size").asInt(), n.path("loss").asDouble(),
                    n.path("error").asDouble()));
        }
        return list;
    }

    /** Every analysis call recorded in {@code analyses.jsonl}, in order. */
    public static List<AnalysisRecord> analyses(Path runFolder) throws IOException {
        List<AnalysisRecord> list = new ArrayList<>();
        for (JsonNode n : jsonLines(runFolder.resolve(RunRecorder.ANALYSES))) {
            Map<String, Double> scalars = new LinkedHashMap<>();
            n.path("scalars").fields().forEachRemaining(e -> scalars.put(e.getKey(), e.getValue().asDouble(Double.NaN)));
            list.add(new AnalysisRecord(n.path("id").asText(), n.path("index").asInt(), n.path("epoch").asInt(), scalars));
        }
        return list;
    }

    /** The full result of one analysis call: {@code analyses/<index>-<id>/epoch-NNNN.json}. */
    public static AnalysisResult analysisResult(Path runFolder, AnalysisRecord call) throws IOException {
        JsonNode node = analysis(runFolder, call.index(), call.id(), call.epoch());
        AnalysisResult.Builder result = AnalysisResult.builder();
        node.path("scalars").fields().forEachRemaining(e -> result.scalar(e.getKey(), e.getValue().asDouble(Double.NaN)));
        node.path("series").fields().forEachRemaining(e -> result.series(e.getKey(), doubles(e.getValue())));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("histograms").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode counts = e.getValue().path("counts");
            long[] c = new long[counts.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = counts.get(i).asLong();
            }
            result.histogram(e.getKey(), new Histogram(doubles(e.getValue().path("edges")), c));
        }
        return result.build();
    }

    /** The full result of one analysis call, as written: {@code analyses/<index>-<id>/epoch-NNNN.json}. */
    public static JsonNode analysis(Path runFolder, int index, String id, int epoch) throws IOException {
        return readJson(runFolder.resolve(RunRecorder.ANALYSIS_RESULTS).resolve(index + "-" + id)
                .resolve(String.format(Locale.ROOT, "epoch-%04d.json", epoch)));
    }

    /** The experiment as the run resolved it ({@code spec.json}), if written. */
    public static Optional<ExperimentSpec> spec(Path runFolder) throws IOException {
        Path file = runFolder.resolve(RunRecorder.SPEC);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ExperimentFiles.read(file));
        } catch (ExperimentFileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** {@code provenance.json} as JSON values (maps, lists, numbers, strings); empty if not written. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> provenance(Path runFolder) throws IOException {
        Path file = runFolder.resolve(RunRecorder.PROVENANCE);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        return ExperimentFiles.MAPPER.convertValue(readJson(file), LinkedHashMap.class);
    }

    /** The run's log lines; empty if none. */
    public static List<String> log(Path runFolder) throws IOException {
        Path file = runFolder.resolve(RunRecorder.LOG);
        return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /**
     * Whether the run folder's {@code spec.json} is this resolved experiment (every default filled
     * in): the condition for continuing the folder's run instead of starting a new one.
     */
    public static boolean sameSpec(Path runFolder, ExperimentSpec resolved) {
        Path file = runFolder.resolve(RunRecorder.SPEC);
        if (!Files.exists(file)) {
            return false;
        }
        try {
            return ExperimentFiles.toJson(ExperimentFiles.read(file)).equals(ExperimentFiles.toJson(resolved));
        } catch (ExperimentFileException e) {
            return false;
        }
    }

    /**
     * The run's checkpoints, {@code checkpoints/epoch-NNNN.params}, by epoch; empty if there are
     * none (a run saves its final weights when it completes).
     */
    public static TreeMap<Integer, Path> checkpoints(Path runFolder) throws IOException {
        TreeMap<Integer, Path> checkpoints = new TreeMap<>();
        Path dir = runFolder.resolve(RunRecorder.CHECKPOINTS);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(f -> {
                    Matcher m = CHECKPOINT.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        checkpoints.put(Integer.parseInt(m.group(1)), f);
                    }
                });
            }
        }
        return checkpoints;
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return ExperimentFiles.MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": unreadable (" + e.getOriginalMessage() + ")", e);
        }
    }

    /**
     * The JSON objects of a JSON-lines file, blank lines skipped; empty if the file does not exist.
     * A last line without its newline was cut off by a crash while being appended: it is dropped.
     */
    /** The complete lines of a JSON-lines file as trees; a torn last line is dropped ({@link JsonLines#read}). */
    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : JsonLines.read(file)) {
            try {
                nodes.add(ExperimentFiles.MAPPER.readTree(line));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException(file + ": a line is unreadable (" + e.getOriginalMessage() + ")", e);
            }
        }
        return nodes;
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble(Double.NaN);
        }
        return values;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
