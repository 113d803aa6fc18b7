package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved phenomena experiments at CI size ({@code experiments/ci/}), run through the real
 * command line on real Fashion-MNIST, with their qualitative outcome asserted from the sweep
 * summaries (the phenomena of SCIENCE.md; the full-size versions are the same files in
 * {@code experiments/} with larger n, more epochs and more seeds).
 */
class SavedExperimentsTest {

    @TempDir
    Path workspace;

    private JsonNode sweep(String file) throws Exception {
        return SavedExperiments.sweepSummary(file, workspace);
    }

    private static double mean(JsonNode summary, int cell, String metric) {
        return SavedExperiments.mean(summary, cell, metric);
    }

    /**
     * P1 (Zhang et al. 2017): true labels, half and all labels random, shuffled pixels, random
     * pixels, Gaussian inputs. Every network fits its training set exactly; only the true and the
     * shuffled-pixel data generalize, random labels or inputs sit at chance (0.9 for 10 classes);
     * random labels take longer to fit.
     */
    @Test
    void p1RandomizationTestsFitEverythingButGeneralizeOnlyOnRealStructure() throws Exception {
        JsonNode s = sweep("ci/p1-randomization.json");
        for (int cell = 0; cell < 6; cell++) {
            assertEquals(0.0, mean(s, cell, "trainError"), 0.01, "cell " + cell + " fits its training set");
            // The margins analysis runs after the last epoch even though training stopped at its
            // target; a training set fitted exactly has every output margin positive.
            if (mean(s, cell, "trainError") == 0.0) {
                assertTrue(mean(s, cell, "margins.train.min") > 0, "cell " + cell + ": all train margins > 0");
            }
        }
        double clean = mean(s, 0, "testError");
        assertTrue(clean < 0.3, "true labels generalize: " + clean);
        assertTrue(mean(s, 1, "testError") > clean + 0.15, "half the labels random: test error climbs");
        assertTrue(mean(s, 2, "testError") > 0.8, "all labels random: chance");
        assertTrue(Math.abs(mean(s, 3, "testError") - clean) < 0.05, "a fixed permutation is invisible to an MLP");
        assertTrue(mean(s, 4, "testError") > 0.75, "random pixels: chance");
        assertTrue(mean(s, 5, "testError") > 0.8, "Gaussian inputs: chance");
        assertTrue(mean(s, 2, "epochs") > mean(s, 0, "epochs"), "random labels take longer to fit");
    }

    /** P2 (Zhang et al. 2017, Table 1): weight decay x augmentation; fit ~0, small test-error change. */
    @Test
    void p2RegularizersAreNotNecessary() throws Exception {
        JsonNode s = sweep("ci/p2-regularizers.json");
        double min = 1;
        double max = 0;
        for (int cell = 0; cell < 4; cell++) {
            assertTrue(mean(s, cell, "trainError") < 0.03, "cell " + cell + " (nearly) fits its training set");
            min = Math.min(min, mean(s, cell, "testError"));
            max = Math.max(max, mean(s, cell, "testError"));
        }
        assertTrue(max - min < 0.05, "regularizers change test error little: " + min + " to " + max);
        assertTrue(mean(s, 0, "testError") < 0.3, "no regularizer at all still generalizes");
    }

    /** P3: at fixed n, test error falls as the width grows from p/n < 1 to p/n > 30. */
    @Test
    void p3BiggerIsBetter() throws Exception {
        JsonNode s = sweep("ci/p3-width.json");
        JsonNode cells = s.path("cells");
        assertTrue(cells.get(0).path("parameterCount").asDouble() / cells.get(0).path("trainSize").asDouble() < 1);
        assertTrue(cells.get(3).path("parameterCount").asDouble() / cells.get(3).path("trainSize").asDouble() > 30);
        assertTrue(mean(s, 0, "testError") > mean(s, 1, "testError") + 0.2, "width 1 cannot fit");
        assertTrue(mean(s, 3, "testError") < mean(s, 1, "testError"), "width 512 beats width 8");
        assertTrue(mean(s, 3, "testError") <= mean(s, 2, "testError") + 0.01, "width 512 no worse than width 64");
        assertTrue(mean(s, 3, "trainError") < 0.02, "the widest network fits");
    }

    /**
     * P9 (Smith & Le 2018): the recorded noise scale is lr N / (B (1 - m)); two cells with equal g
     * end closer together than either is to the cell with 8x smaller g, which generalizes worse.
     */
    @Test
    void p9GeneralizationTracksTheNoiseScale() throws Exception {
        JsonNode s = sweep("ci/p9-noise-scale.json");
        // Cells: (B 16, lr .005), (B 16, lr .04), (B 128, lr .005), (B 128, lr .04); N = 1000, m = 0.9.
        double[][] bl = {{16, 0.005}, {16, 0.04}, {128, 0.005}, {128, 0.04}};
        for (int cell = 0; cell < 4; cell++) {
            assertEquals(bl[cell][1] * 1000 / (bl[cell][0] * (1 - 0.9)), mean(s, cell, "sgdNoiseScale"), 1e-9);
        }
        double equalA = mean(s, 0, "testError");
        double equalB = mean(s, 3, "testError");
        double small = mean(s, 2, "testError");
        assertTrue(Math.abs(equalA - equalB) < small - Math.max(equalA, equalB),
                "equal g: " + equalA + ", " + equalB + "; 8x smaller g: " + small);
    }

    /** P10 (Hestness et al. 2017): test error falls as a power law in n; the fitted exponent's interval is below 0. */
    @Test
    void p10LearningCurveIsAPowerLaw() throws Exception {
        JsonNode s = sweep("ci/p10-learning-curve.json");
        JsonNode fit = s.path("powerLaws").get(0);
        assertEquals(8, fit.path("points").asInt(), s::toString);
        assertTrue(fit.path("exponentHigh").asDouble() < 0, "b < 0 with 95% confidence: " + fit);
        assertTrue(fit.path("exponent").asDouble() > -1, "and shallower than 1/n: " + fit);
    }
}
