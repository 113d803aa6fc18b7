package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.workspace.SweepRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved curvature experiments at CI size ({@code experiments/ci/}), run through the real
 * command line on real Fashion-MNIST, with their qualitative outcome asserted from the sweep
 * summary.
 */
class SavedCurvatureExperimentsTest {

    @TempDir
    Path workspace;

    private JsonNode sweep(String file) throws Exception {
        CommandLineRun run = CommandLineRun.carnot("run", SavedExperiments.file(file).toString(), "--workspace",
                workspace.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run::toString);
        try (Stream<Path> names = Files.list(workspace.resolve("runs"))) {
            Path experiment = names.filter(Files::isDirectory).findFirst().orElseThrow();
            try (Stream<Path> sweeps = Files.list(experiment)) {
                Path folder = sweeps.filter(p -> p.getFileName().toString().startsWith("sweep-")).findFirst()
                        .orElseThrow();
                return new ObjectMapper().readTree(folder.resolve(SweepRecords.SUMMARY_JSON).toFile());
            }
        }
    }

    private static JsonNode metric(JsonNode summary, int cell, String name) {
        JsonNode m = summary.path("cells").get(cell).path("metrics").path(name);
        assertTrue(m.has("mean") && m.path("n").asInt() == 3, () -> "cell " + cell + " has no " + name
                + " over 3 seeds: " + summary);
        return m;
    }

    /**
     * P7 (Keskar et al. 2017): batch 10 and batch 250 (half the data), same learning rate and
     * momentum, both stopped at the same training loss. The large-batch minimum is sharper by every
     * measure: every large-batch seed has a larger top Hessian eigenvalue than every small-batch
     * seed, and on average a larger eps-sharpness and trace and a smaller PAC-Bayes sigma. The
     * factors asserted are well inside what 10 seeds gave (top eigenvalue: at least 3.6x seed for
     * seed; eps-sharpness and trace: about 5x on average; sigma: about 2x).
     */
    @Test
    void p7LargeBatchesFindSharperMinima() throws Exception {
        JsonNode s = sweep("ci/p7-batch-size-sharpness.json");
        assertEquals(10, s.path("cells").get(0).path("values").path("training.batchSize").asInt());
        assertEquals(250, s.path("cells").get(1).path("values").path("training.batchSize").asInt());
        for (int cell = 0; cell < 2; cell++) {
            // Same loss level: both stopped at the first epoch with train loss <= 0.15.
            assertTrue(metric(s, cell, "trainLoss").path("max").asDouble() <= 0.15, "cell " + cell + " reached 0.15");
            assertTrue(metric(s, cell, "trainLoss").path("min").asDouble() > 0.03, "cell " + cell + " not overfitted");
        }
        JsonNode smallTop = metric(s, 0, "hessian-spectrum.topEigenvalue");
        JsonNode largeTop = metric(s, 1, "hessian-spectrum.topEigenvalue");
        assertTrue(smallTop.path("min").asDouble() > 0, smallTop::toString);
        assertTrue(largeTop.path("min").asDouble() > 1.5 * smallTop.path("max").asDouble(),
                "every large-batch top eigenvalue above every small-batch one: " + smallTop + " vs " + largeTop);
        assertTrue(largeTop.path("mean").asDouble() > 2.5 * smallTop.path("mean").asDouble(),
                smallTop + " vs " + largeTop);

        double smallTrace = metric(s, 0, "hessian-spectrum.trace").path("mean").asDouble();
        double largeTrace = metric(s, 1, "hessian-spectrum.trace").path("mean").asDouble();
        assertTrue(largeTrace > 2 * smallTrace, "trace: " + smallTrace + " vs " + largeTrace);
        // lambda_max <= tr H holds for a PSD Hessian; near a minimum the negative part is small.
        assertTrue(largeTop.path("mean").asDouble() < largeTrace, largeTop + " vs trace " + largeTrace);

        double smallEps = metric(s, 0, "sharpness.epsSharpness").path("mean").asDouble();
        double largeEps = metric(s, 1, "sharpness.epsSharpness").path("mean").asDouble();
        assertTrue(smallEps > 0, "eps-sharpness " + smallEps);
        assertTrue(largeEps > 2 * smallEps, "eps-sharpness: " + smallEps + " vs " + largeEps);

        double smallSigma = metric(s, 0, "sharpness.pacBayes.sigma").path("mean").asDouble();
        double largeSigma = metric(s, 1, "sharpness.pacBayes.sigma").path("mean").asDouble();
        assertEquals(0, metric(s, 0, "sharpness.pacBayes.capped").path("max").asDouble() + metric(s, 1,
                "sharpness.pacBayes.capped").path("max").asDouble(), "sigma found inside the search range");
        assertTrue(largeSigma > 0 && smallSigma > 1.3 * largeSigma, "PAC-Bayes sigma: " + smallSigma + " vs "
                + largeSigma);
    }
}
