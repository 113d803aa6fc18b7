package carnot.ui.internal.table;

import carnot.ui.internal.charts.ChartSpec.Line;
import carnot.ui.internal.charts.ChartSpec;
import carnot.ui.internal.charts.Comparison;
import carnot.workspace.RunSummaries.RunSummary;
import carnot.workspace.SampleStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A metric against one setting over a sweep's runs (TensorBoard HParams' scatter plot): every
 * run as a point, and at each value of the setting the mean over the runs with a band of one
 * sample standard deviation (seeds of one grid cell, pooled with the cells that share the value).
 */
final class MetricPlot {

    private MetricPlot() {
    }

    static ChartSpec spec(List<RunSummary> runs, String setting, String metric) {
        List<double[]> points = new ArrayList<>();
        TreeMap<Double, List<Double>> byValue = new TreeMap<>();
        for (RunSummary run : runs) {
            Double x = RunTableModel.numeric(run.settings().get(setting));
            Double y = run.finals().get(metric);
            if (x != null && y != null && Double.isFinite(y)) {
                points.add(new double[] {x, y});
                byValue.computeIfAbsent(x, k -> new ArrayList<>()).add(y);
            }
        }
        String title = metric + " against " + RunTableModel.shortName(setting) + " (" + points.size() + " runs)";
        if (points.isEmpty()) {
            return new ChartSpec(setting.isEmpty() ? "No numeric setting differs between these runs" : title,
                    setting, metric, List.of(), false, false, true);
        }
        int n = byValue.size();
        double[] xs = new double[n];
        double[] mean = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        int i = 0;
        for (Map.Entry<Double, List<Double>> entry : byValue.entrySet()) {
            SampleStatistics summary = SampleStatistics.ofFinite(entry.getValue());
            double sd = Double.isNaN(summary.sd()) ? 0 : summary.sd();
            xs[i] = entry.getKey();
            mean[i] = summary.mean();
            lower[i] = summary.mean() - sd;
            upper[i] = summary.mean() + sd;
            i++;
        }
        List<Line> lines = List.of(
                new Line("runs", points.stream().mapToDouble(p -> p[0]).toArray(),
                        points.stream().mapToDouble(p -> p[1]).toArray(), ChartSpec.color(0)),
                new Line("mean \u00b1 sd", xs, mean, ChartSpec.color(1), lower, upper));
        return new ChartSpec(title, RunTableModel.shortName(setting), metric, lines, false, false, true);
    }
}
