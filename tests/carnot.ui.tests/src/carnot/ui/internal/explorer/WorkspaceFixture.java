package carnot.ui.internal.explorer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
