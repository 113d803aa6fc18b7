package carnot.ui.internal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.ui.internal.PartTest;
import carnot.ui.internal.UiTesting;
import carnot.ui.internal.explorer.WorkspaceFixture;
import carnot.ui.internal.runs.RunHandle.State;
import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.swt.SWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs as background jobs started through the run service, seen through the Runs view: real
 * training by the {@code in-process} executor, one at a time (DJL's one gradient collector per
 * process), cancelled from the Cancel button.
 */
class RunsPartTest extends PartTest {

    private RunManager runs;

    @AfterEach
    void cancelRuns() {
        if (runs != null) {
            runs.cancelAll();
        }
    }

    private RunsPart open() {
        setUp(900, 400, true);
        runs = new RunManager(session);
        return make(RunsPart.class, runs);
    }

    @Test
    void twoRunsQueueInTheEngineAndCompleteWithTheirConsole() throws Exception {
        Path first = workspace.resolve("first.json");
        Files.writeString(first, WorkspaceFixture.experiment("first", 3));
        Path second = workspace.resolve("second.json");
        Files.writeString(second, WorkspaceFixture.experiment("second", 2));
        RunsPart view = open();

        assertTrue(view.cancelButton().getBounds().y < view.table().getBounds().y,
                "the buttons above the list, where a short bottom stack does not cut them off");
        RunHandle a = runs.launch(first);
        RunHandle b = runs.launch(second);
        UiTesting.spinUntil("both runs to finish", () -> a.state().finished() && b.state().finished(), 120_000);
        assertEquals("in-process", a.executor(), "no executor chosen and no workspace default: in this process");
        assertEquals("in-process", b.executor());
        UiTesting.spin(2 * RunsPart.UPDATE_MILLIS);

        assertEquals(State.COMPLETED, a.state(), a.log());
        assertEquals(State.COMPLETED, b.state(), b.log());
        assertEquals(1.0, a.progress());
        assertEquals(2, view.table().getItemCount());
        assertEquals("completed", view.table().getItem(0).getText(1));
        assertEquals("100%", view.table().getItem(0).getText(2));
        assertEquals("in-process: completed", view.table().getItem(0).getText(3), "the executor / scheduler column");
        // One engine: the two trainings did not overlap. Both were launched at once as jobs, so
        // either may take the engine first; whichever trained second started after the other's last
        // epoch (its closing "completed" line may be recorded just after the engine is handed on).
        Instant aStart = logTime(RunRecords.log(a.folder()).get(0));
        Instant bStart = logTime(RunRecords.log(b.folder()).get(0));
        boolean aFirst = aStart.isBefore(bStart);
        Path earlier = aFirst ? a.folder() : b.folder();
        List<String> earlierEpochs = RunRecords.log(earlier).stream().filter(line -> line.contains(" epoch ")).toList();
        Instant laterStart = aFirst ? bStart : aStart;
        assertFalse(laterStart.isBefore(logTime(earlierEpochs.get(earlierEpochs.size() - 1))),
                "the second training started before the first's last epoch: " + RunRecords.log(a.folder())
                        + " / " + RunRecords.log(b.folder()));
        assertTrue(RunRecords.status(a.folder()).completed());
        assertEquals(4, RunRecords.metrics(a.folder()).size(), "epochs 0..3");
        assertTrue(Files.isRegularFile(b.folder().resolve("analyses/0-margins/epoch-0002.json")));

        view.table().setSelection(0);
        view.table().notifyListeners(SWT.Selection, null);
        String console = view.console().getText();
        assertTrue(console.contains("carnot: run folder " + a.folder()), console);
        assertTrue(console.contains("epoch 3: train loss"), console);
        assertTrue(console.contains("analysis margins after epoch 3"), console);
        assertTrue(console.contains("carnot: completed after 3 of 3 epochs"), console);
    }

    /** When a run.log line was written: its first word. */
    static Instant logTime(String line) {
        return Instant.parse(line.substring(0, line.indexOf(' ')));
    }

    @Test
    void cancelFromTheViewRecordsTheRunAsCancelled() throws Exception {
        Path file = workspace.resolve("long.json");
        Files.writeString(file, WorkspaceFixture.experiment("long", 100_000));
        RunsPart view = open();

        RunHandle handle = runs.launch(file);
        UiTesting.spinUntil("the run to train", () -> handle.state() == State.RUNNING && handle.folder() != null
                && Files.exists(handle.folder().resolve("metrics.jsonl")), 60_000);
        // The executor and what its execution says of the point, polled from the service while it trains.
        UiTesting.spinUntil("the executor / scheduler column to say it runs",
                () -> view.table().getItemCount() > 0 && view.table().getItem(0).getText(3).equals("in-process: running"),
                10_000);
        view.table().setSelection(0);
        view.table().notifyListeners(SWT.Selection, null);
        assertTrue(view.cancelButton().getEnabled());
        view.cancelButton().notifyListeners(SWT.Selection, null);

        UiTesting.spinUntil("the run to stop", () -> handle.state().finished(), 60_000);
        assertEquals(State.CANCELLED, handle.state(), handle.log());
        assertNotNull(handle.folder());
        assertEquals("cancelled", RunRecords.status(handle.folder()).status());
        UiTesting.spin(2 * RunsPart.UPDATE_MILLIS);
        assertEquals("cancelled", view.table().getItem(0).getText(1));
        assertEquals("in-process: cancelled", view.table().getItem(0).getText(3));
    }

