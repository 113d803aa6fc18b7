package carnot.report.internal;

import carnot.report.Chart;
import carnot.report.Reports;

import carnot.workspace.LearningCurves;
import carnot.workspace.SweepRecords;
import carnot.workspace.Sweeps;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The phenomenon charts of a sweep: final errors (and analysis scalars) against each axis, the
 * learning curve's power law (Hestness et al. 2017) and the errors against the SGD noise scale
 * (Smith and Le 2018), each with mean ± sample standard deviation over seeds as error bars.
 */
public final class SweepCharts {

    private SweepCharts() {
    }

    /** Train and test error (and analysis scalars) against axis {@code a}, one series per combination of the others. */
    public static String axisCharts(Sweeps.Plan plan, List<SweepRecords.Cell> cells, int a, Figures figures,
            List<String> extra) throws IOException {
        Sweeps.Axis axis = plan.axes().get(a);
        boolean numeric = axis.values().stream().allMatch(JsonNode::isNumber);
        double[] positions = new double[axis.values().size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = numeric ? axis.values().get(i).asDouble() : i;
        }
        boolean logX = numeric && axis.values().stream().allMatch(v -> v.asDouble() > 0) && ReportValues.max(positions) / ReportValues.min(positions) >= 20;
        String xLabel = axis.shortName();
        if (!numeric) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < positions.length; i++) {
                JsonNode v = axis.values().get(i);
                names.add(i + "=" + Sweeps.valueLabel(v));
            }
            xLabel = xLabel + ": " + String.join(", ", names);
            if (xLabel.length() > 80) {
                xLabel = xLabel.substring(0, 79) + "…";
            }
        }
        // Group cells by the values of the other axes.
        List<String> metrics = new ArrayList<>(List.of("trainError", "testError"));
        metrics.addAll(extra);
        metrics.add("epochs");
        Map<String, Map<String, double[][]>> byMetric = new LinkedHashMap<>();
        for (String metric : metrics) {
            byMetric.put(metric, new LinkedHashMap<>());
        }
        for (SweepRecords.Cell cell : cells) {
            List<String> rest = new ArrayList<>();
            cell.values().forEach((path, v) -> {
                if (!path.equals(axis.path())) {
                    rest.add(shortName(path) + "=" + Sweeps.valueLabel(v));
                }
            });
            String group = rest.isEmpty() ? "" : String.join(", ", rest);
            int position = axis.values().indexOf(cell.values().get(axis.path()));
            for (String metric : metrics) {
                double[][] data = byMetric.get(metric).computeIfAbsent(group, g -> {
                    double[][] d = new double[2][positions.length];
                    java.util.Arrays.fill(d[0], Double.NaN);
                    java.util.Arrays.fill(d[1], Double.NaN);
                    return d;
                });
                SweepRecords.Spread s = cell.metrics().get(metric);
                if (s != null) {
                    data[0][position] = s.mean();
                    data[1][position] = s.std();
                }
            }
        }
        StringBuilder html = new StringBuilder("<h3>Against " + Html.escape(axis.path()) + "</h3>\n");
        List<Chart.Series> errors = new ArrayList<>();
        for (String group : byMetric.get("testError").keySet()) {
            if (errors.size() >= ReportValues.MAX_SERIES) {
                break;
            }
            String suffix = group.isEmpty() ? "" : " (" + group + ")";
            double[][] test = byMetric.get("testError").get(group);
            double[][] train = byMetric.get("trainError").get(group);
            errors.add(new Chart.Series("test" + suffix, positions, test[0], test[1], true, false));
            errors.add(new Chart.Series("train" + suffix, positions, train[0], train[1], true, true));
        }
        html.append(figures.add("error-vs-" + axis.shortName(), new Chart("Final 0-1 error vs " + axis.shortName()
                + " (mean ± std over seeds; dashed: train)", xLabel, "error", logX, false, errors)));
        List<String> others = new ArrayList<>(extra);
        others.add("epochs");
        for (String metric : others) {
            List<Chart.Series> series = new ArrayList<>();
            for (Map.Entry<String, double[][]> e : byMetric.get(metric).entrySet()) {
                if (series.size() >= ReportValues.MAX_SERIES) {
                    break;
                }
                if (java.util.Arrays.stream(e.getValue()[0]).allMatch(Double::isNaN)) {
                    continue;
                }
                series.add(new Chart.Series(e.getKey().isEmpty() ? metric : e.getKey(), positions, e.getValue()[0],
                        e.getValue()[1], true, false));
            }
            if (!series.isEmpty()) {
                html.append(figures.add(metric + "-vs-" + axis.shortName(), new Chart(("epochs".equals(metric)
                        ? "Epochs trained (time-to-fit when stopping at a target)" : metric) + " vs " + axis.shortName(),
                        xLabel, metric, logX, false, series)));
            }
        }
        return html.toString();
    }

    public static String learningCurves(List<SweepRecords.Cell> cells, List<LearningCurves.PowerLaw> fits,
            Sweeps.Plan plan, Figures figures) throws IOException {
        StringBuilder html = new StringBuilder("<h3>Learning curves: test error = a·n^b (Hestness et al. 2017)</h3>\n");
        List<Chart.Series> series = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (LearningCurves.PowerLaw fit : fits) {
            String group = fit.group().isEmpty() ? "" : " " + fit.group();
            List<double[]> pairs = new ArrayList<>();
            for (SweepRecords.Cell cell : cells) {
                boolean member = fit.group().entrySet().stream().allMatch(e -> e.getValue().equals(cell.values().get(e.getKey())));
                if (!member) {
                    continue;
                }
                for (SweepRecords.PointResult r : cell.points()) {
                    if ("completed".equals(r.status()) && r.finals().containsKey("testError")) {
                        pairs.add(new double[] {r.trainSize(), r.finals().get("testError")});
                    }
                }
            }
            if (series.size() < ReportValues.MAX_SERIES) {
                series.add(new Chart.Series("measured" + group, pairs.stream().mapToDouble(p -> p[0]).toArray(),
                        pairs.stream().mapToDouble(p -> p[1]).toArray(), null, true, false));
                double lo = fit.sizes().get(0);
                double hi = fit.sizes().get(fit.sizes().size() - 1);
                double[] x = {lo, Math.sqrt(lo * hi), hi};
                double[] y = new double[3];
                for (int i = 0; i < 3; i++) {
                    y[i] = fit.coefficient() * Math.pow(x[i], fit.exponent());
                }
                series.add(new Chart.Series(String.format(Locale.ROOT, "fit b = %.3f", fit.exponent()), x, y, null,
                        false, true));
            }
            rows.add(List.of(fit.group().isEmpty() ? "(all)" : fit.group().toString(), Integer.toString(fit.points()),
                    fit.sizes().toString(), ReportValues.fmt(fit.coefficient()), ReportValues.fmt(fit.exponent()),
                    "[" + ReportValues.fmt(fit.exponentLow()) + ", " + ReportValues.fmt(fit.exponentHigh()) + "]", ReportValues.fmt(fit.r2())));
        }
        // The measured points are drawn as markers only: split them out of the line drawing.
        List<Chart.Series> drawn = new ArrayList<>();
        for (Chart.Series s : series) {
            if (s.name().startsWith("measured")) {
                drawn.add(scatter(s));
            } else {
                drawn.add(s);
            }
        }
        html.append(figures.add("learning-curve", new Chart("Test error vs training-set size n (log-log)", "n",
                "test error", true, true, drawn)));
        html.append(Html.table(List.of("group", "points", "n", "a", "exponent b", "95% interval of b", "R² (log-log)"),
                rows));
        html.append("<p class=\"note\">OLS on (log n, log error) over every completed seed; the interval is b ± "
                + "t<sub>0.975, m−2</sub>·se(b).</p>\n");
        return html.toString();
    }

    /**
     * When cells differ in the SGD noise scale g = lr·N/(B(1−m)) (Smith & Le 2018): final test
     * error and generalization gap against g, one marker per cell.
     */
    public static String noiseScaleCharts(List<SweepRecords.Cell> cells, Figures figures) throws IOException {
        List<double[]> points = new ArrayList<>();
        for (SweepRecords.Cell cell : cells) {
            SweepRecords.Spread g = cell.metrics().get("sgdNoiseScale");
            SweepRecords.Spread test = cell.metrics().get("testError");
            SweepRecords.Spread gap = cell.metrics().get("generalizationGap");
            if (g != null && test != null && gap != null) {
                points.add(new double[] {g.mean(), test.mean(), test.std(), gap.mean(), gap.std()});
            }
        }
        if (points.stream().mapToDouble(p -> p[0]).distinct().count() < 2) {
            return "";
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] g = points.stream().mapToDouble(p -> p[0]).toArray();
        Chart.Series test = new Chart.Series("test error", g, points.stream().mapToDouble(p -> p[1]).toArray(),
                points.stream().mapToDouble(p -> p[2]).toArray(), true, false);
        Chart.Series gap = new Chart.Series("gap (test − train)", g, points.stream().mapToDouble(p -> p[3]).toArray(),
                points.stream().mapToDouble(p -> p[4]).toArray(), true, true);
        boolean log = g[0] > 0 && g[g.length - 1] / g[0] >= 20;
        return "<h3>Against the SGD noise scale g = lr·N/(B(1−m)) (Smith &amp; Le 2018)</h3>\n"
                + figures.add("error-vs-noise-scale", new Chart("Final test error and gap vs noise scale (one point per "
                        + "cell)", "g", "error", log, false, List.of(scatter(test), scatter(gap))));
    }

    /** A series as unconnected markers ({@link Chart.Series#markers}), dashed as it was. */
    public static Chart.Series scatter(Chart.Series s) {
        Chart.Series markers = Chart.Series.markers(s.name(), s.x(), s.y(), s.error());
        return new Chart.Series(s.name(), markers.x(), markers.y(), markers.error(), true, s.dashed());
    }

    public static String shortName(String path) {
        return new Sweeps.Axis(path, List.of()).shortName();
    }
}
