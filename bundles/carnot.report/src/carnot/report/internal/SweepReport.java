package carnot.report.internal;

import carnot.report.Chart;
import carnot.report.Reports;

import carnot.api.experiment.EpochMetrics;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.LearningCurves;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import carnot.workspace.SweepRecords;
import carnot.workspace.Sweeps;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report page of a sweep folder: the results per grid cell (mean ± sample standard deviation
 * over seeds, {@link carnot.workspace.SampleStatistics}), the charts against each axis
 * ({@link SweepCharts}), the curves over epochs, and every point's provenance.
 */
public final class SweepReport {

    private SweepReport() {
    }

    public static String html(Path folder, Figures figures) throws IOException, Reports.ReportException {
        Sweeps.Plan plan;
        try {
            plan = Sweeps.parse(folder.resolve(SweepRecords.SWEEP), Files.readString(folder.resolve(SweepRecords.SWEEP)));
        } catch (ExperimentFileException e) {
            throw new Reports.ReportException(e.getMessage());
        }
        List<SweepRecords.Cell> cells = SweepRecords.cells(folder, plan);
        JsonNode status = ReportValues.readOptional(folder.resolve(RunRecorder.STATUS));
        StringBuilder body = new StringBuilder();
        body.append("<h1>Sweep ").append(Html.escape(plan.name())).append("</h1>\n<p class=\"note\">")
                .append(Html.escape(folder.toAbsolutePath().normalize().toString())).append("</p>\n");
        String description = plan.source().path("description").asText();
        if (!description.isEmpty()) {
            body.append("<p>").append(Html.escape(description)).append("</p>\n");
        }
        long completed = cells.stream().flatMap(c -> c.points().stream()).filter(r -> "completed".equals(r.status())).count();
        body.append("<p>").append(plan.points().size()).append(" points: ").append(plan.cells()).append(" cells × ")
                .append(plan.seeds().size()).append(" seeds ").append(Html.escape(plan.seeds().toString())).append("; ")
                .append(completed).append(" completed").append(status == null ? "" : " (sweep status: "
                        + Html.escape(SweepRecords.info(folder).state().label()) + ")")
                .append(". Values are the final epoch's, "
                        + "mean ± sample standard deviation over the completed seeds.</p>\n");

        body.append("<h2>Results per cell</h2>\n");
        List<String> extra = analysisColumns(cells);
        List<String> header = new ArrayList<>();
        plan.axes().forEach(a -> header.add(a.shortName()));
        header.addAll(List.of("seeds done", "n", "p", "p/n", "train error", "test error", "gap", "epochs"));
        header.addAll(extra);
        List<List<String>> rows = new ArrayList<>();
        for (SweepRecords.Cell cell : cells) {
            List<String> row = new ArrayList<>();
            cell.values().values().forEach(v -> row.add(Sweeps.valueLabel(v)));
            long done = cell.points().stream().filter(r -> "completed".equals(r.status())).count();
            SweepRecords.PointResult first = cell.points().get(0);
            row.add(done + "/" + cell.points().size());
            row.add(Integer.toString(first.trainSize()));
            row.add(Long.toString(first.parameterCount()));
            row.add(first.trainSize() == 0 ? "" : ReportValues.fmt((double) first.parameterCount() / first.trainSize()));
            for (String m : List.of("trainError", "testError", "generalizationGap", "epochs")) {
                row.add(spread(cell.metrics().get(m)));
            }
            extra.forEach(m -> row.add(spread(cell.metrics().get(m))));
            rows.add(row);
        }
        body.append(Html.table(header, rows));

        body.append("<h2>Charts</h2>\n");
        for (int a = 0; a < plan.axes().size(); a++) {
            body.append(SweepCharts.axisCharts(plan, cells, a, figures, extra));
        }
        body.append(SweepCharts.noiseScaleCharts(cells, figures));
        List<LearningCurves.PowerLaw> fits = LearningCurves.fits(plan, cells);
        if (!fits.isEmpty()) {
            body.append(SweepCharts.learningCurves(cells, fits, plan, figures));
        }
        body.append(epochCurves(folder, plan, cells, figures));

        body.append("<h2>Provenance</h2>\n");
        List<List<String>> points = new ArrayList<>();
        JsonNode firstProvenance = null;
        for (SweepRecords.Cell cell : cells) {
            for (SweepRecords.PointResult r : cell.points()) {
                JsonNode p = ReportValues.readOptional(folder.resolve(SweepRecords.POINTS).resolve(r.point().folder())
                        .resolve(RunRecorder.PROVENANCE));
                if (p != null && firstProvenance == null) {
                    firstProvenance = p;
                }
                points.add(List.of(r.point().folder(), Long.toString(r.point().seed()), r.status(),
                        p == null ? "" : p.path("data").path("train").path("sha256").asText(),
                        p == null ? "" : p.path("data").path("test").path("sha256").asText()));
            }
        }
        body.append("<p>Every point is a run folder under <code>points/</code> with its own spec.json, "
                + "provenance.json and metrics; data hashes per point (after perturbations):</p>\n");
        body.append(Html.table(List.of("point", "seed", "status", "train sha256", "test sha256"), points));
        if (firstProvenance != null) {
            body.append("<p>Components, engine and JVM of the first point:</p>\n");
            body.append(RunReport.provenance(firstProvenance).replace("<h2>Provenance</h2>\n", ""));
        }
        body.append("<h2>Sweep file (sweep.json)</h2>\n<pre>")
                .append(Html.escape(ReportValues.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan.source())))
                .append("</pre>\n");
        return Html.page("Carnot sweep " + plan.name(), body.toString());
    }

    /**
     * Final analysis scalars summarized per cell (at most 12 columns). With several cells, scalars
     * that are the same constant in every point (bookkeeping such as a parameter or example count)
     * are left out, so the columns go to what the sweep changes.
     */
    private static List<String> analysisColumns(List<SweepRecords.Cell> cells) {
        Set<String> names = new LinkedHashSet<>();
        for (SweepRecords.Cell cell : cells) {
            cell.metrics().keySet().stream().filter(k -> k.contains(".")).forEach(names::add);
        }
        return names.stream().filter(name -> cells.size() < 2 || !constant(cells, name)).limit(12).toList();
    }

    private static boolean constant(List<SweepRecords.Cell> cells, String name) {
        Double value = null;
        for (SweepRecords.Cell cell : cells) {
            SweepRecords.Spread spread = cell.metrics().get(name);
            if (spread == null || spread.n() == 0 || spread.min() != spread.max()
                    || (value != null && value != spread.min())) {
                return false;
            }
            value = spread.min();
        }
        return true;
    }

    /** Test and train error over epochs per cell, averaged over the cell's completed seeds. */
    private static String epochCurves(Path folder, Sweeps.Plan plan, List<SweepRecords.Cell> cells, Figures figures)
            throws IOException {
        List<Chart.Series> test = new ArrayList<>();
        List<Chart.Series> train = new ArrayList<>();
        for (SweepRecords.Cell cell : cells) {
            if (test.size() >= ReportValues.MAX_SERIES) {
                break;
            }
            TreeMap<Integer, double[]> sums = new TreeMap<>();
            for (SweepRecords.PointResult r : cell.points()) {
                if (!"completed".equals(r.status())) {
                    continue;
                }
                for (EpochMetrics m : RunRecords.metrics(folder.resolve(SweepRecords.POINTS).resolve(r.point().folder()))) {
                    double[] s = sums.computeIfAbsent(m.epoch(), e -> new double[3]);
                    s[0] += m.testError();
                    s[1] += m.trainError();
                    s[2]++;
                }
            }
            if (sums.isEmpty()) {
                continue;
            }
            double[] x = sums.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            String label = cell.points().get(0).point().label();
            test.add(Chart.Series.line(label, x, sums.values().stream().mapToDouble(s -> s[0] / s[2]).toArray()));
            train.add(Chart.Series.line(label, x, sums.values().stream().mapToDouble(s -> s[1] / s[2]).toArray()));
        }
        if (test.isEmpty()) {
            return "";
        }
        return "<h3>Over epochs (mean over seeds" + (cells.size() > ReportValues.MAX_SERIES ? "; first " + ReportValues.MAX_SERIES + " cells" : "")
                + ")</h3>\n" + figures.add("test-error-over-epochs", new Chart("Test error over epochs", "epoch",
                        "test error", false, false, test))
                + figures.add("train-error-over-epochs", new Chart("Train error over epochs", "epoch", "train error",
                        false, false, train));
    }

    private static String spread(SweepRecords.Spread s) {
        if (s == null || s.n() == 0) {
            return "";
        }
        return s.n() == 1 ? ReportValues.fmt(s.mean()) : ReportValues.fmt(s.mean()) + " ± " + ReportValues.fmt(s.std());
    }
}
