package carnot.studies.measures;

import carnot.studies.internal.MeasureSigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which recorded scalars are measures, and which way they point. */
class MeasureSignsTest {

    @Test
    void marginsAndTheFlatnessRadiusEnterInverted() {
        assertEquals(-1, MeasureSigns.sign("margins.train.min"));
        assertEquals(-1, MeasureSigns.sign("normalized-margins.train.spectral.q05"));
        assertEquals(-1, MeasureSigns.sign("bounds.spectral.gamma"));
        assertEquals(-1, MeasureSigns.sign("sharpness.pacBayes.sigma"));
        assertEquals(-1, MeasureSigns.sign("pac-bayes-bound.sigma"));
        assertTrue(MeasureSigns.convention("margins.train.mean").startsWith("inverted"));
    }

    @Test
    void complexitiesEnterAsRecorded() {
        for (String name : new String[] {"norms.spectralProduct", "norms.pathNorm", "sharpness.epsSharpness",
            "sharpness.pacBayes.flatness", "hessian-spectrum.topEigenvalue", "margins.train.fractionNonPositive",
            "bounds.spectral.marginLoss", "parameterCount", "pac-bayes-bound.bound"}) {
            assertEquals(1, MeasureSigns.sign(name), name);
            assertFalse(MeasureSigns.excluded(name).isPresent(), name);
        }
        // "mean" is a margin statistic only in the margin analyses.
        assertEquals(1, MeasureSigns.sign("hessian-spectrum.density.meanEigenvalue"));
    }

    @Test
    void testSplitAndBookkeepingScalarsAreNotMeasures() {
        for (String name : new String[] {"bounds.testError", "bounds.gap", "pac-bayes-bound.gap", "margins.test.min",
            "normalized-margins.test.spectral.mean", "bounds.validation.bound", "bounds.validation.heldOutError"}) {
            assertEquals("computed from the test split", MeasureSigns.excluded(name).orElse(""), name);
        }
        for (String name : new String[] {"hessian-spectrum.examples", "hessian-spectrum.products",
            "hessian-spectrum.trace.standardError", "sharpness.pacBayes.capped", "pac-bayes-bound.vacuous"}) {
            assertTrue(MeasureSigns.excluded(name).isPresent(), name);
        }
        assertFalse(MeasureSigns.excluded("bounds.spectral.gapBound").isPresent(), "a bound minus the train error");
    }
}
