package carnot.ui.internal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.runs.RunConflictException;
import carnot.ui.internal.PartTest;
import carnot.ui.internal.ScriptedDialogs;
import carnot.ui.internal.UiTesting;
import carnot.ui.internal.explorer.WorkspaceFixture;
import carnot.ui.internal.runs.RunHandle.State;
import carnot.workspace.RunRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.swt.SWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's double Run: Run pressed twice on the same experiment (same seed) while the first
 * trains. Before, the workbench trained a second copy beside the first (a child process continued
 * the live folder: {@code run.log} held epochs 10-12 twice); now the run service refuses the
 * second start, naming the holder, and the workbench offers Run Fresh. One writer per folder.
 */
class OneWriterTest extends PartTest {

    private RunManager runs;

    @AfterEach
    void cancelRuns() {
        if (runs != null) {
            runs.cancelAll();
            UiTesting.spinUntil("the runs to stop", () -> runs.handles().stream().allMatch(h -> h.state().finished()),
                    60_000);
        }
    }

    @Test
    void runPressedTwiceWhileTheFirstTrainsHasOneWriterAndOffersRunFresh() throws Exception {
        Path file = workspace.resolve("long.json");
        Files.writeString(file, WorkspaceFixture.experiment("long", 100_000));
        setUp(900, 400, true);
        runs = new RunManager(session);
        RunsPart view = make(RunsPart.class, runs);
        ScriptedDialogs scripted = ScriptedDialogs.install();
        scripted.errorsExpected = true;

        RunHandle first = runs.launch(file);
        UiTesting.spinUntil("the first run to train", () -> first.folder() != null && WorkspaceFixture.epochsRecorded(first.folder()) >= 2, 60_000);
        RunHandle second = runs.launch(file);
        UiTesting.spinUntil("the second run's answer", () -> second.state().finished(), 60_000);

        assertEquals(State.FAILED, second.state(), second.log());
        assertEquals(RunConflictException.Reason.IN_USE, second.conflict());
        assertNull(second.folder(), "it never got a folder");
        assertTrue(second.detail().contains(first.folder() + " is in use by"), second.detail());
        assertTrue(second.detail().contains("Run Fresh"), second.detail());
        UiTesting.spinUntil("the error dialog", () -> !scripted.errors.isEmpty(), 5_000);
        assertTrue(scripted.errors.get(0).startsWith("Run failed: long: "), scripted.errors.get(0));

        // The first trains on, alone in its folder.
        int before = WorkspaceFixture.epochsRecorded(first.folder());
        UiTesting.spinUntil("two more epochs of the first", () -> WorkspaceFixture.epochsRecorded(first.folder()) >= before + 2, 60_000);
        assertEquals(State.RUNNING, first.state());

        // Run Fresh on the refused run: another copy in a new folder, never the live one.
        UiTesting.spin(2 * RunsPart.UPDATE_MILLIS);
        view.table().setSelection(1);
        view.table().notifyListeners(SWT.Selection, null);
        assertTrue(view.freshButton().getEnabled(), "Run Fresh offered for the refused run");
        view.freshButton().notifyListeners(SWT.Selection, null);
        RunHandle fresh = runs.handles().get(2);
        UiTesting.spinUntil("the fresh run's folder", () -> fresh.folder() != null || fresh.state().finished(), 60_000);
        assertNotNull(fresh.folder(), fresh.log());
        assertNotEquals(first.folder(), fresh.folder());

        first.cancel();
        fresh.cancel();
        UiTesting.spinUntil("both to stop", () -> first.state().finished() && fresh.state().finished(), 60_000);
        assertEquals(State.CANCELLED, first.state(), first.log());

        // Every epoch was logged once: one writer.
        List<String> epochLines = RunRecords.log(first.folder()).stream()
                .map(line -> line.substring(line.indexOf(' ') + 1))
                .filter(line -> line.matches("epoch \\d+: train loss .*"))
                .map(line -> line.substring(0, line.indexOf(':'))).toList();
        assertTrue(epochLines.size() >= before + 2, epochLines.toString());
        assertEquals(epochLines.size(), new HashSet<>(epochLines).size(), "an epoch logged twice: " + epochLines);
        // Run Fresh's folder, cancelled while it queued for the engine, held nothing and was removed.
        try (Stream<Path> folders = Files.list(first.folder().getParent())) {
            assertEquals(List.of(first.folder()), folders.toList(), "the first run's folder, nothing else");
        }
    }
}
