package carnot.report.internal;

import carnot.report.Chart;

import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;

/**
 * The series an analysis recorded (a spectrum, a loss slice, quantiles), charted in the run report:
 * one chart per series, with the series at the first, a middle and the last epoch the analysis ran
 * overlaid, so that a change over training shows. A series is drawn against a companion series of
 * the same length: {@code <prefix>.grid} for {@code <prefix>.<name>} (a spectral density's grid), or
 * {@code x}, {@code t}, {@code alpha} or {@code epsilon} (the grid of a slice or an interpolation),
 * when the analysis recorded one, else against its index.
 */
public final class SeriesCharts {

    /** Names of series that are the grid other series are drawn against. */
    public static final List<String> AXES = List.of("x", "t", "alpha", "epsilon");

    private SeriesCharts() {
    }

    public static String charts(Path folder, int index, String id, NavigableSet<Integer> epochs, Figures figures,
            int maxCharts) throws IOException {
        List<Integer> shown = shownEpochs(epochs);
        Map<Integer, Map<String, double[]>> byEpoch = new LinkedHashMap<>();
        for (int epoch : shown) {
            JsonNode record;
            try {
                record = RunRecords.analysis(folder, index, id, epoch);
            } catch (IOException e) {
                continue; // an epoch whose record is missing is left out, the others still show
            }
            byEpoch.put(epoch, series(record.path("series")));
        }
        if (byEpoch.isEmpty()) {
            return "";
        }
        Map<String, double[]> last = byEpoch.get(shown.get(shown.size() - 1));
        if (last == null || last.isEmpty()) {
            return "";
        }
        String key = index + "-" + id;
        StringBuilder html = new StringBuilder();
        int charts = 0;
        for (Map.Entry<String, double[]> entry : last.entrySet()) {
            String name = entry.getKey();
            if (AXES.contains(name) || name.endsWith(".grid") || entry.getValue().length < 2) {
                continue;
            }
            if (charts++ >= maxCharts) {
                html.append("<p>").append(Html.escape(key)).append(": ").append(last.size() - maxCharts)
                        .append(" more series in the run folder (analyses/").append(Html.escape(key)).append(")</p>\n");
                break;
            }
            String axis = axis(name, last, entry.getValue().length);
            List<Chart.Series> lines = new ArrayList<>();
            for (Map.Entry<Integer, Map<String, double[]>> epoch : byEpoch.entrySet()) {
                double[] y = epoch.getValue().get(name);
                if (y == null || y.length < 2) {
                    continue;
                }
                double[] x = axis == null || epoch.getValue().get(axis) == null
                        || epoch.getValue().get(axis).length != y.length ? indices(y.length) : epoch.getValue().get(axis);
                lines.add(new Chart.Series("epoch " + epoch.getKey(), x, y, null, y.length <= 30, false));
            }
            html.append(figures.add(key + "-series-" + name, new Chart(key + ": " + name, axis == null ? "index" : axis,
                    name, false, false, lines)));
        }
        return html.toString();
    }

    /** The first, a middle and the last epoch (fewer when the analysis ran fewer times). */
    public static List<Integer> shownEpochs(NavigableSet<Integer> epochs) {
        List<Integer> all = new ArrayList<>(epochs);
        Set<Integer> shown = new java.util.LinkedHashSet<>();
        if (!all.isEmpty()) {
            shown.add(all.get(0));
            shown.add(all.get(all.size() / 2));
            shown.add(all.get(all.size() - 1));
        }
        return new ArrayList<>(new java.util.TreeSet<>(shown));
    }

    private static String axis(String of, Map<String, double[]> series, int length) {
        int dot = of.lastIndexOf('.');
        String grid = dot < 0 ? null : of.substring(0, dot) + ".grid";
        if (grid != null && series.containsKey(grid) && series.get(grid).length == length) {
            return grid;
        }
        for (String name : AXES) {
            if (series.containsKey(name) && series.get(name).length == length) {
                return name;
            }
        }
        return null;
    }

    private static Map<String, double[]> series(JsonNode node) {
        Map<String, double[]> series = new LinkedHashMap<>();
        if (!node.isObject()) {
            return series;
        }
        node.fields().forEachRemaining(e -> {
            JsonNode values = e.getValue();
            if (values.isArray()) {
                double[] v = new double[values.size()];
                for (int i = 0; i < v.length; i++) {
                    // Non-finite values are written as null: a gap in the line.
                    v[i] = values.get(i).isNumber() ? values.get(i).asDouble() : Double.NaN;
                }
                series.put(e.getKey(), v);
            }
        });
        return series;
    }

    private static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }
}
