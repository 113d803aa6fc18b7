package carnot.api.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Smith & Le's noise scale against worked values and its invariance (their Section 5). */
class SgdNoiseScaleTest {

    @Test
    void workedValues() {
        // lr 0.1, N 50000, B 128, no momentum: 0.1 * 50000 / 128 = 39.0625.
        assertEquals(39.0625, new SgdNoiseScale(0.1, 0, 128, 50_000).value(), 1e-12);
        // Momentum 0.9 multiplies it by 1 / (1 - 0.9) = 10.
        assertEquals(390.625, new SgdNoiseScale(0.1, 0.9, 128, 50_000).value(), 1e-9);
    }

    @Test
    void scalingLearningRateAndBatchTogetherKeepsTheScale() {
        double g = new SgdNoiseScale(0.05, 0.9, 64, 60_000).value();
        assertEquals(g, new SgdNoiseScale(0.4, 0.9, 512, 60_000).value(), 1e-9 * g);
    }

    @Test
    void theFirstEpochsBatchOfTheTrainingSpecIsUsed() {
        TrainingSpec fullBatch = TrainingSpec.builder().fullBatch(true).build();
        assertEquals(0.01, SgdNoiseScale.of(0.01, 0, fullBatch, 1000).value(), 1e-15);
        TrainingSpec capped = TrainingSpec.builder().batchSize(2000).build();
        assertEquals(1000, SgdNoiseScale.of(0.5, 0, capped, 1000).batchSize());
    }

    @Test
    void emptySizesAreRefusedAndMomentumOneIsInfinite() {
        assertThrows(IllegalArgumentException.class, () -> new SgdNoiseScale(0.1, 0.9, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new SgdNoiseScale(0.1, 0.9, 32, 0));
        assertEquals(Double.POSITIVE_INFINITY, new SgdNoiseScale(0.1, 1.0, 32, 100).value());
    }
}
