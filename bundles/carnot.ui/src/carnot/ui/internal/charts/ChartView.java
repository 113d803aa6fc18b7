package carnot.ui.internal.charts;

import carnot.ui.internal.charts.ChartSpec.Line;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.ISeriesSet;
import org.eclipse.swtchart.Range;

/**
 * An SWTChart chart showing a {@link ChartSpec}; exports what it shows. A log y axis is drawn as
 * log10 of the values on a linear axis labelled at whole decades ({@code 1e-2}, {@code 1e-1}),
 * because SWTChart's own log axis labels whatever values fit (8E-1, 3E-1). Epoch axes get whole
 * numbers only; ranges are padded so that no point sits on the frame and a single point is drawn
 * in the middle. With {@linkplain #setSmoothing smoothing}, each curve is drawn smoothed with the
 * raw curve faint behind it, as TensorBoard does. Hover, zoom and pan: {@link ChartInteraction}.
 */
public final class ChartView implements Exportable {

    /** Above this many points a curve is drawn without symbols, which would only blur it. */
    static final int MAX_POINTS_WITH_SYMBOLS = 60;
    /** How many decades below its largest value a curve is drawn on a log axis. */
    static final int LOG_DECADES = 8;
    /** SVG exports are this size. */
    static final int SVG_WIDTH = 800;
    static final int SVG_HEIGHT = 500;
    /** Each axis range is widened by this fraction of its span on both sides. */
    static final double PADDING = 0.04;

    /** A drawn curve: its name and the data values (not log-transformed) of its points. */
    record Drawn(String name, double[] x, double[] y) {
    }

    private final Chart chart;
    private final String stem;
    private final ChartInteraction interaction;
    private final Bands bands;
    private ChartSpec spec;
    private double smoothing;
    private final List<Drawn> drawn = new ArrayList<>();

    public ChartView(Composite parent, String fileStem) {
        this.stem = fileStem;
        chart = new Chart(parent, SWT.NONE);
        // Beside the plot: the parts are wider than tall, and a legend below takes the height the
        // plot needs for its tick labels.
        chart.getLegend().setPosition(SWT.RIGHT);
        chart.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        bands = new Bands(chart);
        interaction = new ChartInteraction(chart, this);
        // Ranges depend on the plot area's size, which is unknown until the chart is laid out.
        chart.addListener(SWT.Resize, e -> {
            if (chart.getSeriesSet().getSeries().length > 0 && !interaction.zoomed()) {
                fitRanges();
                chart.redraw();
            }
        });
    }

    public Chart chart() {
        return chart;
    }

    public ChartSpec spec() {
        return spec;
    }

    /** The curves as drawn, with their data values, for hover read-outs and tests. */
    List<Drawn> drawn() {
        return drawn;
    }

    /** Whether the y axis shows log10 of the values. */
    boolean logY() {
        return spec != null && spec.logY();
    }

    /** TensorBoard's smoothing weight, 0 (off) to below 1; redraws. */
    public void setSmoothing(double weight) {
        smoothing = weight;
        if (spec != null) {
            show(spec);
        }
    }

    public double smoothing() {
        return smoothing;
    }

