package carnot.api.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.InvalidSettingsException;
import carnot.api.component.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builders of TrainingSpec and ExperimentSpec: defaults from the schema, copies, validation in build(). */
class ExperimentSpecBuilderTest {

    @Test
    void aTrainingBuilderStartsAtTheDefaultsOfAnEmptyTrainingObject() {
        Settings defaults = TrainingSpec.SCHEMA.validate(Map.of(), "training");
        assertEquals(TrainingSpec.from(defaults), TrainingSpec.builder().build());
        assertEquals(defaults.asMap(), TrainingSpec.builder().build().asMap());
    }

    @Test
    void eachTrainingSetterLandsInItsOwnField() {
        TrainingSpec spec = TrainingSpec.builder().epochs(7).batchSize(32).evalBatchSize(500).shuffle(false)
                .fullBatch(true).batchGrowth(2.0).batchGrowthEvery(3).maxBatchSize(256)
                .until(TrainingSpec.UNTIL_TRAIN_LOSS).target(0.05).checkpointEvery(2).evaluateEvery(4)
                .evaluationSubset(100).build();
        assertEquals(new TrainingSpec(7, 32, 500, false, true, 2.0, 3, 256, "train-loss", 0.05, 2, 4, 100), spec);
        assertEquals(spec, spec.toBuilder().build());
        assertEquals(5, spec.toBuilder().checkpointEvery(5).build().checkpointEvery());
        assertEquals(7, spec.toBuilder().checkpointEvery(5).build().epochs());
    }

    @Test
    void aTrainingBuilderRefusesWhatAnExperimentFileWouldRefuseNamingTheField() {
        InvalidSettingsException zero = assertThrows(InvalidSettingsException.class,
                () -> TrainingSpec.builder().epochs(0).build());
        assertEquals("training.epochs", zero.field());
        InvalidSettingsException until = assertThrows(InvalidSettingsException.class,
                () -> TrainingSpec.builder().until("forever").build());
        assertEquals("training.until", until.field());
        assertTrue(until.getMessage().contains("train-error"), until.getMessage());
    }

    @Test
    void anExperimentBuilderNeedsTheFourComponentsAndAGoodName() {
        ExperimentSpec.Builder partial = ExperimentSpec.builder("ok").dataset(ComponentSpec.of("gaussian-mixture"))
                .model(ComponentSpec.of("mlp")).optimizer(ComponentSpec.of("sgd"));
        NullPointerException missing = assertThrows(NullPointerException.class, partial::build);
        assertEquals("loss", missing.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> partial.loss(ComponentSpec.of("cross-entropy")).name("../escape").build());
    }

    @Test
    void anExperimentBuilderFillsTheOptionalPartsAndCopiesFaithfully() {
        ExperimentSpec spec = ExperimentSpec.builder("copy").dataset(ComponentSpec.of("gaussian-mixture"))
                .model(ComponentSpec.of("mlp")).optimizer(ComponentSpec.of("sgd"))
                .loss(ComponentSpec.of("cross-entropy")).build();
        assertEquals(ExperimentSpec.FORMAT, spec.format());
        assertEquals("", spec.description());
        assertEquals(0L, spec.seed());
        assertEquals(List.of(), spec.perturbations());
        assertEquals(TrainingSpec.builder().build(), spec.training());
        assertEquals(spec, spec.toBuilder().build());
        ExperimentSpec reseeded = spec.withSeed(42);
        assertEquals(42L, reseeded.seed());
        assertEquals(spec, reseeded.toBuilder().seed(0).build());
    }
}
