package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.EpochMetrics;
import carnot.workspace.RunRecords;
import carnot.workspace.SweepRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carnot report} on a real sweep folder and on one of its run folders. */
class ReportTest {

    @TempDir
    Path workspace;

    @Test
    void sweepAndRunReportsShowTheRecordedNumbersAndDrawTheirCharts() throws Exception {
        Path file = workspace.resolve("curve.json");
        Files.writeString(file, String.format(SweepRunTest.SWEEP, "\"dataset.settings.trainSize\": [60, 120, 240]"));
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(0, run.exitCode(), run::toString);
        Path sweep;
        try (Stream<Path> s = Files.list(workspace.resolve("runs/tiny-sweep"))) {
            sweep = s.findFirst().orElseThrow();
        }
        CommandLineRun report = CommandLineRun.carnot("report", sweep.toString());
        assertEquals(0, report.exitCode(), report::toString);
        Path page = sweep.resolve("report/report.html");
        String html = Files.readString(page);
        assertTrue(html.contains("<h1>Sweep tiny-sweep</h1>"), html);
        // The summary's mean ± std of every cell appears in the table, formatted as the page formats numbers.
        JsonNode summary = new ObjectMapper().readTree(sweep.resolve(SweepRecords.SUMMARY_JSON).toFile());
        for (JsonNode cell : summary.path("cells")) {
            JsonNode test = cell.path("metrics").path("testError");
            String expected = String.format(Locale.ROOT, "%.4f ± %.4f", test.path("mean").asDouble(),
                    test.path("std").asDouble());
            assertTrue(html.contains(expected), "missing " + expected);
        }
        // The learning-curve fit's exponent and interval.
        JsonNode fit = summary.path("powerLaws").get(0);
        assertTrue(html.contains(String.format(Locale.ROOT, "[%.4f, %.4f]", fit.path("exponentLow").asDouble(),
                fit.path("exponentHigh").asDouble())), "fit interval missing");
        // Provenance: the data hash of a point.
        JsonNode provenance = new ObjectMapper().readTree(sweep.resolve("points").resolve(summary.path("cells").get(0)
                .path("points").get(0).path("folder").asText().substring("points/".length()))
                .resolve("provenance.json").toFile());
        assertTrue(html.contains(provenance.path("data").path("train").path("sha256").asText()));
        assertTrue(count(html, "<svg") >= 4, "inline charts");
        assertTrue(Files.exists(sweep.resolve("report/figures/learning-curve.svg")));
        BufferedImage png = ImageIO.read(sweep.resolve("report/figures/error-vs-trainSize.png").toFile());
        assertEquals(640, png.getWidth());
        assertTrue(hasColor(png, 0x1f77b4), "the test-error series is drawn in the PNG");

        Path point = sweep.resolve(summary.path("cells").get(2).path("points").get(1).path("folder").asText());
        CommandLineRun runReport = CommandLineRun.carnot("report", point.toString(), "--output",
                workspace.resolve("out").toString());
        assertEquals(0, runReport.exitCode(), runReport::toString);
        String runHtml = Files.readString(workspace.resolve("out/report.html"));
        List<EpochMetrics> metrics = RunRecords.metrics(point);
        EpochMetrics last = metrics.get(metrics.size() - 1);
        assertTrue(runHtml.contains(String.format(Locale.ROOT, "%.4f / %.4f", last.testError(), last.testLoss())), runHtml);
        assertTrue(runHtml.contains("gaussian-mixture"));
        assertTrue(hasColor(ImageIO.read(workspace.resolve("out/figures/error.png").toFile()), 0xd62728));

        CommandLineRun bad = CommandLineRun.carnot("report", workspace.toString());
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("neither a run folder"), bad::toString);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static boolean hasColor(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
