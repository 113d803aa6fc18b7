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

    /** Most epochs drawn in one histograms-over-epochs chart; more are sampled evenly, the last always. */
    static final int MAX_EPOCHS_DRAWN = 12;

    /**
     * A histogram's epochs in one chart, as TensorBoard's histogram dashboard draws them: each
     * epoch's distribution (fractions at the bin centres) as a line, from light (early) to dark
     * (late); {@code offset} lifts each later epoch by a step (TensorBoard's offset view, a
     * ridgeline), else they lie on top of each other (overlay).
     */
    public static ChartSpec histogramsOverEpochs(String name, java.util.NavigableMap<Integer, RunData.Histogram> byEpoch,
            boolean offset) {
        List<Integer> epochs = new java.util.ArrayList<>(byEpoch.keySet());
        List<Integer> drawn = new java.util.ArrayList<>();
        for (int k = 0; k < Math.min(MAX_EPOCHS_DRAWN, epochs.size()); k++) {
            int index = epochs.size() <= MAX_EPOCHS_DRAWN ? k
                    : (int) Math.round(k * (epochs.size() - 1) / (double) (MAX_EPOCHS_DRAWN - 1));
            if (!drawn.contains(epochs.get(index))) {
                drawn.add(epochs.get(index));
            }
        }
        double step = 0;
        List<double[][]> curves = new java.util.ArrayList<>();
        for (int epoch : drawn) {
            ChartSpec one = histogram(name, epoch, byEpoch.get(epoch), false);
            Line line = one.series().get(0);
            curves.add(new double[][] {line.x(), line.y()});
            step = Math.max(step, java.util.Arrays.stream(line.y()).max().orElse(0) * 0.5);
        }
        List<Line> lines = new java.util.ArrayList<>();
        for (int k = 0; k < drawn.size(); k++) {
            double lift = offset ? step * k : 0;
            double[] y = java.util.Arrays.stream(curves.get(k)[1]).map(v -> v + lift).toArray();
            // Light to dark blue: later epochs stand out.
            double t = drawn.size() == 1 ? 1 : k / (double) (drawn.size() - 1);
            int shade = (int) Math.round(200 - 170 * t);
            int rgb = (shade << 16) | ((int) Math.round(220 - 120 * t) << 8) | 0xff;
            lines.add(new Line("epoch " + drawn.get(k), curves.get(k)[0], y, rgb));
        }
        return new ChartSpec(name + " over " + drawn.size() + " epochs (" + (offset ? "offset" : "overlay") + ")", name,
                offset ? "fraction (each epoch lifted)" : "fraction", lines, false, false);
    }
}
