package carnot.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.RunStatus;
import carnot.workspace.RunSummaries.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run table's lines, read from run folders the real recorder wrote. */
class RunSummariesTest {

    @TempDir
    Path workspace;

    @Test
    void statusSeedVaryingSettingsAndFinalValues() throws Exception {
        Path runs = workspace.resolve("runs/lr");
        RecordedRuns.record(runs.resolve("20261201-100000-seed1"), RecordedRuns.spec("lr", 1, 0.1), 4, 0.5,
                RunStatus.COMPLETED);
        RecordedRuns.record(runs.resolve("20261201-110000-seed2"), RecordedRuns.spec("lr", 2, 0.1), 4, 0.4,
                RunStatus.COMPLETED);
        RecordedRuns.record(runs.resolve("20261201-120000-seed1"), RecordedRuns.spec("lr", 1, 0.01), 2, 0.6,
                RunStatus.CANCELLED);
        Files.createDirectories(runs.resolve("not-a-run"));

        List<RunSummary> summaries = RunSummaries.read(workspace, null);
        assertEquals(List.of("20261201-120000-seed1", "20261201-110000-seed2", "20261201-100000-seed1"),
                summaries.stream().map(RunSummary::runId).toList(), "newest first");
        RunSummary cancelled = summaries.get(0);
        RunSummary second = summaries.get(1);
        RunSummary first = summaries.get(2);
        assertEquals("cancelled", cancelled.status());
        assertEquals(2, cancelled.epochsCompleted());
        assertEquals(2L, second.seed());
        // The final test error is the last epoch's: base / (epochs + 1).
        assertEquals(0.5 / 5, first.finals().get("testError"), 1e-12);
        assertEquals(0.5 / 5 - 0.5 / 6, first.finals().get("generalizationGap"), 1e-12);
        assertEquals(0.4, first.finals().get("margins.mean"), 1e-12, "the analysis' last call");
        assertEquals(4.0, first.finals().get("epochs"));

        assertEquals(first.config(), second.config(), "seeds of one configuration");
        assertNotEquals(first.config(), cancelled.config());
        assertEquals(List.of("optimizer.settings.learningRate"), RunSummaries.varyingSettings(summaries));
        assertEquals("[16]", first.settings().get("model.settings.hidden").toString(), "lists of numbers stay whole");
        assertNull(first.settings().get("seed"), "the seed is a column of its own");
        assertTrue(RunSummaries.read(workspace, "other").isEmpty());
    }

    @Test
    void aFolderWithoutSpecOrMetricsStillHasALine() throws Exception {
        Path run = workspace.resolve("runs/broken/20261201-100000-seed1");
        Files.createDirectories(run);
        Files.writeString(run.resolve(RunRecorder.STATUS), "{\"status\": \"failed\", \"message\": \"bad\"}");
        RunSummary summary = RunSummaries.read(workspace, null).get(0);
        assertEquals("failed", summary.status());
        assertNull(summary.seed());
        assertTrue(summary.finals().isEmpty() && summary.settings().isEmpty() && summary.config().isEmpty());
    }
}
