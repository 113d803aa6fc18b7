package carnot.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** How the report pages read records and print numbers, and how much they show at most. */
public final class ReportValues {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** Charts per analysis kind (scalars over epochs, histograms, series) at most. */
    public static final int MAX_ANALYSIS_CHARTS = 12;
    /** Series per chart at most. */
    public static final int MAX_SERIES = 10;

    private ReportValues() {
    }

    public static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(1);
    }

    public static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(1);
    }

    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    public static JsonNode readOptional(Path file) throws IOException {
        return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
    }
}
