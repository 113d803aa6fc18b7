package carnot.ui.internal.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.EpochMetrics;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.PartTest;
import carnot.ui.internal.UiTesting;
import carnot.ui.internal.explorer.WorkspaceFixture;
import carnot.ui.internal.runs.RunHandle;
import carnot.ui.internal.runs.RunManager;
import carnot.workspace.RunRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Run Fresh in the run view's header (issue 21/15): the experiment the run recorded trains again in
 * a new folder of the same experiment through the run service, even after its file changed; a
 * folder that recorded no experiment fails with a message instead of running something else.
 */
class RunViewRunFreshTest extends PartTest {

    private RunManager runs;

    @AfterEach
    void stopRuns() {
        if (runs != null) {
            runs.cancelAll();
        }
    }

    private RunViewPart open(Path run) {
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(PartOpener.PATH_KEY, run.toString());
        return make(RunViewPart.class, part, runs);
    }

    @Test
    void runFreshTrainsTheRecordedExperimentAgainInANewFolderToTheSameMetrics() throws Exception {
        Path file = workspace.resolve("det.json");
        Files.writeString(file, WorkspaceFixture.experiment("det", 3));
        setUp(1100, 800, true);
        runs = new RunManager(session);
        RunHandle first = runs.launch(file);
        UiTesting.spinUntil("the first run", () -> first.state().finished(), 180_000);
        assertEquals(RunHandle.State.COMPLETED, first.state(), first.log());
        // The file changes after the run: Run Fresh repeats what the run recorded, not today's file.
        Files.writeString(file, WorkspaceFixture.experiment("det", 6));

        RunViewPart view = open(first.folder());
        assertTrue(view.header().getText().contains("completed"), view.header().getText());
        assertFalse(view.resumeButton().getEnabled(), "a completed run has nothing to resume");
        assertTrue(view.freshButton().getEnabled(), "a completed run can be trained again");
        UiTesting.spin(300);
        view.header().getShell().layout(true, true);
        assertTrue(view.header().getSize().x >= view.header().computeSize(SWT.DEFAULT, SWT.DEFAULT).x,
                "the header's text is not cut off by the buttons: " + view.header().getSize());

        view.freshButton().notifyListeners(SWT.Selection, null);
        RunHandle fresh = runs.handles().get(runs.handles().size() - 1);
        assertNotEquals(first, fresh);
        UiTesting.spinUntil("the fresh run", () -> fresh.state().finished(), 180_000);
        assertEquals(RunHandle.State.COMPLETED, fresh.state(), fresh.log());
        assertNotEquals(first.folder(), fresh.folder(), "a new folder");
        assertEquals(first.folder().getParent(), fresh.folder().getParent(), "of the same experiment");

        List<EpochMetrics> expected = RunRecords.metrics(first.folder());
        List<EpochMetrics> actual = RunRecords.metrics(fresh.folder());
        assertEquals(4, expected.size(), "epochs 0-3 of the recorded experiment");
        assertEquals(expected.size(), actual.size(), "the recorded 3 epochs, not the file's 6");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).trainLoss(), actual.get(i).trainLoss(), "train loss of epoch " + i);
            assertEquals(expected.get(i).testError(), actual.get(i).testError(), "test error of epoch " + i);
        }
        assertEquals(2, RunRecords.metrics(first.folder()).get(2).epoch(), "the first folder untouched");
    }

    @Test
    void aFolderWithoutARecordedExperimentFailsWithItsReason() throws Exception {
        Path folder = WorkspaceFixture.writeRun(workspace, "old", "20260101-000000", "failed", 2);
        setUp(1100, 800, true);
        runs = new RunManager(session);
        RunViewPart view = open(folder);
        assertTrue(view.freshButton().getEnabled(), view.header().getText());

        view.freshButton().notifyListeners(SWT.Selection, null);
        RunHandle fresh = runs.handles().get(runs.handles().size() - 1);
        UiTesting.spinUntil("the refusal", () -> fresh.state().finished(), 60_000);
        assertEquals(RunHandle.State.FAILED, fresh.state());
        assertTrue(fresh.log().contains("recorded no resolved experiment"), fresh.log());
        try (var listing = Files.list(folder.getParent())) {
            assertEquals(1, listing.count(), "no new run folder");
        }
    }
}
