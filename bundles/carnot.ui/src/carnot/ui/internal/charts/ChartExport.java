package carnot.ui.internal.charts;

import carnot.report.Chart;
import carnot.report.ChartRenderer;
import carnot.report.HeatMap;
import carnot.report.HeatMapRenderer;
import carnot.ui.internal.charts.ChartSpec.Line;
import java.util.ArrayList;
import java.util.List;

/**
 * Charts as files: SVG drawn from the chart's data by the report bundle's renderer (the one SVG
 * writer, so an exported figure looks like the same figure in {@code carnot report}), and the data
 * itself as CSV. PNG is written by {@link ChartView} from the screen.
 */
public final class ChartExport {

    private ChartExport() {
    }

    /** The data in long form: {@code series,x,y}, one line per point, non-finite values written as NaN. */
    public static String csv(ChartSpec chart) {
        StringBuilder csv = new StringBuilder("series,").append(csvField(chart.xTitle())).append(',')
                .append(csvField(chart.yTitle())).append('\n');
        for (Line line : chart.series()) {
            for (int i = 0; i < line.y().length; i++) {
                csv.append(csvField(line.name())).append(',').append(number(line.x()[i])).append(',')
                        .append(number(line.y()[i])).append('\n');
            }
        }
        return csv.toString();
    }

    /** A grid as a matrix: the first row holds the x values, the first column the y values. */
    public static String csv(HeatMapSpec map) {
        RunData.Grid grid = map.grid();
        StringBuilder csv = new StringBuilder(csvField(map.yTitle() + " \\ " + map.xTitle()));
        for (double x : grid.x()) {
            csv.append(',').append(number(x));
        }
        csv.append('\n');
        for (int r = 0; r < grid.rows(); r++) {
            csv.append(number(grid.y()[r]));
            for (int c = 0; c < grid.cols(); c++) {
                csv.append(',').append(number(grid.at(r, c)));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** The chart as an SVG document of the given size, drawn by {@link ChartRenderer}. */
    public static String svg(ChartSpec chart, int width, int height) {
        return ChartRenderer.svg(chart(chart), width, height);
    }

    /** The heat map as an SVG document of the given size, drawn by {@link HeatMapRenderer}. */
    public static String svg(HeatMapSpec map, int width, int height) {
        return HeatMapRenderer.svg(heatMap(map), width, height);
    }

    /**
     * The workbench's chart as a report chart: a band (mean ± sd over runs) becomes error bars of
     * half its width, a scatter plot markers without lines, and a histogram's bars markers joined at
     * the bins' x values, as the report draws histograms.
     */
    static Chart chart(ChartSpec spec) {
        List<Chart.Series> series = new ArrayList<>();
        for (Line line : spec.series()) {
            double[] error = null;
            if (line.hasBand()) {
                error = new double[line.y().length];
                for (int i = 0; i < error.length; i++) {
                    error[i] = (line.upper()[i] - line.lower()[i]) / 2;
                }
            }
            series.add(spec.points() ? Chart.Series.markers(line.name(), line.x(), line.y(), error)
                    : new Chart.Series(line.name(), line.x(), line.y(), error, spec.bars(), false));
        }
        return new Chart(spec.title(), spec.xTitle(), spec.yTitle(), false, spec.logY(), series);
    }

    /** The workbench's grid (row-major, rows along y) as a report heat map ({@code values[i][j]} at x[i], y[j]). */
    static HeatMap heatMap(HeatMapSpec spec) {
        RunData.Grid grid = spec.grid();
        double[][] values = new double[grid.cols()][grid.rows()];
        for (int c = 0; c < grid.cols(); c++) {
            for (int r = 0; r < grid.rows(); r++) {
                values[c][r] = grid.at(r, c);
            }
        }
        return new HeatMap(spec.title(), spec.xTitle(), spec.yTitle(), "value", grid.x(), grid.y(), values, false,
                new double[0], new double[0], "", "");
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity") : Double.toString(v);
    }

    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\""
                : text;
    }
}
