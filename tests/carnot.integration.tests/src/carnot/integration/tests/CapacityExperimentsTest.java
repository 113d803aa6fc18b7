package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved experiments P11 (kernels) and P14 (validation bound): their qualitative outcome. */
class CapacityExperimentsTest {

    @TempDir
    Path workspace;

    /** Min-norm kernel interpolation fits the images exactly and is a baseline of the network's quality. */
    @Test
    void p11KernelInterpolationFitsAndGeneralizesLikeTheNetwork() throws Exception {
        JsonNode s = SavedExperiments.lastScalars(SavedExperiments.run("p11-kernels.json", workspace), 0,
                "kernel-baseline");
        System.out.println("p11 " + s);
        double network = s.get("network.testError").asDouble();
        for (String kernel : new String[] {"rbf", "laplace", "arc-cosine"}) {
            assertEquals(0, s.get(kernel + ".trainError").asDouble(), 0, kernel + " interpolates");
            double test = s.get(kernel + ".testError").asDouble();
            assertTrue(test < 0.3 && Math.abs(test - network) < 0.1, kernel + " test error " + test + ", network "
                    + network);
        }
        assertTrue(s.get("randomFeatures.testError").asDouble() < 0.35, s::toString);
    }

    /** The validation bound holds for the held-out half and is informative; VC and spectral bounds are vacuous. */
    @Test
    void p14TheValidationBoundIsInformativeWhereTheOthersAreVacuous() throws Exception {
        JsonNode s = SavedExperiments.lastScalars(SavedExperiments.run("p14-validation-bound.json", workspace), 0,
                "bounds");
        System.out.println("p14 " + s);
        assertEquals(1000, s.get("validation.m").asInt());
        double bound = s.get("validation.bound").asDouble();
        assertEquals(s.get("validation.error").asDouble() + Math.sqrt(Math.log(20) / 2000), bound, 1e-12);
        assertTrue(bound >= s.get("validation.heldOutError").asDouble(), "the bound holds on the other half");
        assertTrue(bound < 0.3, "informative: " + bound);
        assertEquals(1, s.get("vc.vacuous").asInt(), "p = 203,530 parameters > m = 5,000");
        assertTrue(s.get("spectral.bound").asDouble() > 1, "the spectral bound (gamma the 30% margin quantile) is vacuous");
    }
}
