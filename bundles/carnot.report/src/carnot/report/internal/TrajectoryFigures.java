package carnot.report.internal;

import carnot.report.HeatMap;

import carnot.analysis.landscape.TrajectoryPlane;
import carnot.workspace.RunRecorder;
import carnot.workspace.AnalysisResults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The run report's optimization trajectories: for every result of the {@value TrajectoryPlane#ID}
 * analysis, the training loss over the plane of the path's first two principal directions as a
 * heat map with the path on it (Li et al. 2018, Section 7), with the explained variance of
 * the directions.
 */
public final class TrajectoryFigures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrajectoryFigures() {
    }

    public static String section(Path folder, Figures figures) throws IOException {
        Path file = folder.resolve(RunRecorder.ANALYSES);
        if (!Files.exists(file)) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            JsonNode entry = line.isBlank() ? null : JSON.readTree(line);
            if (entry == null || !TrajectoryPlane.ID.equals(entry.path("id").asText())) {
                continue;
            }
            int index = entry.path("index").asInt();
            int epoch = entry.path("epoch").asInt();
            TrajectoryPlane plane;
            try {
                plane = TrajectoryPlane.from(AnalysisResults.read(folder, index, TrajectoryPlane.ID, epoch));
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

    public static HeatMap heatMap(TrajectoryPlane plane, int epoch) {
        boolean positive = java.util.Arrays.stream(plane.loss()).flatMapToDouble(java.util.Arrays::stream)
                .allMatch(v -> v > 0);
        return new HeatMap(String.format(Locale.ROOT, "Training loss and path on the PCA plane (epoch %d)", epoch),
                String.format(Locale.ROOT, "v1 (%.1f%% of the variance)", 100 * plane.explained1()),
                String.format(Locale.ROOT, "v2 (%.1f%%)", 100 * plane.explained2()), "train loss", plane.gridX(),
                plane.gridY(), plane.loss(), positive, plane.pathX(), plane.pathY(),
                "epoch " + (int) plane.epochs()[0], "final, epoch " + (int) plane.epochs()[plane.epochs().length - 1]);
    }
}