    /**
     * Analyze from the workbench: the margins re-run on the saved final weights reproduce, number
     * for number, the margins recorded during training at that epoch (same weights, same data,
     * same seed), with another bin count only changing the histogram.
     */
    @Test
    void reanalysisOfASavedRunReproducesTheMarginsRecordedInTraining() throws Exception {
        Path file = workspace.resolve("saved.json");
        Files.writeString(file, WorkspaceFixture.experiment("saved", 2));
        open();
        RunHandle run = runs.launch(file);
        UiTesting.spinUntil("the run to finish", () -> run.state().finished(), 120_000);
        assertEquals(State.COMPLETED, run.state(), run.log());

        RunHandle analysis = runs.analyze(run.folder(), "margins", Map.of("bins", 7), null);
        UiTesting.spinUntil("the analysis to finish", () -> analysis.state().finished(), 120_000);
        assertEquals(State.COMPLETED, analysis.state(), analysis.log());

        JsonNode recorded = RunRecords.analysis(run.folder(), 0, "margins", 2);
        JsonNode again = RunRecords.analysis(run.folder(), 1, "margins", 2);
        assertEquals(recorded.get("scalars"), again.get("scalars"));
        assertEquals(7, again.at("/histograms/train.histogram/counts").size());
        assertEquals(10, recorded.at("/histograms/train.histogram/counts").size());
        assertTrue(Files.readString(run.folder().resolve("analyses.jsonl")).contains("\"index\":1"));

        // A failing analysis is reported in one error dialog saying what went wrong and what to do.
        carnot.ui.internal.ScriptedDialogs scripted = carnot.ui.internal.ScriptedDialogs.install();
        scripted.errorsExpected = true;
        java.util.List<String> dialogs = scripted.errors;
        RunHandle missing = runs.analyze(run.folder(), "margins", Map.of(), 5);
        UiTesting.spinUntil("the refusal", () -> missing.state().finished(), 30_000);
        assertEquals(State.FAILED, missing.state());
        assertTrue(missing.detail().contains("no checkpoint of epoch 5"), missing.detail());
        UiTesting.spinUntil("the error dialog", () -> !dialogs.isEmpty(), 5_000);
        UiTesting.spin(3 * RunsPart.UPDATE_MILLIS);
        assertEquals(1, dialogs.size(), "reported once: " + dialogs);
        assertTrue(dialogs.get(0).startsWith("Analysis failed: margins on saved/"), dialogs.get(0));
        assertTrue(dialogs.get(0).contains("no checkpoint of epoch 5"), dialogs.get(0));
        assertTrue(dialogs.get(0).contains("What to do: A run saves its final weights when it completes"), dialogs.get(0));
    }

    @Test
    void aBadExperimentFileFailsItsRunWithADialogAndTheWorkbenchCarriesOn() throws Exception {
        Path bad = workspace.resolve("bad.json");
        Files.writeString(bad, """
                {"format": 1, "name": "bad", "dataset": "gaussian-mixture", "model": {"id": "mlp", "settings": {"hidden": [0]}},
                 "optimizer": "sgd", "loss": "cross-entropy"}
                """);
        Path good = workspace.resolve("good.json");
        Files.writeString(good, WorkspaceFixture.experiment("good", 1));
        carnot.ui.internal.ScriptedDialogs scripted = carnot.ui.internal.ScriptedDialogs.install();
        scripted.errorsExpected = true;
        java.util.List<String> dialogs = scripted.errors;
        open();
        RunHandle failed = runs.launch(bad);
        UiTesting.spinUntil("the bad run to fail", () -> failed.state().finished(), 60_000);
        assertEquals(State.FAILED, failed.state(), failed.log());
        UiTesting.spinUntil("the error dialog", () -> !dialogs.isEmpty(), 5_000);
        assertTrue(dialogs.get(0).startsWith("Run failed: bad: "), dialogs.get(0));
        assertTrue(dialogs.get(0).contains("model.settings.hidden[0]: expected a list of integers with every element >= 1"),
                dialogs.get(0));
        assertTrue(dialogs.get(0).contains("What to do: Fix the named field"), dialogs.get(0));

        RunHandle next = runs.launch(good);
        UiTesting.spinUntil("the next run", () -> next.state().finished(), 120_000);
        assertEquals(State.COMPLETED, next.state(), next.log());
        assertEquals(1, dialogs.size(), dialogs.toString());
    }
}
