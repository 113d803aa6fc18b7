package carnot.report.internal;

import carnot.report.Chart;
import carnot.report.Reports;

import carnot.studies.measures.MeasureStatistics;
import carnot.studies.measures.MeasureStudyRecords;
import carnot.studies.measures.MeasureStudyResult;
import carnot.studies.measures.MeasureTable;
import carnot.studies.measures.PaperComparison;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The report page of a measure study folder: the table of measures x (tau, psi per axis, Psi,
 * conditional mutual information) sorted by tau, Jiang et al.'s findings beside the measures both
 * studies have, and scatter plots of measure against gap coloured by each axis.
 */
public final class MeasureStudyPage {

    /** Scatter plots for this many measures from the top and from the bottom of the table. */
    private static final int SCATTERED_EACH_END = 5;

    private MeasureStudyPage() {
    }

    public static String html(Path folder, Figures figures) throws IOException, Reports.ReportException {
        MeasureStudyResult study;
        try {
            study = MeasureStudyRecords.read(folder);
        } catch (IOException e) {
            throw new Reports.ReportException(e.getMessage());
        }
        MeasureTable table = study.table();
        StringBuilder body = new StringBuilder();
        body.append("<h1>Measure study ").append(Html.escape(table.experiment())).append("</h1>\n<p class=\"note\">")
                .append(Html.escape(folder.toAbsolutePath().normalize().toString())).append("<br>sweep ")
                .append(Html.escape(table.sweepFolder())).append("</p>\n");
        body.append("<p>Which measures predict generalization, with the statistics of Jiang, Neyshabur, Mobahi, "
                + "Krishnan &amp; Bengio, <i>Fantastic Generalization Measures and Where to Find Them</i> (ICLR 2020): "
                + "Kendall's &tau; between each measure and the generalization gap (test &minus; train error) over all "
                + "runs (ties count 0, as in the paper; the bracket is a 95% percentile bootstrap over runs), the "
                + "granulated &psi;<sub>i</sub> (&tau; over runs that differ only along axis i, averaged over the other "
                + "axes' values and the seeds) and their mean &Psi;, and the conditional mutual information between "
                + "sign(&Delta;measure) and sign(&Delta;gap) over pairs of runs, normalized by H(V<sub>g</sub> | "
                + "U<sub>S</sub>), given no axis, each axis, the worst pair of axes, and K = the minimum over every "
                + "conditioning set of at most two axes. A measure enters with the sign that makes a complexity rise "
                + "with the gap: margins and the PAC-Bayes radius &sigma; are inverted (a leading &minus;).</p>\n");
        body.append(overview(table));
        body.append("<h2>Measures, sorted by &tau;</h2>\n").append(statistics(study));
        if (!study.paper().isEmpty()) {
            body.append("<h2>Beside Jiang et al. (2020)</h2>\n").append(paper(study));
        }
        body.append("<h2>Measure against gap</h2>\n<p class=\"note\">The ").append(SCATTERED_EACH_END)
                .append(" measures with the highest and the lowest &tau;, and the parameter count; one point per run, "
                        + "coloured by each axis in turn.</p>\n");
        for (String measure : scattered(study)) {
            body.append("<h3>").append(Html.escape(measure)).append("</h3>\n");
            for (int a = 0; a < table.axes().size(); a++) {
                body.append(figures.add("gap-vs-" + measure + "-by-" + table.axes().get(a).name(),
                        scatter(table, measure, a)));
            }
        }
        if (!table.droppedMeasures().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            table.droppedMeasures().forEach(d -> rows.add(List.of(d.measure(), d.reason())));
            body.append("<h2>Recorded scalars not compared</h2>\n").append(Html.table(List.of("scalar", "why"), rows));
        }
        return Html.page("Carnot measure study " + table.experiment(), body.toString());
    }

