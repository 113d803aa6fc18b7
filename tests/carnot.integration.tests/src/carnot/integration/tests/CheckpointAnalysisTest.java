package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
