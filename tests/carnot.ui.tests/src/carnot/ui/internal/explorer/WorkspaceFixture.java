package carnot.ui.internal.explorer;

import carnot.workspace.RunRecorder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes workspaces in the layout {@code carnot run} leaves: experiment files and run folders. */
public final class WorkspaceFixture {

    private WorkspaceFixture() {
    }

    /** A small real experiment (Gaussian mixture, one hidden layer) that trains in about a second. */
    public static String experiment(String name, int epochs) {
        return """
                {
                  // comments are allowed in experiment files
                  "format": 1,
                  "name": "%s",
                  "seed": 7,
                  "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 8, "trainSize": 300, "testSize": 150}},
                  "model": {"id": "mlp", "settings": {"hidden": [16]}},
                  "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05}},
                  "loss": "cross-entropy",
                  "training": {"epochs": %d, "batchSize": 30},
                  "analyses": [{"id": "margins", "every": 1, "settings": {"bins": 10}}]
                }
                """.formatted(name, epochs);
    }

    public static Path writeExperiment(Path workspace, String relative, String name) throws IOException {
        Path file = workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, experiment(name, 2), StandardCharsets.UTF_8);
        return file;
    }

    private static final Pattern ANALYSIS_FILE = Pattern.compile("analyses/(\\d+)-(.+)/epoch-(\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Writes a file of a run folder; an analysis result ({@code analyses/<index>-<id>/epoch-NNNN.json})
     * also gets its line in the run's index of analysis calls, as {@link RunRecorder} writes it, so
     * that the run service's reader finds it.
     */
    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Path run = file.getParent().getParent().getParent();
        Matcher m = ANALYSIS_FILE.matcher(run.relativize(file).toString().replace('\\', '/'));
        if (!m.matches()) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("id", m.group(2));
        line.put("index", Integer.parseInt(m.group(1)));
        line.put("epoch", Integer.parseInt(m.group(3)));
        JsonNode scalars;
        try {
            scalars = JSON.readTree(text).path("scalars");
        } catch (IOException e) {
            // A result cut off while being written: its call is indexed, its file cannot be read.
            scalars = JSON.createObjectNode();
        }
        line.set("scalars", scalars.isObject() ? scalars : JSON.createObjectNode());
        Files.writeString(run.resolve(RunRecorder.ANALYSES), line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Epoch rows a run folder has recorded so far (epoch 0, the initialization, included); 0 if none can be read. */
    public static int epochsRecorded(Path run) {
        try {
            return carnot.workspace.RunRecords.metrics(run).size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** A run folder with a status file and {@code epochs + 1} metric lines. */
    public static Path writeRun(Path workspace, String experiment, String runId, String status, int epochs)
            throws IOException {
        Path run = workspace.resolve("runs").resolve(experiment).resolve(runId);
        Files.createDirectories(run);
        Files.writeString(run.resolve("status.json"), "{\"status\": \"" + status + "\", \"epochsCompleted\": " + epochs
                + ", \"epochsPlanned\": " + epochs + ", \"message\": \"\"}\n");
        StringBuilder metrics = new StringBuilder();
        for (int e = 0; e <= epochs; e++) {
            double loss = 2.3 * Math.exp(-e / 20.0);
            metrics.append(String.format(java.util.Locale.ROOT,
                    "{\"epoch\":%d,\"step\":%d,\"trainLoss\":%.6f,\"trainError\":%.6f,\"testLoss\":%.6f,\"testError\":%.6f,"
                            + "\"learningRate\":0.05,\"seconds\":%.3f}%n",
                    e, e * 10, loss, 0.9 * Math.exp(-e / 15.0), loss * 1.1 + 0.01 * e / (epochs + 1),
                    0.9 * Math.exp(-e / 15.0) + 0.05, 0.1 * e));
        }
        Files.writeString(run.resolve("metrics.jsonl"), metrics.toString());
        return run;
    }
}
