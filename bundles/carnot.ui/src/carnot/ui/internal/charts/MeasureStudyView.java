package carnot.ui.internal.charts;

import carnot.studies.measures.MeasureStatistics;
import carnot.studies.measures.MeasureStudyResult;
import carnot.studies.measures.MeasureTable;
import carnot.studies.measures.PaperComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the measure-study view shows of a {@link MeasureStudyResult}, apart from widgets: the
 * rank-correlation table of Jiang et al., "Fantastic Generalization Measures and Where to Find
 * Them" (ICLR 2020), Table 1's layout: per measure (oriented by its sign, inverted ones with a
 * leading minus) Kendall's tau with the gap over all runs with its bootstrap interval, tau-b, the
 * granulated coefficient psi_i of every hyper-parameter axis (tau over the runs that differ in that
 * axis alone, averaged over the other axes' values), their mean Psi, and K, the conditional mutual
 * information minimized over conditioning sets of at most two axes; beside it their finding for the
 * corresponding measure. And a chart of tau and the psi_i per measure in the table's order.
 */
final class MeasureStudyView {

    private final MeasureStudyResult study;

    MeasureStudyView(MeasureStudyResult study) {
        this.study = study;
    }

    /** The table's column titles. */
    List<String> titles() {
        List<String> titles = new ArrayList<>(List.of("#", "measure", "\u03c4", "95% interval", "\u03c4-b"));
        study.table().axes().forEach(axis -> titles.add("\u03c8 " + axis.name()));
        titles.addAll(List.of("\u03a8", "K", "K given", "Jiang et al. (2020)"));
        return titles;
    }

    /** One row per measure, sorted by tau (highest first, as the study stores them). */
    List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        int rank = 1;
        for (MeasureStatistics s : study.statistics()) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(rank++));
            row.add((s.sign() < 0 ? "\u2212" : "") + s.measure());
            row.add(number(s.tau()));
            row.add(Double.isNaN(s.tauLower()) ? "" : "[" + number(s.tauLower()) + ", " + number(s.tauUpper()) + "]");
            row.add(number(s.tauB()));
            for (double psi : s.psi()) {
                row.add(number(psi));
            }
            row.add(number(s.overallPsi()));
            row.add(number(s.robustCmi()));
            row.add(s.robustCmiGiven().isEmpty() ? "\u2205" : String.join(", ", s.robustCmiGiven()));
            row.add(paper(s.measure()));
            rows.add(row);
        }
        return rows;
    }

    private String paper(String measure) {
        return study.paper().stream().filter(p -> p.measure().equals(measure)).findFirst()
                .map(PaperComparison::paperMeasure).orElse("");
    }

    /** The line above the table: what was studied and how. */
    String header() {
        MeasureTable table = study.table();
        StringBuilder text = new StringBuilder();
        text.append(table.experiment()).append(": ").append(table.runs().size()).append(" runs trained to ")
                .append(table.stopping()).append(", ").append(table.measures().size()).append(" measures over ")
                .append(table.axes().size()).append(table.axes().size() == 1 ? " axis (" : " axes (");
        for (int a = 0; a < table.axes().size(); a++) {
            MeasureTable.Axis axis = table.axes().get(a);
            text.append(a == 0 ? "" : "; ").append(axis.name()).append(' ').append(String.join(", ", axis.values()));
        }
        text.append(") and ").append(table.seeds().size()).append(table.seeds().size() == 1 ? " seed" : " seeds");
        if (!table.excludedRuns().isEmpty()) {
            text.append("; ").append(table.excludedRuns().size()).append(" runs left out");
        }
        text.append(String.format(Locale.ROOT, ". Interval: %.0f%% percentile bootstrap over runs, %d resamples. "
                + "Computed %s.", 100 * study.options().level(), study.options().resamples(), study.createdAt()));
        return text.toString();
    }

    /** Tau and every axis' psi against the measure's rank in the table (points: measures are no continuum). */
    ChartSpec chart() {
        List<MeasureStatistics> statistics = study.statistics();
        int n = statistics.size();
        double[] rank = new double[n];
        double[] tau = new double[n];
        for (int i = 0; i < n; i++) {
            rank[i] = i + 1;
            tau[i] = statistics.get(i).tau();
        }
        List<ChartSpec.Line> lines = new ArrayList<>();
        lines.add(new ChartSpec.Line("\u03c4 (all runs)", rank, tau, ChartSpec.color(0)));
        List<MeasureTable.Axis> axes = study.table().axes();
        for (int a = 0; a < axes.size(); a++) {
            double[] psi = new double[n];
            for (int i = 0; i < n; i++) {
                psi[i] = statistics.get(i).psi()[a];
            }
            lines.add(new ChartSpec.Line("\u03c8 " + axes.get(a).name(), rank, psi, ChartSpec.color(a + 1)));
        }
        return new ChartSpec("Kendall's \u03c4 with the gap, and granulated \u03c8 per axis", "measure (# in the table)",
                "rank correlation", lines, false, false, true);
    }

    static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }
}
