package carnot.workspace;

import carnot.api.experiment.EpochMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads what a {@link RunRecorder} wrote. */
public final class RunRecords {

    private RunRecords() {
    }

    /** The status file of a run: status, epochs, message. */
    public record Status(String status, int epochsCompleted, int epochsPlanned, String message) {
        public boolean completed() {
            return "completed".equals(status);
        }
    }

    public static Status status(Path runFolder) throws IOException {
        JsonNode node = ExperimentFiles.MAPPER.readTree(runFolder.resolve(RunRecorder.STATUS).toFile());
        return new Status(node.path("status").asText("unknown"), node.path("epochsCompleted").asInt(),
                node.path("epochsPlanned").asInt(), node.path("message").asText(""));
    }

    public static List<EpochMetrics> metrics(Path runFolder) throws IOException {
        List<EpochMetrics> list = new ArrayList<>();
        // Complete lines only: a torn last line (a crash while appending) is dropped.
        for (String line : JsonLines.read(runFolder.resolve(RunRecorder.METRICS_JSONL))) {
            JsonNode n = ExperimentFiles.MAPPER.readTree(line);
            list.add(new EpochMetrics(n.path("epoch").asInt(), n.path("step").asLong(), n.path("trainLoss").asDouble(),
                    n.path("trainError").asDouble(), n.path("testLoss").asDouble(), n.path("testError").asDouble(),
                    n.path("learningRate").asDouble(), n.path("seconds").asDouble()));
        }
        return list;
    }

    /**
     * Whether the run folder's {@code spec.json} is this resolved experiment (every default filled
     * in): the condition for continuing the folder's run instead of starting a new one.
     */
    public static boolean sameSpec(Path runFolder, carnot.api.experiment.ExperimentSpec resolved) {
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
    public static java.util.TreeMap<Integer, Path> checkpoints(Path runFolder) throws IOException {
        java.util.TreeMap<Integer, Path> checkpoints = new java.util.TreeMap<>();
        Path dir = runFolder.resolve("checkpoints");
        if (Files.isDirectory(dir)) {
            java.util.regex.Pattern name = java.util.regex.Pattern.compile("epoch-(\\d+)\\.params");
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                files.forEach(f -> {
                    java.util.regex.Matcher m = name.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        checkpoints.put(Integer.parseInt(m.group(1)), f);
                    }
                });
            }
        }
        return checkpoints;
    }

    /** The full result of one analysis call, as written: {@code analyses/<index>-<id>/epoch-NNNN.json}. */
    public static JsonNode analysis(Path runFolder, int index, String id, int epoch) throws IOException {
        return ExperimentFiles.MAPPER.readTree(runFolder.resolve("analyses").resolve(index + "-" + id)
                .resolve(String.format(java.util.Locale.ROOT, "epoch-%04d.json", epoch)).toFile());
    }
}
