package carnot.ui.internal.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.ui.internal.PartOpener;
import carnot.ui.internal.PartTest;
import carnot.ui.internal.UiTesting;
import carnot.ui.internal.explorer.WorkspaceFixture;
import carnot.ui.internal.runs.RunHandle;
import carnot.ui.internal.runs.RunManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run view follows its folder (issue 21): a re-analysis' progress and results reach it without
 * Refresh, a deleted folder is shown as gone, and export asks for a file name per chart.
 */
class RunViewFollowsTest extends PartTest {

    private RunManager runs;

    @AfterEach
    void cancelRuns() {
        if (runs != null) {
            runs.cancelAll();
        }
    }

    private RunViewPart open(Path run, Object... values) {
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(PartOpener.PATH_KEY, run.toString());
        Object[] all = new Object[values.length + 1];
        all[0] = part;
        System.arraycopy(values, 0, all, 1, values.length);
        return make(RunViewPart.class, all);
    }

    private static List<String> scalars(RunViewPart view) {
        return Arrays.stream(view.scalarList().getItems()).map(TableItem::getText).toList();
    }

    @Test
    void aReanalysisReachesAnOpenRunViewWithoutRefresh() throws Exception {
        Path file = workspace.resolve("saved.json");
        Files.writeString(file, WorkspaceFixture.experiment("saved", 2));
        setUp(1100, 800, true);
        runs = new RunManager(session);
        RunHandle run = runs.launch(file);
        UiTesting.spinUntil("the run to finish", () -> run.state().finished(), 120_000);
        RunViewPart view = open(run.folder(), runs);
        assertTrue(scalars(view).stream().noneMatch(s -> s.startsWith("norms.")), scalars(view).toString());

        List<String> progress = new ArrayList<>();
        RunHandle analysis = runs.analyze(run.folder(), "norms", Map.of(), null);
        UiTesting.spinUntil("the analysis' results in the open view", () -> {
            progress.add(view.status().getText());
            return analysis.state().finished() && scalars(view).stream().anyMatch(s -> s.startsWith("norms."));
        }, 120_000);
        assertTrue(progress.stream().anyMatch(s -> s.startsWith("norms on saved/")), progress.toString());
        UiTesting.spinUntil("the final report", () -> view.status().getText().contains("completed"), 5_000);
    }

    @Test
    void aDeletedRunFolderIsShownAsGoneAndKeepsWhatWasRead() throws Exception {
        Path run = WorkspaceFixture.writeRun(workspace, "alpha", "20261101-100000-seed1", "completed", 5);
        setUp(1100, 800, false);
        RunViewPart view = open(run);
        assertEquals(2, view.lossChart().chart().getSeriesSet().getSeries().length);

        try (var files = Files.walk(run)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        view.refresh();
        assertTrue(view.header().getText().endsWith("folder deleted"), view.header().getText());
        assertTrue(view.status().getText().startsWith("The run folder " + run + " no longer exists"),
                view.status().getText());
        assertEquals(2, view.lossChart().chart().getSeriesSet().getSeries().length, "what was read stays");
    }

    @Test
    void exportAsksForAFileNamePerChartAndTwoSeriesNeverShareOne() throws Exception {
        Path run = RunViewPartTest.largeRun(workspace);
        setUp(1100, 800, false);
        RunViewPart view = open(run);
        List<String> proposed = new ArrayList<>();
        Path out = Files.createDirectories(workspace.resolve("exports"));
        dialogs.fileChooser = (folder, name) -> {
            proposed.add(folder + " " + name);
            return out.resolve(name).toString();
        };

        UiTesting.spin(200);
        view.export("png");
        assertEquals(List.of(out + " " + run.getFileName() + "-loss.png", out + " " + run.getFileName() + "-error.png"),
                proposed, "one dialog per chart, in the workspace's exports folder (not the run folder)");

        view.tabs().setSelection(2);
        UiTesting.spin(100);
        view.seriesNames().select(Arrays.asList(view.seriesNames().getItems()).indexOf("hessian.eigenvalues"));
        view.seriesNames().notifyListeners(org.eclipse.swt.SWT.Selection, null);
        view.export("csv");
        view.seriesNames().select(Arrays.asList(view.seriesNames().getItems()).indexOf("hessian.density.values"));
        view.seriesNames().notifyListeners(org.eclipse.swt.SWT.Selection, null);
        view.export("csv");
        List<String> names = proposed.subList(2, 4);
        assertTrue(names.get(0).endsWith("-series-hessian.eigenvalues-epoch-200.csv"), names.toString());
        assertTrue(names.get(1).endsWith("-series-hessian.density.values-epoch-200.csv"), names.toString());
        assertTrue(Files.readString(out.resolve(names.get(0).substring(names.get(0).lastIndexOf(' ') + 1)))
                .contains("hessian.eigenvalues"));
        assertTrue(Files.exists(out.resolve(names.get(1).substring(names.get(1).lastIndexOf(' ') + 1))),
                "the second series has a file of its own");
    }
}
