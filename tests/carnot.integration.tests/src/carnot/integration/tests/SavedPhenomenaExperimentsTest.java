package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved phenomena experiments at CI size ({@code experiments/ci/}) on synthetic targets whose
 * structure is known, run through the real command line, with the qualitative outcome asserted
 * from the sweep summaries (means over the seeds; each seed draws its own target, data and
 * initialization). The full-size versions are the same files in {@code experiments/}.
 */
class SavedPhenomenaExperimentsTest {

    @TempDir
    Path workspace;

    /**
     * P13 (Poggio, Mhaskar, Rosasco, Miranda & Liao 2017): on a binary-tree compositional target
     * with a different smooth function of two variables at every node, at a matched budget of
     * about 900 parameters, the locally connected network (local like the target's graph, no
     * weight sharing) has a lower test error than the shallow MLP, the deep fully connected MLP
     * and the convolutional network (whose sharing assumes one function for all nodes). Cells:
     * shallow, deep, locally connected, convolutional.
     */
    @Test
    void p13TheLocallyConnectedNetworkApproximatesTheCompositionalTargetBestAtAMatchedBudget() throws Exception {
        JsonNode s = SavedExperiments.sweepSummary("ci/p13-approximation.json", workspace);
        String[] names = {"shallow MLP", "deep MLP", "locally connected", "convolutional"};
        double[] test = new double[4];
        for (int cell = 0; cell < 4; cell++) {
            long p = s.path("cells").get(cell).path("parameterCount").asLong();
            assertTrue(p >= 800 && p <= 1000, names[cell] + ": matched budget of ~900 parameters, got " + p);
            test[cell] = SavedExperiments.mean(s, cell, "testError");
        }
        String all = java.util.Arrays.toString(test);
        assertTrue(test[2] < 0.4, "the locally connected network learns the target (chance 0.5): " + all);
        for (int cell : new int[] {0, 1, 3}) {
            assertTrue(test[2] < test[cell], "locally connected beats the " + names[cell] + ": " + all);
        }
    }
}
