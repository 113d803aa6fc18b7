package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/** The saved experiment P11 (kernels): its qualitative outcome (P14 at CI size: SavedAnalysesExperimentsTest). */
class CapacityExperimentsTest {

    @TempDir
    Path workspace;

    /** Min-norm kernel interpolation fits the images exactly and is a baseline of the network's quality. */
    @Test
    void p11KernelInterpolationFitsAndGeneralizesLikeTheNetwork(TestReporter reporter) throws Exception {
        JsonNode s = SavedExperiments.lastScalars(SavedExperiments.run("p11-kernels.json", workspace), 0,
                "kernel-baseline");
        reporter.publishEntry("p11 " + s);
        double network = s.get("network.testError").asDouble();
        for (String kernel : new String[] {"rbf", "laplace", "arc-cosine"}) {
            assertEquals(0, s.get(kernel + ".trainError").asDouble(), 0, kernel + " interpolates");
            double test = s.get(kernel + ".testError").asDouble();
            assertTrue(test < 0.3 && Math.abs(test - network) < 0.1, kernel + " test error " + test + ", network "
                    + network);
        }
        assertTrue(s.get("randomFeatures.testError").asDouble() < 0.35, s::toString);
    }
}