    private static String overview(MeasureTable table) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("runs compared", table.runs().size() + " (" + table.seeds().size() + " seed"
                + (table.seeds().size() == 1 ? "" : "s") + " per cell)"));
        rows.add(List.of("every run trained to", table.stopping()));
        for (MeasureTable.Axis axis : table.axes()) {
            rows.add(List.of("axis " + axis.name(), axis.path() + ": " + String.join(", ", axis.values())));
        }
        rows.add(List.of("measures compared", Integer.toString(table.measures().size())));
        double[] gaps = table.gaps();
        rows.add(List.of("gap range", ReportValues.fmt(ReportValues.min(gaps)) + " to " + ReportValues.fmt(ReportValues.max(gaps))));
        for (MeasureTable.Excluded e : table.excludedRuns()) {
            rows.add(List.of("left out: " + e.folder(), e.reason()));
        }
        return Html.table(List.of("what", "value"), rows);
    }

    private static String statistics(MeasureStudyResult study) {
        List<MeasureTable.Axis> axes = study.table().axes();
        List<String> header = new ArrayList<>(List.of("measure", "τ [95% bootstrap]", "τ-b"));
        axes.forEach(a -> header.add("ψ " + a.name()));
        header.add("Ψ");
        header.add("CMI");
        axes.forEach(a -> header.add("CMI | " + a.name()));
        header.add("CMI | pair (min)");
        header.add("K");
        header.add("K given");
        List<List<String>> rows = new ArrayList<>();
        for (MeasureStatistics s : study.statistics()) {
            List<String> row = new ArrayList<>();
            row.add((s.sign() < 0 ? "−" : "") + s.measure());
            row.add(fmt(s.tau()) + " [" + fmt(s.tauLower()) + ", " + fmt(s.tauUpper()) + "]");
            row.add(fmt(s.tauB()));
            for (double psi : s.psi()) {
                row.add(fmt(psi));
            }
            row.add(fmt(s.overallPsi()));
            row.add(fmt(s.cmiUnconditioned()));
            for (double c : s.cmiGivenAxis()) {
                row.add(fmt(c));
            }
            row.add(fmt(s.cmiGivenPairs()));
            row.add(fmt(s.robustCmi()));
            row.add(s.robustCmiGiven().isEmpty() ? "(none)" : String.join(", ", s.robustCmiGiven()));
            rows.add(row);
        }
        return Html.table(header, rows);
    }

    private static String paper(MeasureStudyResult study) {
        List<List<String>> rows = new ArrayList<>();
        for (PaperComparison p : study.paper()) {
            MeasureStatistics s = study.statistics(p.measure());
            rows.add(List.of(p.measure(), fmt(s.tau()), fmt(s.overallPsi()), fmt(s.robustCmi()), p.paperMeasure(),
                    p.relation(), p.finding()));
        }
        return "<p class=\"note\">Their measures, and their conclusions for them as the paper's abstract and "
                + "conclusions state them (CIFAR-10 and SVHN convolutional networks trained to a cross-entropy of "
                + "0.01).</p>\n" + Html.table(List.of("our measure", "τ", "Ψ", "K", "Jiang et al.", "relation",
                        "their finding"), rows);
    }

    /** The measures to plot: both ends of the table by tau, and the parameter count. */
    private static List<String> scattered(MeasureStudyResult study) {
        List<MeasureStatistics> rows = study.statistics();
        Set<String> chosen = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(SCATTERED_EACH_END, rows.size()); i++) {
            chosen.add(rows.get(i).measure());
        }
        for (int i = Math.max(0, rows.size() - SCATTERED_EACH_END); i < rows.size(); i++) {
            chosen.add(rows.get(i).measure());
        }
        if (study.statistics("parameterCount") != null) {
            chosen.add("parameterCount");
        }
        return new ArrayList<>(chosen);
    }

    /** Measure (as recorded) against gap, one marker series per value of axis {@code a}. */
    public static Chart scatter(MeasureTable table, String measure, int a) {
        MeasureTable.Axis axis = table.axes().get(a);
        double[] x = table.runs().stream().mapToDouble(r -> r.measures().get(measure)).toArray();
        boolean log = ReportValues.min(x) > 0 && ReportValues.max(x) / ReportValues.min(x) >= 100;
        List<Chart.Series> series = new ArrayList<>();
        for (int v = 0; v < axis.values().size(); v++) {
            List<double[]> points = new ArrayList<>();
            for (MeasureTable.Run run : table.runs()) {
                if (run.coordinates()[a] == v) {
                    points.add(new double[] {run.measures().get(measure), run.gap()});
                }
            }
            series.add(SweepCharts.scatter(Chart.Series.line(axis.name() + "=" + axis.values().get(v),
                    points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray())));
        }
        return new Chart(measure + " vs gap, by " + axis.name(), measure, "gap (test − train error)", log, false,
                series);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
