package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import org.osgi.framework.ServiceRegistration;

import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carnot analyze}: an analysis re-run on a saved checkpoint sees exactly what training saw. */
class CheckpointAnalysisTest {

    @TempDir
    Path workspace;

    @Test
    void reRunningAnAnalysisOnTheFinalCheckpointReproducesTheTrainingResult() throws Exception {
        Path file = workspace.resolve("mixture.json");
        Files.writeString(file, String.format(RunBehaviourTest.MIXTURE, 7, 2,
                "[{\"id\": \"margins\", \"settings\": {\"bins\": 7}}]"));
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(0, run.exitCode(), run::toString);
        Path folder = CommandLineRun.runFolders(workspace).get(0);

        CommandLineRun analyze = CommandLineRun.carnot("analyze", folder.toString(), "--analysis", "margins",
                "--settings", "{\"bins\": 7}");
        assertEquals(0, analyze.exitCode(), analyze::toString);
        JsonNode during = RunRecords.analysis(folder, 0, "margins", 2);
        JsonNode after = RunRecords.analysis(folder, 1, "margins", 2);
        assertEquals(during.get("scalars"), after.get("scalars"), "same weights, data and seed: same margins");
        assertEquals(during.get("histograms"), after.get("histograms"));
        List<String> lines = Files.readAllLines(folder.resolve("analyses.jsonl"));
        assertEquals(2, lines.size(), "the training line is kept, the re-run's added");
        assertTrue(lines.get(1).contains("\"index\":1"), lines.get(1));

        CommandLineRun again = CommandLineRun.carnot("analyze", folder.toString(), "--analysis", "margins",
                "--epoch", "2");
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(Files.exists(folder.resolve("analyses/2-margins/epoch-0002.json")), "the next index");

        CommandLineRun unknown = CommandLineRun.carnot("analyze", folder.toString(), "--analysis", "nope");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("unknown analysis 'nope'; installed:"), unknown::toString);
        CommandLineRun missing = CommandLineRun.carnot("analyze", folder.toString(), "--analysis", "margins",
                "--epoch", "1");
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("no checkpoint of epoch 1"), missing::toString);
    }

    @Test
    void reAnalysisRebuildsThePerturbedDataTheRunTrainedOn() throws Exception {
        Path file = workspace.resolve("corrupted.json");
        String json = String.format(RunBehaviourTest.MIXTURE, 9, 2, "[{\"id\": \"margins\"}]").replace("\"model\":",
                "\"perturbations\": [{\"id\": \"label-corruption\", \"settings\": {\"probability\": 0.5}}], \"model\":");
        Files.writeString(file, json);
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(0, run.exitCode(), run::toString);
        Path folder = CommandLineRun.runFolders(workspace).get(0);
        CommandLineRun analyze = CommandLineRun.carnot("analyze", folder.toString(), "--analysis", "margins");
        assertEquals(0, analyze.exitCode(), analyze::toString);
        // With clean labels the train margins would differ: half the labels were changed.
        assertEquals(RunRecords.analysis(folder, 0, "margins", 2).get("scalars"),
                RunRecords.analysis(folder, 1, "margins", 2).get("scalars"));
    }

    /**
     * What an analysis sees as the initial parameters and the resolved spec: zero distance from
     * initialization at epoch 0, and the same distance and parameter count during training and on
     * the final checkpoint (where they are rebuilt by re-initializing with the run's seed).
     */
    @Test
    void initialParametersAndSpecAreTheRunsDuringTrainingAndOnACheckpoint() throws Exception {
        ServiceRegistration<AnalysisProvider> registration = TestAnalyses.register("test.from-init", context -> {
            double squared = 0;
            long count = 0;
            for (Pair<String, Parameter> entry : context.model().getParameters()) {
                float[] now = entry.getValue().getArray().toFloatArray();
                float[] initial = context.initialParameters().get(entry.getKey());
                assertEquals(now.length, initial.length, entry.getKey());
                for (int i = 0; i < now.length; i++) {
                    double d = (double) now[i] - initial[i];
                    squared += d * d;
                }
                count += now.length;
            }
            return AnalysisResult.builder().scalar("distance", Math.sqrt(squared)).scalar("count", count)
                    .scalar("learningRate", context.spec().optimizer().settings().get("learningRate") instanceof Number n
                            ? n.doubleValue() : Double.NaN)
                    .build();
        });
        try {
            Path file = workspace.resolve("mixture.json");
            Files.writeString(file, String.format(RunBehaviourTest.MIXTURE, 5, 2,
                    "[{\"id\": \"test.from-init\", \"every\": 2, \"atInit\": true}]"));
            CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
            assertEquals(0, run.exitCode(), run::toString);
            Path folder = CommandLineRun.runFolders(workspace).get(0);
            JsonNode atInit = RunRecords.analysis(folder, 0, "test.from-init", 0).get("scalars");
            JsonNode trained = RunRecords.analysis(folder, 0, "test.from-init", 2).get("scalars");
            assertEquals(0.0, atInit.get("distance").asDouble(), 0.0, "epoch 0 is the initialization");
            assertTrue(trained.get("distance").asDouble() > 0.1, trained::toString);
            assertEquals(0.05, trained.get("learningRate").asDouble(), 1e-12, "the resolved spec");
            // 20-32-32-3 MLP with biases
            assertEquals(20 * 32 + 32 + 32 * 32 + 32 + 32 * 3 + 3, trained.get("count").asLong());

            CommandLineRun analyze = CommandLineRun.carnot("analyze", folder.toString(), "--analysis",
                    "test.from-init");
            assertEquals(0, analyze.exitCode(), analyze::toString);
            JsonNode again = RunRecords.analysis(folder, 1, "test.from-init", 2).get("scalars");
            assertEquals(trained, again, "re-initialized with the run's seed: the run's own initial weights");
        } finally {
            registration.unregister();
        }
    }
}
