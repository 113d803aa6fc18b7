package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved experiments P5 (implicit bias), P6 (min-norm) and P12 (perceptron): their theorems hold. */
class ImplicitBiasExperimentsTest {

    @TempDir
    Path workspace;

    /**
     * Soudry et al. (2018): the angle to the SVM direction falls at every record, the normalized
     * margin rises towards the SVM's, and the unnormalized margin grows like log t: between epochs
     * 30 and 300 by ln 10 (v(t) = w* log t + O(log log t), and w* has margin 1).
     */
    @Test
    void p5GradientDescentTurnsTowardsTheSvmDirection() throws Exception {
        Path folder = SavedExperiments.run("p5-implicit-bias.json", workspace);
        JsonNode init = SavedExperiments.scalars(folder, 0, "implicit-bias", 0);
        assertEquals(0, init.get("norm").asDouble(), 0, "from zero");
        double previousAngle = Math.PI;
        double previousRatio = 0;
        for (int epoch = 30; epoch <= 300; epoch += 30) {
            JsonNode s = SavedExperiments.scalars(folder, 0, "implicit-bias", epoch);
            double angle = s.get("angle").asDouble();
            double ratio = s.get("marginRatio").asDouble();
            System.out.printf("p5 epoch %d angle %.5f margin ratio %.5f min margin %.5f%n", epoch, angle, ratio,
                    s.get("minMargin").asDouble());
            assertTrue(angle < previousAngle, "the angle falls at epoch " + epoch);
            assertTrue(ratio > previousRatio && ratio < 1, "the normalized margin rises towards the SVM's");
            previousAngle = angle;
            previousRatio = ratio;
        }
        JsonNode early = SavedExperiments.scalars(folder, 0, "implicit-bias", 30);
        JsonNode late = SavedExperiments.scalars(folder, 0, "implicit-bias", 300);
        assertTrue(late.get("angle").asDouble() < 0.7 * early.get("angle").asDouble(), late::toString);
        double slope = (late.get("minMargin").asDouble() - early.get("minMargin").asDouble()) / Math.log(10);
        assertEquals(1, slope, 0.1, "min margin grows like log t");
    }

    @Test
    void p6SgdFromZeroReachesThePseudoinverseSolution() throws Exception {
        Path folder = SavedExperiments.run("p6-min-norm.json", workspace);
        double previous = Double.POSITIVE_INFINITY;
        for (int epoch = 0; epoch <= 100; epoch += 25) {
            JsonNode s = SavedExperiments.scalars(folder, 0, "min-norm", epoch);
            System.out.println("p6 epoch " + epoch + " " + s);
            // decreasing until float32 rounding (about 1e-7 relative) is reached
            assertTrue(s.get("relativeDistance").asDouble() < Math.max(previous, 1e-5));
            previous = s.get("relativeDistance").asDouble();
            assertTrue(s.get("outsideRowSpace").asDouble() < 1e-5, "from zero, SGD never leaves the row space");
        }
        assertTrue(previous <= 1e-4, "reaches X^+ T to 1e-4: " + previous);
    }

    @Test
    void p12PerceptronMistakesStayWithinTheBound() throws Exception {
        Path folder = SavedExperiments.run("p12-perceptron.json", workspace);
        JsonNode s = SavedExperiments.scalars(folder, 0, "perceptron", 1);
        System.out.println("p12 " + s);
        assertEquals(1, s.get("converged").asInt());
        assertTrue(s.get("mistakes").asDouble() >= 1);
        assertTrue(s.get("mistakes").asDouble() <= s.get("bound").asDouble(), s::toString);
        assertTrue(s.get("trainingNormalizedMargin").asDouble() > 0, "the perceptron separates the data");
    }
}
