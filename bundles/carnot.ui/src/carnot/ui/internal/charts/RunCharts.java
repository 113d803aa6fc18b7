package carnot.ui.internal.charts;

import carnot.ui.internal.charts.ChartSpec.Line;
import carnot.ui.internal.charts.RunData.Curve;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The charts of a run, as {@link ChartSpec}s built from its {@link RunData}. */
public final class RunCharts {

    /** The metrics shown on the learning-curve charts (all others are listed under Scalars). */
    public static final List<String> LOSSES = List.of("trainLoss", "testLoss", RunData.VALIDATION_LOSS);
    public static final List<String> ERRORS = List.of("trainError", "testError", RunData.VALIDATION_ERROR,
            "generalizationGap");

    private RunCharts() {
    }

    /** Curves by name against epoch, in the given order; absent names are skipped. */
    public static ChartSpec curves(String title, String yTitle, Map<String, Curve> curves, List<String> names, boolean logY) {
        List<Line> lines = new ArrayList<>();
        for (String name : names) {
            Curve curve = curves.get(name);
            if (curve != null) {
                lines.add(new Line(name, curve.epochs(), curve.values(), ChartSpec.color(lines.size())));
            }
        }
        return new ChartSpec(title, "epoch", yTitle, lines, false, logY);
    }

    /**
     * A series at one epoch, against its x values or its index. The axes are titled with the
     * names the analysis recorded (without its id, which is in the chart's title): a spectral
     * density's {@code density.values} against {@code density.grid}.
     */
    public static ChartSpec series(String name, int epoch, RunData.Series series, boolean logY) {
        double[] x = series.x();
        if (x == null) {
            x = new double[series.y().length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
        }
        String recorded = name.substring(name.indexOf('.') + 1);
        return new ChartSpec(name + " (epoch " + epoch + ")", series.x() == null ? "index" : series.xName(), recorded,
                List.of(new Line(name, x, series.y(), ChartSpec.color(0))), false, logY);
    }

    /** A histogram at one epoch as bars at the bin centres (counts normalized to fractions). */
    public static ChartSpec histogram(String name, int epoch, RunData.Histogram histogram, boolean logY) {
        long total = 0;
        for (long c : histogram.counts()) {
            total += c;
        }
        double[] centres = new double[histogram.counts().length];
        double[] fractions = new double[centres.length];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (histogram.edges()[i] + histogram.edges()[i + 1]) / 2;
            fractions[i] = total == 0 ? 0 : (double) histogram.counts()[i] / total;
        }
        return new ChartSpec(name + " (epoch " + epoch + ", n = " + total + ")", name, "fraction",
                List.of(new Line(name, centres, fractions, ChartSpec.color(0))), true, logY);
    }

    /** A grid at one epoch. */
    public static HeatMapSpec heatMap(String name, int epoch, RunData.Grid grid) {
        return new HeatMapSpec(name + " (epoch " + epoch + ")", "x", "y", grid);
    }
}
