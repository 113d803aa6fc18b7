package carnot.api.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.InvalidSettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** training.evaluateEvery and training.evaluationSubset: defaults, validation and the schedule. */
class TrainingSpecEvaluationTest {

    @Test
    void theDefaultsEvaluateTheWholeSplitsAfterEveryEpoch() throws Exception {
        TrainingSpec spec = TrainingSpec.from(TrainingSpec.SCHEMA.validate(Map.of(), "training"));
        assertEquals(1, spec.evaluateEvery());
        assertEquals(0, spec.evaluationSubset());
        for (int epoch = 0; epoch <= spec.epochs(); epoch++) {
            assertTrue(spec.evaluatesAfter(epoch));
        }
        assertEquals(spec, new TrainingSpec(10, 128, 1000, true, false, 1.0, 1, 0, "epochs", 0.0, 0, 1, 0));
        assertEquals(spec, TrainingSpec.builder().build());
    }

    @Test
    void everyKEpochsAndAlwaysBeforeTrainingAndAfterTheLast() throws Exception {
        TrainingSpec spec = TrainingSpec.from(TrainingSpec.SCHEMA.validate(Map.of("epochs", 7, "evaluateEvery", 3),
                "training"));
        boolean[] expected = {true, false, false, true, false, false, true, true};
        for (int epoch = 0; epoch <= 7; epoch++) {
            assertEquals(expected[epoch], spec.evaluatesAfter(epoch), "epoch " + epoch);
        }
        assertFalse(spec.evaluatesAfter(5));
        assertEquals(3, spec.asMap().get("evaluateEvery"));
    }

    @Test
    void badValuesNameTheField() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> TrainingSpec.SCHEMA.validate(Map.of("evaluateEvery", 0), "training"));
        assertEquals("training.evaluateEvery", e.field());
        e = assertThrows(InvalidSettingsException.class,
                () -> TrainingSpec.SCHEMA.validate(Map.of("evaluationSubset", -5), "training"));
        assertEquals("training.evaluationSubset", e.field());
    }
}
