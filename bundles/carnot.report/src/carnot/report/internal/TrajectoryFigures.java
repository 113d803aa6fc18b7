package carnot.report.internal;

import carnot.api.analysis.AnalysisResult;
import carnot.report.HeatMap;
import carnot.workspace.AnalysisResults;
import carnot.workspace.RunRecorder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run report's optimization trajectories: for every result of the {@value #ID} analysis, the
 * training loss over the plane of the path's first two principal directions as a heat map with the
 * path on it (Li et al. 2018, Section 7), with the explained variance of the directions.
 *
 * <p>Drawn from the recorded analysis JSON, not from the landscape add-on's classes: the report
 * works whether or not {@code carnot.analysis.landscape} is installed (a run recorded by it is still
 * a file the report can read). The names below are the recorded format of that analysis, which
 * {@code carnot.analysis.landscape.TrajectoryPlane} writes; a test compares the two.
 */
public final class TrajectoryFigures {

    /** The analysis id of the landscape add-on's trajectory analysis. */
    public static final String ID = "trajectory";
    public static final String EXPLAINED_1 = "explainedVariance1";
    public static final String EXPLAINED_2 = "explainedVariance2";
    public static final String EPOCHS = "path.epochs";
    public static final String PATH_X = "path.x";
    public static final String PATH_Y = "path.y";
    public static final String GRID_X = "x";
    public static final String GRID_Y = "y";
    /** The surface, flattened row-major: the value at (x_i, y_j) is element {@code i * y.length + j}. */
    public static final String LOSS = "train.loss";

    /** What a heat map of the trajectory needs, read from one recorded result. */
    public record Plane(double[] epochs, double[] pathX, double[] pathY, double[] gridX, double[] gridY,
            double[][] loss, double explained1, double explained2) {

        /**
         * The plane of a recorded result of the {@value TrajectoryFigures#ID} analysis.
         *
         * @throws IllegalArgumentException naming the missing or mis-sized series
         */
        public static Plane of(AnalysisResult result) {
            Map<String, double[]> series = result.series();
            double[] x = require(series, GRID_X);
            double[] y = require(series, GRID_Y);
            double[] flat = require(series, LOSS);
            if (flat.length != x.length * y.length) {
                throw new IllegalArgumentException(LOSS + ": " + flat.length + " values for a " + x.length + " x "
                        + y.length + " grid");
            }
            double[][] loss = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                loss[i] = Arrays.copyOfRange(flat, i * y.length, (i + 1) * y.length);
            }
            double[] epochs = require(series, EPOCHS);
            if (epochs.length == 0) {
                throw new IllegalArgumentException(EPOCHS + ": no checkpoints");
            }
            for (String name : List.of(PATH_X, PATH_Y)) {
                if (require(series, name).length != epochs.length) {
                    throw new IllegalArgumentException(name + ": " + series.get(name).length + " values for "
                            + epochs.length + " epochs");
                }
            }
            return new Plane(epochs, series.get(PATH_X), series.get(PATH_Y), x, y, loss,
                    result.scalars().getOrDefault(EXPLAINED_1, Double.NaN),
                    result.scalars().getOrDefault(EXPLAINED_2, Double.NaN));
        }

        private static double[] require(Map<String, double[]> series, String name) {
            double[] values = series.get(name);
            if (values == null) {
                throw new IllegalArgumentException("no series " + name + " (not a result of the " + ID + " analysis)");
            }
            return values;
        }
    }

    private TrajectoryFigures() {
    }

    public static String section(Path folder, Figures figures) throws IOException {
        Path file = folder.resolve(RunRecorder.ANALYSES);
        if (!Files.exists(file)) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            JsonNode entry = line.isBlank() ? null : ReportValues.JSON.readTree(line);
            if (entry == null || !ID.equals(entry.path("id").asText())) {
                continue;
            }
            int index = entry.path("index").asInt();
            int epoch = entry.path("epoch").asInt();
            Plane plane;
            try {
                plane = Plane.of(AnalysisResults.read(folder, index, ID, epoch));
            } catch (IllegalArgumentException e) {
                html.append("<p class=\"note\">").append(Html.escape("trajectory of epoch " + epoch + ": " + e.getMessage()))
                        .append("</p>\n");
                continue;
            }
            if (html.length() == 0) {
                html.append("<h2>Optimization trajectory</h2>\n<p class=\"note\">The weights kept along the way "
                        + "(training.checkpointEvery) as offsets from the final weights, their principal directions "
                        + "v<sub>1</sub>, v<sub>2</sub> (Li et al. 2018, Section 7; no filter normalization: the "
                        + "directions are the axes, in parameter units), every kept checkpoint projected onto them "
                        + "(the final weights at the origin) over the training loss L(&theta; + x v<sub>1</sub> + y "
                        + "v<sub>2</sub>).</p>\n");
            }
            html.append(String.format(Locale.ROOT, "<p>Epoch %d: %d checkpoints; the first two directions explain "
                    + "%.1f%% and %.1f%% of the path's variance.</p>\n", epoch, plane.epochs().length,
                    100 * plane.explained1(), 100 * plane.explained2()));
            html.append(figures.add("trajectory-" + index + "-epoch-" + epoch, heatMap(plane, epoch)));
        }
        return html.toString();
    }

    public static HeatMap heatMap(Plane plane, int epoch) {
        boolean positive = Arrays.stream(plane.loss()).flatMapToDouble(Arrays::stream).allMatch(v -> v > 0);
        return new HeatMap(String.format(Locale.ROOT, "Training loss and path on the PCA plane (epoch %d)", epoch),
                String.format(Locale.ROOT, "v1 (%.1f%% of the variance)", 100 * plane.explained1()),
                String.format(Locale.ROOT, "v2 (%.1f%%)", 100 * plane.explained2()), "train loss", plane.gridX(),
                plane.gridY(), plane.loss(), positive, plane.pathX(), plane.pathY(),
                "epoch " + (int) plane.epochs()[0], "final, epoch " + (int) plane.epochs()[plane.epochs().length - 1]);
    }
}
