package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.EpochMetrics;
import carnot.workspace.internal.FolderLock;
import carnot.workspace.RunRecords;
import carnot.workspace.SweepRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carnot run} of a sweep file, in process: points as run folders, the summary, continuing an unfinished sweep. */
class SweepRunTest {

    @TempDir
    Path workspace;

    static final String SWEEP = """
            {
              "name": "tiny-sweep",
              "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 10, "trainSize": 120,
                          "testSize": 200, "separation": 3.0}},
              "perturbations": [{"id": "label-corruption", "settings": {"probability": 0.0}}],
              "model": {"id": "mlp", "settings": {"hidden": [16]}},
              "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05}},
              "loss": "cross-entropy",
              "training": {"epochs": 2, "batchSize": 32},
              "sweep": {"grid": {%s}, "seeds": [1, 2]}
            }
            """;

    private Path write(String name, String grid) throws Exception {
        Path file = workspace.resolve(name);
        Files.writeString(file, String.format(SWEEP, grid));
        return file;
    }

    private static List<Path> sweepFolders(Path workspace) throws Exception {
        try (Stream<Path> s = Files.list(workspace.resolve("runs/tiny-sweep"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("sweep-")).sorted().toList();
        }
    }

    @Test
    void everyPointRunsIntoItsFolderAndTheSummaryAggregatesOverSeeds() throws Exception {
        Path file = write("sweep.json", "\"perturbations[0].settings.probability\": [0.0, 1.0]");
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("4 points (2 cells x 2 seeds), 4 to run"), run::toString);
        Path sweep = sweepFolders(workspace).get(0);
        assertEquals("completed", new ObjectMapper().readTree(sweep.resolve("status.json").toFile()).path("status").asText());
        assertTrue(FolderLock.holder(sweep).isEmpty(), "the lock goes with the process");

        JsonNode summary = new ObjectMapper().readTree(sweep.resolve(SweepRecords.SUMMARY_JSON).toFile());
        JsonNode cells = summary.path("cells");
        assertEquals(2, cells.size());
        for (JsonNode cell : cells) {
            // The mean and spread over seeds, recomputed from the points' own metrics files.
            List<Double> test = new ArrayList<>();
            for (JsonNode point : cell.path("points")) {
                Path folder = sweep.resolve(point.path("folder").asText());
                assertTrue(RunRecords.status(folder).completed());
                List<EpochMetrics> metrics = RunRecords.metrics(folder);
                assertEquals(2, metrics.get(metrics.size() - 1).epoch());
                test.add(metrics.get(metrics.size() - 1).testError());
                JsonNode spec = new ObjectMapper().readTree(folder.resolve("spec.json").toFile());
                assertEquals(point.path("seed").asLong(), spec.path("seed").asLong());
                assertEquals(cell.path("values").path("perturbations[0].settings.probability").asDouble(),
                        spec.path("perturbations").get(0).path("settings").path("probability").asDouble());
            }
            JsonNode testError = cell.path("metrics").path("testError");
            assertEquals(2, testError.path("n").asInt());
            double mean = (test.get(0) + test.get(1)) / 2;
            assertEquals(mean, testError.path("mean").asDouble(), 1e-12);
            assertEquals(Math.abs(test.get(0) - test.get(1)) / Math.sqrt(2), testError.path("std").asDouble(), 1e-12);
        }
        // Random labels make the test error of a separable mixture climb toward chance (2/3 for 3 classes).
        assertTrue(cells.get(1).path("metrics").path("testError").path("mean").asDouble()
                > cells.get(0).path("metrics").path("testError").path("mean").asDouble() + 0.2, summary::toString);
        List<String> csv = Files.readAllLines(sweep.resolve(SweepRecords.SUMMARY_CSV));
        assertTrue(csv.get(0).startsWith("cell,perturbations[0].settings.probability,trainSize,parameterCount,completed,"
                + "trainError_mean,trainError_std,testError_mean"), csv.get(0));
        assertEquals(3, csv.size());

        // An unfinished sweep continues in its folder: only points that did not complete run again.
        Path point = sweep.resolve(cells.get(1).path("points").get(0).path("folder").asText());
        Files.writeString(point.resolve("status.json"), "{\"status\": \"cancelled\", \"epochsCompleted\": 1}");
        Files.writeString(sweep.resolve("status.json"), "{\"status\": \"cancelled\"}");
        CommandLineRun again = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("4 points (2 cells x 2 seeds), 1 to run"), again::toString);
        assertEquals(List.of(sweep), sweepFolders(workspace));
        assertTrue(RunRecords.status(point).completed());

        // A completed sweep is not re-entered: running the file again starts a new sweep folder, as --fresh does.
        CommandLineRun fresh = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString(),
                "--fresh");
        assertEquals(0, fresh.exitCode(), fresh::toString);
        assertEquals(2, sweepFolders(workspace).size());
    }

    @Test
    void aSweepOverTheTrainingSetSizeFitsAPowerLaw() throws Exception {
        Path file = write("curve.json", "\"dataset.settings.trainSize\": [60, 120, 240]");
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode summary = new ObjectMapper().readTree(sweepFolders(workspace).get(0).resolve(SweepRecords.SUMMARY_JSON)
                .toFile());
        JsonNode fit = summary.path("powerLaws").get(0);
        assertEquals(6, fit.path("points").asInt(), summary::toString);
        assertEquals("[60,120,240]", fit.path("sizes").toString());
        assertTrue(fit.path("exponentLow").asDouble() <= fit.path("exponent").asDouble()
                && fit.path("exponent").asDouble() <= fit.path("exponentHigh").asDouble());
        assertEquals(120, summary.path("cells").get(1).path("trainSize").asInt());
    }

    @Test
    void badPointsAreRefusedBeforeAnythingRuns() throws Exception {
        Path file = write("bad.json", "\"model.id\": [\"mlp\", \"no-such-model\"]");
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("bad.json: sweep point id=no-such-model: model.id: unknown architecture "
                + "'no-such-model'; installed: "), run::toString);
        assertFalse(Files.exists(workspace.resolve("runs")), "nothing is written for bad input");

        Path path = write("badpath.json", "\"model.settings.hidden[3]\": [[1]]");
        CommandLineRun badPath = CommandLineRun.carnot("run", path.toString(), "--workspace", workspace.toString());
        assertEquals(2, badPath.exitCode(), badPath::toString);
        assertTrue(badPath.err().contains("sweep.grid[\"model.settings.hidden[3]\"]: model.settings.hidden[3] does not "
                + "exist"), badPath::toString);

        CommandLineRun parallel = CommandLineRun.carnot("run", write("ok.json", "\"training.epochs\": [1]").toString(),
                "--workspace", workspace.toString(), "--parallel", "2");
        assertEquals(2, parallel.exitCode(), parallel::toString);
        assertTrue(parallel.err().contains("'local' (--parallel N > 1) starts point processes with the carnot "
                + "launcher, which this process was not started from"), parallel::toString);
    }
}
