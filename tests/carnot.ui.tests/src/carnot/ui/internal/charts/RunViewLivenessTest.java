package carnot.ui.internal.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.EpochMetrics;
import carnot.api.runs.Execution;
import carnot.api.runs.RunRequest;
import carnot.api.runs.RunService;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.PartTest;
import carnot.ui.internal.UiTesting;
import carnot.ui.internal.explorer.WorkspaceFixture;
import carnot.ui.internal.explorer.WorkspaceTree;
import carnot.ui.internal.runs.RunHandle;
import carnot.ui.internal.runs.RunManager;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import carnot.workspace.RunSummaries;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Liveness in the workbench (issue 15): a run whose process died is shown as interrupted (not
 * running forever) in the run view, the explorer and the run table, and Resume continues it
 * through the run service to the same final metrics as an uninterrupted run; a run started by
 * another client of the service (as {@code carnot run} is) is followed live by an open run view.
 */
class RunViewLivenessTest extends PartTest {

    private static final int EPOCHS = 12;

    private RunManager runs;
    private Execution outside;

    @AfterEach
    void stopRuns() throws Exception {
        if (runs != null) {
            runs.cancelAll();
        }
        if (outside != null) {
            outside.cancel();
            outside.await(60, TimeUnit.SECONDS);
        }
    }

    private RunViewPart open(Path run) {
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(PartOpener.PATH_KEY, run.toString());
        return make(RunViewPart.class, part, runs);
    }

    @Test
    void aKilledRunShowsAsInterruptedAndResumesFromTheRunViewToTheSameFinalMetrics() throws Exception {
        Path file = workspace.resolve("det.json");
        Files.writeString(file, WorkspaceFixture.experiment("det", EPOCHS));
        setUp(1100, 800, true);
        runs = new RunManager(session);
        RunHandle reference = runs.launch(file);
        UiTesting.spinUntil("the uninterrupted run", () -> reference.state().finished(), 180_000);
        assertEquals(RunHandle.State.COMPLETED, reference.state(), reference.log());

        RunHandle killed = runs.launchFresh(file);
        UiTesting.spinUntil("a few epochs", () -> killed.folder() != null && WorkspaceFixture.epochsRecorded(killed.folder()) >= 4, 120_000);
        killed.cancel();
        UiTesting.spinUntil("it to stop", () -> killed.state().finished(), 60_000);
        Path folder = killed.folder();
        assertTrue(WorkspaceFixture.epochsRecorded(folder) < EPOCHS + 1, "stopped before the end: " + WorkspaceFixture.epochsRecorded(folder));
        // What kill -9 leaves: the status still says running, and the kernel released the lock
        // (releng/workbench-kill-resume.sh kills a real workbench process for the same check).
        ObjectMapper json = new ObjectMapper();
        ObjectNode status = (ObjectNode) json.readTree(folder.resolve(RunRecorder.STATUS).toFile());
        status.put("status", "running");
        Files.writeString(folder.resolve(RunRecorder.STATUS), json.writeValueAsString(status));

        RunViewPart view = open(folder);
        assertTrue(view.header().getText().contains("interrupted"), view.header().getText());
        assertTrue(view.header().getText().contains("(resumable)"), view.header().getText());
        assertTrue(view.status().getText().contains("the process stopped without recording its end"),
                view.status().getText());
        assertTrue(view.resumeButton().getEnabled());
        WorkspaceTree.Run inExplorer = WorkspaceTree.scan(workspace).get(0).runs().stream()
                .filter(r -> r.folder().equals(folder)).findFirst().orElseThrow();
        assertEquals("interrupted", inExplorer.status());
        assertTrue(inExplorer.label().endsWith("[interrupted]") && inExplorer.resumable(), inExplorer.label());
        assertEquals("interrupted", RunSummaries.read(folder, "det", folder.getFileName().toString()).status(),
                "the run table's status column");

        view.resumeButton().notifyListeners(org.eclipse.swt.SWT.Selection, null);
        assertFalse(view.resumeButton().getEnabled());
        RunHandle resumed = runs.handles().get(runs.handles().size() - 1);
        UiTesting.spinUntil("the resumed run to finish, followed by the view",
                () -> resumed.state().finished() && view.header().getText().contains("completed"), 180_000);
        assertEquals(RunHandle.State.COMPLETED, resumed.state(), resumed.log());
        assertEquals(folder, resumed.folder(), "continued in its own folder");
        assertTrue(view.header().getText().contains(EPOCHS + " of " + EPOCHS + " epochs"), view.header().getText());

        List<EpochMetrics> expected = RunRecords.metrics(reference.folder());
        List<EpochMetrics> actual = RunRecords.metrics(folder);
        assertEquals(expected.size(), actual.size(), "one row per epoch, none twice");
        for (int i = 0; i < expected.size(); i++) {
            EpochMetrics e = expected.get(i);
            EpochMetrics a = actual.get(i);
            assertEquals(e.epoch(), a.epoch());
            assertEquals(e.trainLoss(), a.trainLoss(), "train loss of epoch " + e.epoch());
            assertEquals(e.testLoss(), a.testLoss(), "test loss of epoch " + e.epoch());
            assertEquals(e.trainError(), a.trainError(), "train error of epoch " + e.epoch());
            assertEquals(e.testError(), a.testError(), "test error of epoch " + e.epoch());
        }
    }

    @Test
    void aRunStartedByAnotherClientIsFollowedLiveUntilItEnds() throws Exception {
        Path file = workspace.resolve("long.json");
        Files.writeString(file, WorkspaceFixture.experiment("long", 100_000));
        setUp(1100, 800, true);
        runs = new RunManager(session);
        RunService service = session.service(RunService.class).orElseThrow();
        // As carnot run does it: its own request to the same service, not through the workbench.
        outside = service.start(RunRequest.builder().setWorkspace(workspace).setFile(file)
                .optClient("carnot run long.json").build());
        Path folder = outside.folder();
        UiTesting.spinUntil("its first epochs", () -> WorkspaceFixture.epochsRecorded(folder) >= 2, 60_000);

        RunViewPart view = open(folder);
        assertTrue(view.header().getText().contains("running"), view.header().getText());
        assertFalse(view.resumeButton().getEnabled());
        int shown = curveLength(view);
        UiTesting.spinUntil("the view to follow new epochs without Refresh", () -> curveLength(view) >= shown + 2,
                60_000);

        outside.cancel();
        assertTrue(outside.await(60, TimeUnit.SECONDS));
        UiTesting.spinUntil("the view to show how it ended", () -> view.header().getText().contains("cancelled"),
                10_000);
        assertTrue(view.header().getText().contains("(resumable)"), view.header().getText());
    }

    private static int curveLength(RunViewPart view) {
        var series = view.lossChart().chart().getSeriesSet().getSeries();
        return series.length == 0 ? 0 : series[0].getXSeries().length;
    }

}
