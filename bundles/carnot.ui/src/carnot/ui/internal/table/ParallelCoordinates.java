package carnot.ui.internal.table;

import carnot.workspace.RunSummaries.RunSummary;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * A sweep as parallel coordinates (TensorBoard HParams' parallel coordinates view; Inselberg
 * 1985): one vertical axis per setting that differs between the runs and a last one for a metric,
 * one line per run through its values, coloured by the metric (blue low, red high). A numeric
 * axis runs from its smallest value (bottom) to its largest (top); a setting whose values are not
 * numbers spaces them evenly in sorted order.
 */
public final class ParallelCoordinates {

    static final int MARGIN_X = 60;
    static final int MARGIN_TOP = 40;
    static final int MARGIN_BOTTOM = 44;

    /** One axis: its title and the position (0 bottom, 1 top) of each run's value, NaN if it has none. */
    record Axis(String title, double[] positions, String low, String high) {
    }

    private final Canvas canvas;
    private List<Axis> axes = List.of();
    private double[] colourValues = new double[0];
    private String metric = "";
    private int paints;

    public ParallelCoordinates(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        canvas.addPaintListener(e -> paint(e.gc));
    }

    public Canvas control() {
        return canvas;
    }

    /** How often the view has been painted (the benchmark waits for a paint). */
    public int paints() {
        return paints;
    }

    /** The axes now shown, for tests. */
    List<Axis> axes() {
        return axes;
    }

    /** Shows the runs over the settings and the metric; runs without the metric are left out. */
    public void show(List<RunSummary> runs, List<String> settings, String metricName) {
        metric = metricName;
        List<RunSummary> shown = runs.stream().filter(r -> r.finals().containsKey(metricName)).toList();
        List<Axis> built = new ArrayList<>();
        for (String setting : settings) {
            built.add(axis(RunTableModel.shortName(setting), shown.stream().map(r -> r.settings().get(setting)).toList()));
        }
        double[] values = shown.stream().mapToDouble(r -> r.finals().get(metricName)).toArray();
        built.add(numericAxis(metricName, values));
        axes = built;
        colourValues = values;
        canvas.redraw();
    }

    static Axis axis(String title, List<JsonNode> values) {
        boolean numeric = values.stream().allMatch(v -> v == null || RunTableModel.numeric(v) != null);
        if (numeric) {
            return numericAxis(title, values.stream().mapToDouble(v -> v == null ? Double.NaN : RunTableModel.numeric(v))
                    .toArray());
        }
        TreeSet<String> categories = new TreeSet<>();
        values.forEach(v -> categories.add(label(v)));
        List<String> sorted = new ArrayList<>(categories);
        double[] positions = new double[values.size()];
        for (int i = 0; i < positions.length; i++) {
            int index = sorted.indexOf(label(values.get(i)));
            positions[i] = sorted.size() == 1 ? 0.5 : index / (double) (sorted.size() - 1);
        }
        return new Axis(title, positions, sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static String label(JsonNode value) {
        return value == null ? "(none)" : value.isTextual() ? value.textValue() : value.toString();
    }

    /**
     * A numeric axis, linear; on a log scale when every value is positive and they span a decade
     * or more (learning rates, weight decays, widths are swept geometrically, and on a linear axis
     * all but the largest crowd at the bottom).
     */
    static Axis numericAxis(String title, double[] values) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        boolean log = low > 0 && high / low >= 10;
        double[] positions = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            positions[i] = !Double.isFinite(v) ? Double.NaN : !(high > low) ? 0.5
                    : log ? Math.log(v / low) / Math.log(high / low) : (v - low) / (high - low);
        }
        return new Axis(title + (log ? " (log)" : ""), positions, low > high ? "" : RunTableModel.format(low),
                low > high ? "" : RunTableModel.format(high));
    }

    /** Blue (low) through grey to red (high), for a value's position in the metric's range. */
    static RGB colour(double position) {
        double t = Double.isFinite(position) ? Math.max(0, Math.min(1, position)) : 0.5;
        return new RGB((int) (40 + 200 * t), (int) (90 + 40 * (1 - Math.abs(2 * t - 1))), (int) (220 - 190 * t));
    }

    private void paint(GC gc) {
        paints++;
        Rectangle area = canvas.getClientArea();
        if (axes.size() < 1 || area.width < 2 * MARGIN_X) {
            gc.drawText("No runs with " + metric + " to show.", 10, 10, true);
            return;
        }
        gc.setAntialias(SWT.ON);
        int top = MARGIN_TOP;
        int bottom = area.height - MARGIN_BOTTOM;
        double step = axes.size() == 1 ? 0 : (area.width - 2.0 * MARGIN_X) / (axes.size() - 1);
        Axis metricAxis = axes.get(axes.size() - 1);
        for (int run = 0; run < colourValues.length; run++) {
            Color colour = new Color(colour(metricAxis.positions()[run]));
            gc.setForeground(colour);
            gc.setLineWidth(2);
            List<Integer> points = new ArrayList<>();
            for (int a = 0; a < axes.size(); a++) {
                double position = axes.get(a).positions()[run];
                if (Double.isFinite(position)) {
                    points.add((int) Math.round(MARGIN_X + a * step));
                    points.add((int) Math.round(bottom - position * (bottom - top)));
                }
            }
            gc.drawPolyline(points.stream().mapToInt(Integer::intValue).toArray());
        }
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.setLineWidth(1);
        for (int a = 0; a < axes.size(); a++) {
            int x = (int) Math.round(MARGIN_X + a * step);
            Axis axis = axes.get(a);
            gc.drawLine(x, top, x, bottom);
            centred(gc, axis.title(), x, top - 34);
            centred(gc, axis.high(), x, top - 18);
            centred(gc, axis.low(), x, bottom + 6);
        }
        gc.drawText(String.format(Locale.ROOT, "%d runs; colour: %s (blue low, red high)", colourValues.length, metric),
                6, area.height - 16, true);
    }

    private static void centred(GC gc, String text, int x, int y) {
        Point size = gc.textExtent(text);
        gc.drawText(text, x - size.x / 2, y, true);
    }
}
