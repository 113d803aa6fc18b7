package carnot.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.analysis.Predictions;
import org.junit.jupiter.api.Test;

/** The engine's evaluation: the 0-1 error of the first largest output, and the batch shape. */
class BatchEvaluationTest {

    @Test
    void errorCountsTheExamplesWhoseFirstLargestOutputIsNotTheLabel() {
        // Rows: argmax 1 (label 1: right), argmax 0 (label 2: wrong), a tie between 0 and 2 that the
        // first largest output (0) decides (label 2: wrong), argmax 2 (label 2: right).
        Predictions predictions = new Predictions(new float[] {
                0.1f, 0.9f, 0.0f,
                3.0f, 1.0f, 2.0f,
                5.0f, 1.0f, 5.0f,
                -1f, -2f, 0f }, new int[] {1, 2, 2, 2}, 3);
        assertEquals(0.5, BatchEvaluation.errorRate(predictions), 0.0);
    }

    @Test
    void noExamplesHaveNoErrorRate() {
        assertTrue(Double.isNaN(BatchEvaluation.errorRate(new Predictions(new float[0], new int[0], 10))));
    }

    @Test
    void batchShapePutsTheBatchFirst() {
        assertArrayEquals(new long[] {7, 1, 28, 28}, BatchEvaluation.batchShape(7, new int[] {1, 28, 28}).getShape());
        assertArrayEquals(new long[] {3}, BatchEvaluation.batchShape(3, new int[0]).getShape());
    }
}
