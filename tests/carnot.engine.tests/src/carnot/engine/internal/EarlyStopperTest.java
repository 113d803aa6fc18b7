package carnot.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.regularizers.EarlyStopping;
import org.junit.jupiter.api.Test;

/**
 * The early-stopping rule (patience and minimum improvement on the validation loss or error, as in
 * Prechelt 1998) on hand-made curves.
 */
class EarlyStopperTest {

    /** Validation losses 1.0, 0.8, 0.7, 0.75, 0.72, 0.71, ...: with patience 3 the best is epoch 2, stop after 5. */
    @Test
    void theRuleOnAHandMadeCurve() {
        double[] curve = {1.0, 0.8, 0.7, 0.75, 0.72, 0.71, 0.5};
        EarlyStopper stopper = new EarlyStopper(new EarlyStopping(0.1, EarlyStopping.VALIDATION_LOSS, 3, 0, true));
        int stoppedAfter = -1;
        for (int epoch = 0; epoch < curve.length && stoppedAfter < 0; epoch++) {
            stopper.observe(epoch, curve[epoch], 0.5);
            if (stopper.shouldStop()) {
                stoppedAfter = epoch;
            }
        }
        assertEquals(5, stoppedAfter);
        assertEquals(2, stopper.bestEpoch());
        assertEquals(0.7, stopper.bestValue());
        // minDelta 0.25: only values below best - 0.25 improve.
        EarlyStopper strict = new EarlyStopper(new EarlyStopping(0.1, EarlyStopping.VALIDATION_LOSS, 2, 0.25, true));
        strict.observe(0, 1.0, 0);
        assertFalse(strict.observe(1, 0.8, 0), "0.8 is not below 1.0 - 0.25");
        assertFalse(strict.shouldStop());
        assertTrue(strict.observe(2, 0.7, 0), "0.7 is");
        // On the error metric the loss is ignored.
        EarlyStopper onError = new EarlyStopper(new EarlyStopping(0.1, EarlyStopping.VALIDATION_ERROR, 1, 0, true));
        onError.observe(0, 5.0, 0.4);
        assertTrue(onError.observe(1, 9.0, 0.3));
        assertFalse(onError.observe(2, 0.1, 0.3), "equal error is no improvement");
        assertTrue(onError.shouldStop());
    }
}
