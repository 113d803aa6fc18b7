package carnot.ui.internal.charts;

import carnot.api.analysis.AnalysisResult;
import carnot.ui.internal.charts.RunData.Grid;
import carnot.ui.internal.charts.RunData.Histogram;
import carnot.ui.internal.charts.RunData.PerEpoch;
import carnot.ui.internal.charts.RunData.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sorts one recorded analysis result into what the charts draw, by the naming conventions of
 * {@link RunData}: scalars become points of curves over epochs; series become lines against their
 * abscissa, or 2D grids (heat maps); histograms stay histograms. Fills the maps it is given.
 */
final class AnalysisShapes {

    /**
     * Series names that are the abscissa of every series of their length: the interpolation
     * coefficient of a line through weight space ({@code alpha}), the step along a direction
     * ({@code t}, the Hessian slices), a grid of evaluation points ({@code grid}).
     */
    static final List<String> ABSCISSAE = List.of("alpha", "t", "grid");

    /** Suffixes of a series that is the abscissa of its stem ({@code S.x}) or of its siblings ({@code P.grid}). */
    private static final List<String> AXIS_SUFFIXES = List.of(".x", ".grid");

    private final Map<String, List<double[]>> scalarPoints;
    private final Map<String, PerEpoch<Series>> series;
    private final Map<String, PerEpoch<Histogram>> histograms;
    private final Map<String, PerEpoch<Grid>> grids;

    AnalysisShapes(Map<String, List<double[]>> scalarPoints, Map<String, PerEpoch<Series>> series,
            Map<String, PerEpoch<Histogram>> histograms, Map<String, PerEpoch<Grid>> grids) {
        this.scalarPoints = scalarPoints;
        this.series = series;
        this.histograms = histograms;
        this.grids = grids;
    }

    /** Adds the result recorded at {@code epoch} under the name prefix {@code prefix} (the analysis id). */
    void add(String prefix, int epoch, AnalysisResult result) {
        Map<String, Double> scalars = result.scalars();
        Map<String, double[]> recorded = result.series();
        scalars.forEach((key, value) -> {
            boolean gridShape = (key.endsWith(".rows") || key.endsWith(".cols"))
                    && recorded.containsKey(key.substring(0, key.length() - 5));
            if (value != null && !gridShape) {
                scalarPoints.computeIfAbsent(prefix + "." + key, k -> new ArrayList<>()).add(new double[] {epoch, value});
            }
        });
        // Shared axes: series "x" and "y" span a plane (a grid of x.length * y.length values, x-major,
        // as the landscape analyses record it); "x" alone or one of the ABSCISSAE is the abscissa of
        // every series of its length (a line through weight space).
        double[] sharedX = recorded.get("x");
        double[] sharedY = recorded.get("y");
        String abscissaName = ABSCISSAE.stream().filter(recorded::containsKey).findFirst().orElse(null);
        recorded.forEach((name, values) -> {
            if (isAxisOfAnother(recorded, name)) {
                return;
            }
            boolean axis = "x".equals(name) || "y".equals(name) || name.equals(abscissaName);
            if (axis && recorded.size() > 1) {
                return;
            }
            int rows = dimension(scalars.get(name + ".rows"));
            int cols = dimension(scalars.get(name + ".cols"));
            if (rows > 0 && cols > 0 && (long) rows * cols == values.length) {
                put(grids, prefix + "." + name, epoch, new Grid(rows, cols, values, axis(recorded.get(name + ".x"), cols),
                        axis(recorded.get(name + ".y"), rows)));
            } else if (sharedX != null && sharedY != null && sharedX.length * sharedY.length == values.length
                    && values.length > 1) {
                put(grids, prefix + "." + name, epoch, rowMajor(values, sharedX, sharedY));
            } else {
                String axisName = ownAxis(recorded, name);
                if (axisName == null) {
                    axisName = sharedX != null && sharedY == null ? "x" : abscissaName;
                }
                double[] x = axisName == null ? null : recorded.get(axisName);
                boolean fits = x != null && x.length == values.length;
                put(series, prefix + "." + name, epoch, new Series(fits ? x : null, fits ? axisName : null, values));
            }
        });
        result.histograms().forEach((name, histogram) -> put(histograms, prefix + "." + name, epoch,
                new Histogram(histogram.edges(), histogram.counts())));
    }

    /** x-major values (the value at (x_i, y_j) is element i * ny + j) as a grid that is row-major in y. */
    private static Grid rowMajor(double[] values, double[] x, double[] y) {
        int nx = x.length;
        int ny = y.length;
        double[] rowMajor = new double[values.length];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                rowMajor[j * nx + i] = values[i * ny + j];
            }
        }
        return new Grid(ny, nx, rowMajor, x, y);
    }

    private static int dimension(Double value) {
        return value == null || !(value > 0) ? 0 : (int) Math.round(value);
    }

    /**
     * The name of the abscissa of a series: {@code S.x} or {@code S.grid} for a series {@code S}, else a
     * sibling {@code P.grid} or {@code P.x} for a series {@code P.values} (the Hessian spectral
     * density's {@code density.grid} and {@code density.values}); {@code null} if none.
     */
    private static String ownAxis(Map<String, double[]> recorded, String name) {
        for (String suffix : AXIS_SUFFIXES) {
            if (recorded.containsKey(name + suffix)) {
                return name + suffix;
            }
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            for (String suffix : AXIS_SUFFIXES) {
                String sibling = name.substring(0, dot) + suffix;
                if (!sibling.equals(name) && recorded.containsKey(sibling)) {
                    return sibling;
                }
            }
        }
        return null;
    }

    /** Whether a series is only an axis: {@code S.x}/{@code S.y}/{@code S.grid} of a series S or of siblings S.*. */
    private static boolean isAxisOfAnother(Map<String, double[]> recorded, String name) {
        for (String suffix : List.of(".x", ".y", ".grid")) {
            if (name.endsWith(suffix)) {
                String stem = name.substring(0, name.length() - suffix.length());
                if (recorded.containsKey(stem)) {
                    return true;
                }
                for (String other : recorded.keySet()) {
                    if (!other.equals(name) && other.startsWith(stem + ".") && !other.endsWith(".x")
                            && !other.endsWith(".y") && !other.endsWith(".grid")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static <T> void put(Map<String, PerEpoch<T>> map, String name, int epoch, T value) {
        map.computeIfAbsent(name, k -> new PerEpoch<>(k, new TreeMap<>())).byEpoch().put(epoch, value);
    }

    private static double[] axis(double[] values, int length) {
        if (values != null && values.length == length) {
            return values;
        }
        double[] index = new double[length];
        for (int i = 0; i < length; i++) {
            index[i] = i;
        }
        return index;
    }
}
