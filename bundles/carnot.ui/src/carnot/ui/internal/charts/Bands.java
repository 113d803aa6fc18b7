package carnot.ui.internal.charts;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ICustomPaintListener;

/**
 * Shaded bands behind curves (mean ± sample standard deviation over a group's runs), painted into
 * SWTChart's plot area as translucent polygons between a lower and an upper edge, since SWTChart
 * has no area series.
 */
final class Bands implements ICustomPaintListener {

    /** Opacity of a band (0-255): light enough that overlapping bands and curves stay readable. */
    static final int ALPHA = 50;

    private record Band(double[] x, double[] lower, double[] upper, int rgb) {
    }

    private final Chart chart;
    private final List<Band> bands = new ArrayList<>();

    Bands(Chart chart) {
        this.chart = chart;
        chart.getPlotArea().addCustomPaintListener(this);
    }

    void clear() {
        bands.clear();
    }

    /**
     * Adds a band from the finite points of both edges ({x, y} arrays as the chart filters them);
     * on a log axis the edges are drawn as log10.
     */
    void add(double[][] lower, double[][] upper, int rgb, boolean log) {
        int n = Math.min(lower[0].length, upper[0].length);
        double[] x = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lower[0][i];
            lo[i] = log ? Math.log10(lower[1][i]) : lower[1][i];
            hi[i] = log ? Math.log10(upper[1][i]) : upper[1][i];
        }
        bands.add(new Band(x, lo, hi, rgb));
    }

    /** Widens a {min, max} range to hold every band. */
    void extend(double[] range) {
        for (Band band : bands) {
            for (int i = 0; i < band.x().length; i++) {
                range[0] = Math.min(range[0], band.lower()[i]);
                range[1] = Math.max(range[1], band.upper()[i]);
            }
        }
    }

    @Override
    public boolean drawBehindSeries() {
        return true;
    }

    @Override
    public void paintControl(PaintEvent event) {
        IAxis xAxis = chart.getAxisSet().getXAxis(0);
        IAxis yAxis = chart.getAxisSet().getYAxis(0);
        for (Band band : bands) {
            int n = band.x().length;
            if (n < 2) {
                continue;
            }
            int[] polygon = new int[4 * n];
            for (int i = 0; i < n; i++) {
                polygon[2 * i] = xAxis.getPixelCoordinate(band.x()[i]);
                polygon[2 * i + 1] = yAxis.getPixelCoordinate(band.upper()[i]);
                int back = n - 1 - i;
                polygon[2 * n + 2 * i] = xAxis.getPixelCoordinate(band.x()[back]);
                polygon[2 * n + 2 * i + 1] = yAxis.getPixelCoordinate(band.lower()[back]);
            }
            int alpha = event.gc.getAlpha();
            event.gc.setAlpha(ALPHA);
            event.gc.setBackground(new Color(new RGB((band.rgb() >> 16) & 0xff, (band.rgb() >> 8) & 0xff, band.rgb() & 0xff)));
            event.gc.fillPolygon(polygon);
            event.gc.setAlpha(alpha);
        }
    }
}