    /** Replaces what the chart shows. */
    public void show(ChartSpec newSpec) {
        spec = newSpec;
        drawn.clear();
        bands.clear();
        chart.setRedraw(false);
        try {
            chart.getTitle().setText(newSpec.title());
            IAxis x = chart.getAxisSet().getXAxis(0);
            IAxis y = chart.getAxisSet().getYAxis(0);
            x.getTitle().setText(newSpec.xTitle());
            y.getTitle().setText(newSpec.yTitle() + (newSpec.logY() ? " (log scale)" : ""));
            ISeriesSet set = chart.getSeriesSet();
            for (ISeries<?> series : set.getSeries()) {
                set.deleteSeries(series.getId());
            }
            boolean smooth = smoothing > 0 && !newSpec.bars();
            for (Line line : newSpec.series()) {
                double[][] xy = finite(line.x(), line.y(), newSpec.logY());
                if (xy[0].length == 0) {
                    continue;
                }
                if (line.hasBand()) {
                    bands.add(finite(line.x(), line.lower(), newSpec.logY()), finite(line.x(), line.upper(), newSpec.logY()),
                            line.rgb(), newSpec.logY());
                }
                if (newSpec.bars()) {
                    IBarSeries<?> bars = (IBarSeries<?>) set.createSeries(SeriesType.BAR, uniqueId(set, line.name()));
                    bars.setXSeries(xy[0]);
                    bars.setYSeries(plotted(xy[1], newSpec.logY()));
                    bars.setBarColor(color(line.rgb(), 0));
                    bars.setBarPadding(0);
                } else if (newSpec.points() && !line.hasBand()) {
                    line(set, line.name(), xy[0], xy[1], color(line.rgb(), 0), 1, true, newSpec.logY())
                            .setLineStyle(org.eclipse.swtchart.LineStyle.NONE);
                } else if (smooth) {
                    // The raw curve faint behind, the smoothed one on top (TensorBoard).
                    line(set, line.name() + " (raw)", xy[0], xy[1], color(line.rgb(), 0.7), 1, false, newSpec.logY())
                            .setVisibleInLegend(false);
                    line(set, line.name(), xy[0], Smoothing.ema(xy[1], smoothing), color(line.rgb(), 0), 2, false,
                            newSpec.logY());
                } else {
                    line(set, line.name(), xy[0], xy[1], color(line.rgb(), 0), 2,
                            xy[0].length <= MAX_POINTS_WITH_SYMBOLS, newSpec.logY());
                }
                drawn.add(new Drawn(line.name(), xy[0], xy[1]));
            }
            // The ranges first: setting a tick format lays the chart out, and SWTChart's tick step of
            // a range of width zero (one point) is NaN.
            interaction.reset();
            fitRanges();
            // SWTChart's "integer data point axis" steps by 1 on a y axis (decades of log10
            // values); on an x axis it steps by the data's spacing, which for one point is 0/0, so
            // epoch axes are labelled at whole numbers by their format instead.
            x.setIntegerDataPointAxis(false);
            x.getTick().setFormat(isEpochAxis(newSpec) ? TickFormats.integers() : TickFormats.plain());
            y.setIntegerDataPointAxis(newSpec.logY());
            y.getTick().setFormat(newSpec.logY() ? TickFormats.decades() : TickFormats.plain());
            // One curve is named by the title already.
            chart.getLegend().setVisible(drawn.size() > 1);
        } finally {
            chart.setRedraw(true);
        }
        chart.redraw();
    }

    private ILineSeries<?> line(ISeriesSet set, String name, double[] x, double[] y, Color color, int width,
            boolean symbols, boolean log) {
        ILineSeries<?> series = (ILineSeries<?>) set.createSeries(SeriesType.LINE, uniqueId(set, name));
        series.setXSeries(x);
        series.setYSeries(plotted(y, log));
        series.setLineColor(color);
        series.setLineWidth(width);
        series.setSymbolColor(color);
        // A curve of one point is a dot: make it big enough to see.
        series.setSymbolSize(x.length == 1 ? 5 : 3);
        series.setSymbolType(symbols || x.length == 1 ? PlotSymbolType.CIRCLE : PlotSymbolType.NONE);
        return series;
    }

