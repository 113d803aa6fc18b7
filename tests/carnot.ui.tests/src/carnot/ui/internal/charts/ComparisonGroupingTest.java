package carnot.ui.internal.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.RunStatus;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.PartTest;
import carnot.ui.internal.charts.Comparison.Group;
import carnot.ui.internal.explorer.RecordedRuns;
import carnot.workspace.SampleStatistics;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swtchart.ISeries;
import org.junit.jupiter.api.Test;

/**
 * Comparing an experiment's runs groups them by configuration and leaves out what would mislead
 * (issue 21: a cancelled 28-epoch run and three identical seed-42 runs were averaged into one
 * mean ± sd).
 */
class ComparisonGroupingTest extends PartTest {

    @Test
    void runsAreGroupedByConfigurationWithUnfinishedRunsAndRepeatedSeedsLeftOut() throws Exception {
        Path runs = workspace.resolve("runs/lr");
        List<Path> folders = List.of(
                RecordedRuns.record(runs.resolve("r1-seed42"), RecordedRuns.spec("lr", 42, 0.1), 40, 0.20, RunStatus.COMPLETED),
                RecordedRuns.record(runs.resolve("r2-seed42"), RecordedRuns.spec("lr", 42, 0.1), 40, 0.20, RunStatus.COMPLETED),
                RecordedRuns.record(runs.resolve("r3-seed42"), RecordedRuns.spec("lr", 42, 0.1), 40, 0.20, RunStatus.COMPLETED),
                RecordedRuns.record(runs.resolve("r4-seed7"), RecordedRuns.spec("lr", 7, 0.1), 28, 0.50, RunStatus.CANCELLED),
                RecordedRuns.record(runs.resolve("r5-seed1"), RecordedRuns.spec("lr", 1, 0.01), 40, 0.30, RunStatus.COMPLETED),
                RecordedRuns.record(runs.resolve("r6-seed2"), RecordedRuns.spec("lr", 2, 0.01), 40, 0.34, RunStatus.COMPLETED));

        Comparison comparison = new Comparison(folders);
        List<Group> groups = comparison.groups();
        assertEquals(List.of("lr (learningRate=0.1)", "lr (learningRate=0.01)"), groups.stream().map(Group::label).toList());
        Group high = groups.get(0);
        assertEquals(1, high.members().size(), "seed 42 counts once");
        assertEquals("r2-seed42: seed 42 again; r3-seed42: seed 42 again; r4-seed7: cancelled, 28/40 epochs",
                Comparison.leftOut(high));
        SampleStatistics highError = comparison.table(List.of("testError")).get(high.label()).get(0);
        assertEquals(1, highError.n());
        assertEquals(0.20, highError.mean(), 1e-12);
        SampleStatistics lowError = comparison.table(List.of("testError")).get(groups.get(1).label()).get(0);
        assertEquals(2, lowError.n());
        assertEquals(0.32, lowError.mean(), 1e-12);
        // Sample standard deviation of {0.30, 0.34}: 0.04 / sqrt(2).
        assertEquals(0.04 / Math.sqrt(2), lowError.sd(), 1e-12);

        // Grouped curves: the mean with a band of one sd, per configuration.
        ChartSpec grouped = comparison.overlayGroups("testError", false);
        assertEquals(2, grouped.series().size());
        ChartSpec.Line low = grouped.series().get(1);
        assertEquals("lr (learningRate=0.01) (n = 2)", low.name());
        assertEquals(0.32, low.y()[40], 1e-12);
        assertEquals(0.32 + 0.04 / Math.sqrt(2), low.upper()[40], 1e-12);
        assertEquals(0.32 - 0.04 / Math.sqrt(2), low.lower()[40], 1e-12);
        // Per run, an unfinished one says so.
        assertTrue(comparison.overlay("testError", false).series().stream()
                .anyMatch(l -> l.name().equals("lr/r4-seed7 (cancelled)")));

        setUp(1100, 700, false);
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(PartOpener.PATHS_KEY, String.join("\n", folders.stream().map(Path::toString).toList()));
        ComparisonPart view = make(ComparisonPart.class, part);
        assertTrue(view.grouped().getSelection(), "grouped when a configuration has several runs");
        assertEquals(List.of("lr (learningRate=0.1) (n = 1)", "lr (learningRate=0.01) (n = 2)"),
                Arrays.stream(view.chart().chart().getSeriesSet().getSeries()).map(ISeries::getId).toList());
        assertEquals("r2-seed42: seed 42 again; r3-seed42: seed 42 again; r4-seed7: cancelled, 28/40 epochs",
                view.table().getItem(0).getText(view.table().getColumnCount() - 1));
    }
}
