package carnot.ui.internal.charts;

import carnot.ui.internal.charts.ChartSpec.Line;
import java.nio.file.Path;
import java.util.Arrays;
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

/** An SWTChart chart showing a {@link ChartSpec}; exports what it shows. */
public final class ChartView implements Exportable {

    /** Above this many points a curve is drawn without symbols, which would only blur it. */
    static final int MAX_POINTS_WITH_SYMBOLS = 60;
    /** How many decades below its largest value a curve is drawn on a log axis. */
    static final int LOG_DECADES = 8;
    /** SVG exports are this size. */
    static final int SVG_WIDTH = 800;
    static final int SVG_HEIGHT = 500;

    private final Chart chart;
    private final String stem;
    private ChartSpec spec;

    public ChartView(Composite parent, String fileStem) {
        this.stem = fileStem;
        chart = new Chart(parent, SWT.NONE);
        // Beside the plot: the parts are wider than tall, and a legend below takes the height the
        // plot needs for its tick labels.
        chart.getLegend().setPosition(SWT.RIGHT);
        chart.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        // Ranges depend on the plot area's size, which is unknown until the chart is laid out.
        chart.addListener(SWT.Resize, e -> {
            if (chart.getSeriesSet().getSeries().length > 0) {
                chart.getAxisSet().adjustRange();
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

    /** Replaces what the chart shows. */
    public void show(ChartSpec newSpec) {
        spec = newSpec;
        chart.setRedraw(false);
        try {
            chart.getTitle().setText(newSpec.title());
            chart.getAxisSet().getXAxis(0).getTitle().setText(newSpec.xTitle());
            IAxis y = chart.getAxisSet().getYAxis(0);
            y.getTitle().setText(newSpec.yTitle());
            ISeriesSet set = chart.getSeriesSet();
            for (ISeries<?> series : set.getSeries()) {
                set.deleteSeries(series.getId());
            }
            // Log scale needs positive data present before it is switched on.
            y.enableLogScale(false);
            boolean any = false;
            for (Line line : newSpec.series()) {
                double[][] xy = finite(line, newSpec.logY());
                if (xy[0].length == 0) {
                    continue;
                }
                Color color = new Color(new RGB((line.rgb() >> 16) & 0xff, (line.rgb() >> 8) & 0xff, line.rgb() & 0xff));
                String id = uniqueId(set, line.name());
                if (newSpec.bars()) {
                    IBarSeries<?> bars = (IBarSeries<?>) set.createSeries(SeriesType.BAR, id);
                    bars.setXSeries(xy[0]);
                    bars.setYSeries(xy[1]);
                    bars.setBarColor(color);
                    bars.setBarPadding(0);
                } else {
                    ILineSeries<?> series = (ILineSeries<?>) set.createSeries(SeriesType.LINE, id);
                    series.setXSeries(xy[0]);
                    series.setYSeries(xy[1]);
                    series.setLineColor(color);
                    series.setLineWidth(2);
                    series.setSymbolColor(color);
                    series.setSymbolSize(3);
                    series.setSymbolType(xy[0].length <= MAX_POINTS_WITH_SYMBOLS ? PlotSymbolType.CIRCLE : PlotSymbolType.NONE);
                }
                any = true;
            }
            if (any && newSpec.logY()) {
                y.enableLogScale(true);
            }
            // Decades as 1E-6 rather than 0.000001, which is unreadable on a log axis.
            y.getTick().setFormat(any && newSpec.logY() ? new java.text.DecimalFormat("0.#E0") : null);
            // One curve is named by the title already.
            chart.getLegend().setVisible(set.getSeries().length > 1);
            if (any) {
                chart.getAxisSet().adjustRange();
            }
        } finally {
            chart.setRedraw(true);
        }
        chart.redraw();
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
    private static double[][] finite(Line line, boolean positive) {
        double[] xs = new double[line.y().length];
        double[] ys = new double[line.y().length];
        double floor = 0;
        if (positive) {
            double max = Arrays.stream(line.y()).filter(Double::isFinite).max().orElse(0);
            floor = max * Math.pow(10, -LOG_DECADES);
        }
        int n = 0;
        for (int i = 0; i < line.y().length; i++) {
            double x = line.x()[i];
            double y = line.y()[i];
            if (Double.isFinite(x) && Double.isFinite(y) && (!positive || (y > 0 && y >= floor))) {
                xs[n] = x;
                ys[n] = y;
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }

    @Override
    public String fileStem() {
        return stem;
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
