package carnot.workspace;

import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Histogram;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads back what {@link RunRecorder} wrote of one analysis call,
 * {@code analyses/<index>-<id>/epoch-NNNN.json}, as the {@link AnalysisResult} the analysis returned:
 * for readers (the report, the workbench) that want an analysis' series and histograms typed.
 */
public final class AnalysisResults {

    private AnalysisResults() {
    }

    /** The result of analysis {@code index} ({@code id}) at {@code epoch} of a run folder. */
    public static AnalysisResult read(Path runFolder, int index, String id, int epoch) throws IOException {
        return of(RunRecords.analysis(runFolder, index, id, epoch));
    }

    /** The result held by a written analysis node ({@code scalars}, {@code series}, {@code histograms}). */
    public static AnalysisResult of(JsonNode node) {
        AnalysisResult.Builder result = AnalysisResult.builder();
        node.path("scalars").fields().forEachRemaining(e -> result.scalar(e.getKey(), e.getValue().asDouble()));
        node.path("series").fields().forEachRemaining(e -> result.series(e.getKey(), doubles(e.getValue())));
        node.path("histograms").fields().forEachRemaining(e -> {
            JsonNode counts = e.getValue().path("counts");
            long[] c = new long[counts.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = counts.get(i).asLong();
            }
            result.histogram(e.getKey(), new Histogram(doubles(e.getValue().path("edges")), c));
        });
        return result.build();
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
