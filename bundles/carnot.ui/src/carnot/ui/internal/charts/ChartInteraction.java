package carnot.ui.internal.charts;

import carnot.ui.internal.charts.ChartView.Drawn;
import java.util.Locale;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.Range;

/**
 * What a chart does under the mouse: the nearest point's values as a tooltip (curve, x, y), the
 * wheel zooms around the pointer (Shift: x only, Ctrl: y only), dragging pans, a double click
 * fits the data again.
 */
final class ChartInteraction {

    /** The nearest point is reported when it is within this many pixels of the pointer. */
    static final int HOVER_PIXELS = 12;
    /** One wheel notch scales the range by this factor. */
    static final double ZOOM_STEP = 0.8;

    private final Chart chart;
    private final ChartView view;
    private int dragX = -1;
    private int dragY = -1;
    private boolean zoomed;

    ChartInteraction(Chart chart, ChartView view) {
        this.chart = chart;
        this.view = view;
        Control plot = chart.getPlotArea().getControl();
        plot.addListener(SWT.MouseMove, this::moved);
        plot.addListener(SWT.MouseVerticalWheel, this::wheel);
        plot.addListener(SWT.MouseDown, e -> {
            if (e.button == 1) {
                dragX = e.x;
                dragY = e.y;
            }
        });
        plot.addListener(SWT.MouseUp, e -> dragX = -1);
        plot.addListener(SWT.MouseDoubleClick, e -> fit());
    }

    /** Whether the user zoomed or panned (a resize then keeps the user's ranges). */
    boolean zoomed() {
        return zoomed;
    }

    /** Forgets the user's zoom (new data). */
    void reset() {
        zoomed = false;
    }

    /** Fits the data again. */
    void fit() {
        zoomed = false;
        view.fitRanges();
        chart.redraw();
    }

    private void moved(Event e) {
        if (dragX >= 0 && (e.stateMask & SWT.BUTTON1) != 0) {
            pan(e.x, e.y);
            return;
        }
        chart.getPlotArea().setToolTipText(describeNearest(e.x, e.y));
    }

    /** The nearest drawn point to a pixel, as "curve: x = .., y = ..", or {@code null} if none is near. */
    String describeNearest(int px, int py) {
        IAxis xAxis = chart.getAxisSet().getXAxis(0);
        IAxis yAxis = chart.getAxisSet().getYAxis(0);
        String best = null;
        double bestDistance = HOVER_PIXELS;
        for (Drawn curve : view.drawn()) {
            double[] plottedY = ChartView.plotted(curve.y(), view.logY());
            for (int i = 0; i < curve.x().length; i++) {
                double dx = xAxis.getPixelCoordinate(curve.x()[i]) - px;
                double dy = yAxis.getPixelCoordinate(plottedY[i]) - py;
                double distance = Math.hypot(dx, dy);
                if (distance <= bestDistance) {
                    bestDistance = distance;
                    best = String.format(Locale.ROOT, "%s: %s = %s, %s = %s", curve.name(),
                            title(xAxis, "x"), TickFormats.plain(curve.x()[i]), title(yAxis, "y"),
                            String.format(Locale.ROOT, "%.6g", curve.y()[i]));
                }
            }
        }
        return best;
    }

    private static String title(IAxis axis, String fallback) {
        String text = axis.getTitle().getText();
        return text == null || text.isBlank() ? fallback : text.replace(" (log scale)", "");
    }

    private void wheel(Event e) {
        boolean onlyX = (e.stateMask & SWT.SHIFT) != 0;
        boolean onlyY = (e.stateMask & SWT.CTRL) != 0;
        double factor = e.count > 0 ? ZOOM_STEP : 1 / ZOOM_STEP;
        if (!onlyY) {
            zoom(chart.getAxisSet().getXAxis(0), e.x, factor);
        }
        if (!onlyX) {
            zoom(chart.getAxisSet().getYAxis(0), e.y, factor);
        }
        zoomed = true;
        chart.redraw();
    }

    /** Scales an axis' range by {@code factor} around the data value at a pixel. */
    static void zoom(IAxis axis, int pixel, double factor) {
        double centre = axis.getDataCoordinate(pixel);
        Range range = axis.getRange();
        axis.setRange(new Range(centre - (centre - range.lower) * factor, centre + (range.upper - centre) * factor));
    }

    private void pan(int x, int y) {
        shift(chart.getAxisSet().getXAxis(0), dragX, x);
        shift(chart.getAxisSet().getYAxis(0), dragY, y);
        dragX = x;
        dragY = y;
        zoomed = true;
        chart.redraw();
    }

    private static void shift(IAxis axis, int from, int to) {
        double delta = axis.getDataCoordinate(from) - axis.getDataCoordinate(to);
        Range range = axis.getRange();
        axis.setRange(new Range(range.lower + delta, range.upper + delta));
    }
}
