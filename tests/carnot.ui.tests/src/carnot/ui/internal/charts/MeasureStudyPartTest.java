package carnot.ui.internal.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.studies.measures.MeasureStatistics;
import carnot.studies.measures.MeasureStudyRecords;
import carnot.studies.measures.MeasureStudyResult;
import carnot.studies.measures.MeasureTable;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.PartTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;

/**
 * The measure-study view (issue 21): a study folder written by the studies' own writer is shown as
 * Jiang et al.'s table, with Kendall's tau and the granulated psi checked against counts of
 * concordant pairs made here, the inverted measure marked, and a chart of the coefficients; a
 * folder whose study cannot be read says why.
 */
class MeasureStudyPartTest extends PartTest {

    /** Width {32, 128} x learning rate {0.1, 0.01} x seeds {1, 2}: 8 runs, no ties. */
    private static final double[] GAP = {0.10, 0.12, 0.16, 0.15, 0.20, 0.19, 0.26, 0.30};
    private static final double[] NORM = {1.0, 1.3, 1.2, 1.9, 2.1, 2.0, 2.8, 2.5};
    private static final double[] MARGIN = {0.9, 0.7, 0.8, 1.1, 0.4, 0.5, 0.6, 0.2};

    private MeasureStudyPart open(Path folder) {
        setUp(1200, 800, false);
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(PartOpener.PATH_KEY, folder.toString());
        return make(MeasureStudyPart.class, part);
    }

    private static int[] coordinates(int run) {
        // run = 4 * width + 2 * rate + seed
        return new int[] {run / 4, (run / 2) % 2, run % 2};
    }

    private Path writeStudy() throws Exception {
        List<MeasureTable.Axis> axes = List.of(new MeasureTable.Axis("hidden", "model.settings.hidden", List.of("[32]", "[128]")),
                new MeasureTable.Axis("learningRate", "optimizer.settings.learningRate", List.of("0.1", "0.01")));
        List<MeasureTable.Run> runs = new ArrayList<>();
        for (int r = 0; r < GAP.length; r++) {
            runs.add(new MeasureTable.Run("points/p" + r, 1 + r % 2, coordinates(r), GAP[r], 0.01, 0.01 + GAP[r], 0.05,
                    Map.of("norms.frobenius", NORM[r], "margins.mean", MARGIN[r])));
        }
        MeasureTable table = new MeasureTable("grid", "runs/grid/sweep-1", "train-loss <= 0.05", axes, List.of(1L, 2L),
                List.of("margins.mean", "norms.frobenius"), runs, List.of(new MeasureTable.Excluded("points/p8", "epoch limit")),
                List.of());
        MeasureStatistics.Options options = new MeasureStatistics.Options(200, 0.95, 1);
        MeasureStudyResult study = new MeasureStudyResult(MeasureStudyResult.FORMAT, "2026-12-06T08:00:00Z", table,
                options, MeasureStatistics.of(table, options), List.of());
        Path folder = workspace.resolve("studies/grid-measures/20261206-080000");
        Files.createDirectories(folder);
        MeasureStudyRecords.write(folder, study);
        return folder;
    }

    /** Kendall's tau-a by counting pairs (no ties in the data). */
    private static double tau(double[] x, double[] y, int[] runs) {
        int concordant = 0;
        int discordant = 0;
        for (int i = 0; i < runs.length; i++) {
            for (int j = i + 1; j < runs.length; j++) {
                double s = Math.signum(x[runs[i]] - x[runs[j]]) * Math.signum(y[runs[i]] - y[runs[j]]);
                concordant += s > 0 ? 1 : 0;
                discordant += s < 0 ? 1 : 0;
            }
        }
        return (concordant - discordant) / (runs.length * (runs.length - 1) / 2.0);
    }

    /** psi of an axis: the mean over every setting of the other coordinates of tau over the runs varying that axis alone. */
    private static double psi(double[] measure, int axis) {
        List<Double> taus = new ArrayList<>();
        for (int r = 0; r < GAP.length; r++) {
            if (coordinates(r)[axis] == 0) {
                int partner = r + (axis == 0 ? 4 : 2);
                taus.add(tau(measure, GAP, new int[] {r, partner}));
            }
        }
        return taus.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Test
    void showsKendallsTauAndTheGranulatedPsiOfEveryMeasureWithAChart() throws Exception {
        MeasureStudyPart view = open(writeStudy());
        String header = view.header().getText();
        assertTrue(header.startsWith("grid: 8 runs trained to train-loss <= 0.05, 2 measures over 2 axes"), header);
        assertTrue(header.contains("1 runs left out") && header.contains("95% percentile bootstrap"), header);

        List<String> titles = Arrays.stream(view.table().getColumns()).map(c -> c.getText()).toList();
        assertEquals(List.of("#", "measure", "\u03c4", "95% interval", "\u03c4-b", "\u03c8 hidden", "\u03c8 learningRate",
                "\u03a8", "K", "K given", "Jiang et al. (2020)"), titles);
        assertEquals(2, view.table().getItemCount());
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7};
        double[] invertedMargin = Arrays.stream(MARGIN).map(m -> -m).toArray();
        double normTau = tau(NORM, GAP, all);
        double marginTau = tau(invertedMargin, GAP, all);
        assertTrue(normTau > marginTau, "the fixture orders the rows: " + normTau + " vs " + marginTau);

        TableItem norm = view.table().getItem(0);
        assertEquals("1", norm.getText(0));
        assertEquals("norms.frobenius", norm.getText(1));
        assertEquals(f(normTau), norm.getText(2), "tau over all runs");
        assertEquals(f(normTau), norm.getText(4), "tau-b equals tau-a without ties");
        assertEquals(f(psi(NORM, 0)), norm.getText(5), "psi of the width");
        assertEquals(f(psi(NORM, 1)), norm.getText(6), "psi of the learning rate");
        assertEquals(f((psi(NORM, 0) + psi(NORM, 1)) / 2), norm.getText(7), "Psi, the mean of the psi_i");
        assertTrue(norm.getText(3).matches("\\[-?\\d\\.\\d{3}, -?\\d\\.\\d{3}\\]"), norm.getText(3));

        TableItem margin = view.table().getItem(1);
        assertEquals("\u2212margins.mean", margin.getText(1), "an inverted measure is marked");
        assertEquals(f(marginTau), margin.getText(2), "tau of -margin");
        assertEquals(f(psi(invertedMargin, 0)), margin.getText(5));

        ChartSpec chart = view.chart().spec();
        assertEquals(3, chart.series().size(), "tau and one psi per axis");
        assertEquals(normTau, chart.series().get(0).y()[0], 1e-12);
        assertEquals(marginTau, chart.series().get(0).y()[1], 1e-12);
        assertEquals(psi(NORM, 1), chart.series().get(2).y()[0], 1e-12);
        assertTrue(view.chart().chart().getSeriesSet().getSeries().length >= 3, "drawn");
    }

    @Test
    void aFolderWhoseStudyCannotBeReadSaysWhy() throws Exception {
        Path folder = workspace.resolve("studies/broken-measures/1");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(MeasureStudyRecords.STUDY), "{\"format\": 1, \"table\": ");
        MeasureStudyPart view = open(folder);
        assertTrue(view.header().getText().contains(MeasureStudyRecords.STUDY)
                && view.header().getText().contains("not a measure study"), view.header().getText());
        assertEquals(view.header().getDisplay().getSystemColor(SWT.COLOR_RED), view.header().getForeground());
        assertEquals(0, view.table().getItemCount());
    }
}