    /** The colour, mixed with white by {@code fade} (0: as is, 1: white). */
    private Color color(int rgb, double fade) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return new Color(new RGB((int) (r + (255 - r) * fade), (int) (g + (255 - g) * fade), (int) (b + (255 - b) * fade)));
    }

    private static boolean isEpochAxis(ChartSpec spec) {
        return "epoch".equals(spec.xTitle()) || "epochs".equals(spec.xTitle());
    }

    /** The y values as plotted: log10 on a log axis. */
    static double[] plotted(double[] y, boolean log) {
        return log ? Arrays.stream(y).map(Math::log10).toArray() : y;
    }

    /**
     * Sets both axes to the data's range, padded by {@link #PADDING} so that no point sits on the
     * frame; a single value gets a range around it; a log axis spans whole decades.
     */
    void fitRanges() {
        if (drawn.isEmpty()) {
            return;
        }
        double[] xr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] yr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Drawn d : drawn) {
            extend(xr, d.x());
            extend(yr, plotted(d.y(), logY()));
        }
        bands.extend(yr);
        if (spec.bars()) {
            // Bars stand on zero and are as wide as the bin spacing.
            yr[0] = Math.min(yr[0], 0);
            double half = drawn.get(0).x().length > 1 ? Math.abs(drawn.get(0).x()[1] - drawn.get(0).x()[0]) / 2 : 0.5;
            xr[0] -= half;
            xr[1] += half;
        }
        // A log axis spans whole decades, at least two; an epoch axis at least two epochs.
        if (logY()) {
            yr[1] = Math.ceil(yr[1]);
            yr[0] = Math.min(Math.floor(yr[0]), yr[1] - 2);
        }
        if (isEpochAxis(spec)) {
            double centre = (xr[0] + xr[1]) / 2;
            xr[0] = Math.min(xr[0], centre - 1);
            xr[1] = Math.max(xr[1], centre + 1);
        }
        chart.getAxisSet().getXAxis(0).setRange(padded(xr));
        chart.getAxisSet().getYAxis(0).setRange(padded(yr));
    }

    private static void extend(double[] range, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                range[0] = Math.min(range[0], v);
                range[1] = Math.max(range[1], v);
            }
        }
    }

    static Range padded(double[] range) {
        double low = range[0];
        double high = range[1];
        if (!(high > low)) {
            double half = low == 0 ? 1 : Math.abs(low) * 0.1;
            return new Range(low - half, low + half);
        }
        double pad = (high - low) * PADDING;
        return new Range(low - pad, high + pad);
    }

    private static String uniqueId(ISeriesSet set, String name) {
        String id = name;
        for (int i = 2; set.getSeries(id) != null; i++) {
            id = name + " (" + i + ")";
        }
        return id;
    }

    /**
     * The points to draw; on a log axis only positive values within {@link #LOG_DECADES} decades
     * of the largest (a smoothed density's Gaussian tails underflow to 1e-300 and would squeeze
     * the whole curve into the top of the plot).
     */
    private static double[][] finite(double[] x, double[] y, boolean positive) {
        double[] xs = new double[y.length];
        double[] ys = new double[y.length];
        double floor = 0;
        if (positive) {
            double max = Arrays.stream(y).filter(Double::isFinite).max().orElse(0);
            floor = max * Math.pow(10, -LOG_DECADES);
        }
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!positive || (y[i] > 0 && y[i] >= floor))) {
                xs[n] = x[i];
                ys[n] = y[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }

    /**
     * The chart's part of a file name: its stem ({@code loss}), and for a chart of a chosen record
     * what it shows ({@code series-density.values-epoch-30}).
     */
    @Override
    public String fileStem() {
        String title = spec == null ? "" : ChartFiles.slug(spec.title());
        return spec == null || title.equals(stem) ? stem : stem + "-" + title;
    }

    @Override
    public boolean hasData() {
        return spec != null && !spec.isEmpty();
    }

    @Override
    public void savePng(Path file) {
        if (chart.getSize().x <= 0 || chart.getSize().y <= 0) {
            throw new IllegalArgumentException("the chart is not visible: show its tab first");
        }
        // SWTChart prints the control into an image and writes it with ImageLoader.
        chart.save(file.toString(), SWT.IMAGE_PNG);
    }

    @Override
    public String svg() {
        return ChartExport.svg(spec, SVG_WIDTH, SVG_HEIGHT);
    }

    @Override
    public String csv() {
        return ChartExport.csv(spec);
    }
}
