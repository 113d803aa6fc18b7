package carnot.ui.internal.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.RunStatus;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.PartTest;
import carnot.ui.internal.explorer.RecordedRuns;
import carnot.workspace.RunNotes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;

/** The run table: columns that differ, sort, filter, notes and tags, and the sweep views. */
class RunTablePartTest extends PartTest {

    private RunTablePart open() {
        setUp(1200, 700, false);
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(PartOpener.PATH_KEY, workspace.toString());
        return make(RunTablePart.class, part);
    }

    private static List<String> column(Table table, int index) {
        List<String> cells = new ArrayList<>();
        for (int row = 0; row < table.getItemCount(); row++) {
            cells.add(table.getItem(row).getText(index));
        }
        return cells;
    }

    private static int columnIndex(Table table, String title) {
        for (int i = 0; i < table.getColumnCount(); i++) {
            if (table.getColumn(i).getText().equals(title)) {
                return i;
            }
        }
        throw new AssertionError("no column " + title);
    }

    @Test
    void runsWithTheirDifferingSettingsFinalValuesNotesAndSweepViews() throws Exception {
        Path runs = workspace.resolve("runs/lr");
        RecordedRuns.record(runs.resolve("r1-seed1"), RecordedRuns.spec("lr", 1, 0.1), 40, 0.20, RunStatus.COMPLETED);
        RecordedRuns.record(runs.resolve("r2-seed2"), RecordedRuns.spec("lr", 2, 0.1), 40, 0.24, RunStatus.COMPLETED);
        RecordedRuns.record(runs.resolve("r3-seed1"), RecordedRuns.spec("lr", 1, 0.01), 40, 0.30, RunStatus.COMPLETED);
        RecordedRuns.record(runs.resolve("r4-seed2"), RecordedRuns.spec("lr", 2, 0.01), 12, 0.50, RunStatus.CANCELLED);
        RunTablePart view = open();
        Table table = view.table();

        assertEquals(4, table.getItemCount());
        List<String> titles = new ArrayList<>();
        for (var c : table.getColumns()) {
            titles.add(c.getText());
        }
        assertEquals(List.of("run", "status", "executor / scheduler", "seed", "tags", "optimizer.learningRate", "testError", "trainError",
                "generalizationGap", "testLoss", "trainLoss", "epochs", "trainSeconds", "margins.mean"), titles,
                "only the setting that differs; final metrics, then analysis scalars");
        int error = columnIndex(table, "testError");

        table.getColumn(error).notifyListeners(SWT.Selection, null);
        assertEquals(List.of("0.2", "0.24", "0.3", "0.5"), column(table, error), "sorted by test error");
        table.getColumn(error).notifyListeners(SWT.Selection, null);
        assertEquals(List.of("0.5", "0.3", "0.24", "0.2"), column(table, error), "and the other way");

        view.search().setText("0.01");
        assertEquals(List.of("lr/r4-seed2", "lr/r3-seed1"), column(table, 0));
        view.status().select(List.of(view.status().getItems()).indexOf("cancelled"));
        view.status().notifyListeners(SWT.Selection, null);
        assertEquals(List.of("lr/r4-seed2"), column(table, 0));
        assertEquals("cancelled (12/40)", table.getItem(0).getText(1));
        assertEquals("cancelled", table.getItem(0).getText(columnIndex(table, "executor / scheduler")),
                "no executor recorded in the folder, none following it: the run's own state");
        view.search().setText("");
        view.status().select(0);
        view.status().notifyListeners(SWT.Selection, null);

        // Notes and tags of the selected run, kept in its folder.
        table.setSelection(0);
        table.notifyListeners(SWT.Selection, null);
        String selectedRun = table.getItem(0).getText(0);
        view.notes().setText("diverged at epoch 12");
        view.tags().setText("lr-too-low, check");
        view.saveNotes();
        Path folder = workspace.resolve("runs").resolve(selectedRun);
        assertEquals(new RunNotes.Notes("diverged at epoch 12", List.of("lr-too-low", "check")), RunNotes.read(folder));
        assertEquals("lr-too-low, check", table.getItem(0).getText(columnIndex(table, "tags")));
        view.search().setText("lr-too-low");
        assertEquals(List.of(selectedRun), column(table, 0), "tags are searched");
        view.search().setText("");

        view.tags().setText("no;way");
        dialogs.errorsExpected = true;
        table.setSelection(0);
        view.saveNotes();
        assertTrue(dialogs.last().startsWith("error: Notes not saved"), dialogs.last());

        // The sweep views, drawn when their tab is chosen: one axis per differing setting plus the
        // metric; the metric against the setting.
        view.selectTab(1);
        assertEquals(List.of("optimizer.learningRate (log)", "testError"),
                view.coordinates().axes().stream().map(ParallelCoordinates.Axis::title).toList());
        view.selectTab(2);
        var plot = view.plot().spec();
        assertEquals("testError against optimizer.learningRate (4 runs)", plot.title());
        assertEquals(2, plot.series().get(1).x().length, "the mean at each of the two learning rates");
        assertEquals((0.20 + 0.24) / 2, plot.series().get(1).y()[1], 1e-12);
    }
}
