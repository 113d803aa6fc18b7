package carnot.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepsTest {

    private static final Path FILE = Path.of("sweep.json");

    static final String BASE = """
            {
              "name": "rand",
              "seed": 7,
              "dataset": "gaussian-mixture",
              "perturbations": ["subsample", {"id": "label-corruption", "settings": {"probability": 0.0}}],
              "model": "mlp",
              "optimizer": {"id": "sgd", "settings": {"learningRate": 0.1}},
              "loss": "cross-entropy",
              "training": {"epochs": 3},
              "sweep": SWEEP
            }
            """;

    private static Sweeps.Plan plan(String sweep) throws ExperimentFileException {
        return Sweeps.parse(FILE, BASE.replace("SWEEP", sweep));
    }

    @Test
    void gridTimesSeedsInFileOrderWithSeedsFastest() throws Exception {
        Sweeps.Plan plan = plan("""
                {"grid": {"perturbations[1].settings.probability": [0.0, 0.5, 1.0],
                          "model.settings.hidden": [[8], [32, 32]]},
                 "seeds": [1, 2]}""");
        assertEquals(12, plan.points().size());
        assertEquals(6, plan.cells());
        assertEquals(List.of(1L, 2L), plan.seeds());
        Sweeps.Point p = plan.points().get(3); // cell 1 (probability 0.0, hidden [32, 32]), seed 2
        assertEquals(1, p.cell());
        assertEquals(2L, p.seed());
        assertEquals(2L, p.spec().seed());
        assertEquals(0.0, p.spec().perturbations().get(1).settings().get("probability"));
        assertEquals(List.of(32, 32), p.spec().model().settings().get("hidden"));
        assertEquals("mlp", p.spec().model().id(), "a component given by id alone gains settings");
        Sweeps.Point last = plan.points().get(11);
        assertEquals(1.0, last.spec().perturbations().get(1).settings().get("probability"));
        assertEquals("011-probability-1.0-hidden-_32_32_-seed2", last.folder());
        assertEquals("probability=1.0, hidden=[32,32]", last.label());
        // Everything else is the base experiment.
        assertEquals(0.1, last.spec().optimizer().settings().get("learningRate"));
        assertEquals(3, last.spec().training().epochs());
    }

    @Test
    void seedsDefaultToTheExperimentSeedAndTheFingerprintFollowsTheFile() throws Exception {
        Sweeps.Plan plan = plan("{\"grid\": {\"training.batchSize\": [16, 64]}}");
        assertEquals(List.of(7L, 7L), plan.points().stream().map(Sweeps.Point::seed).toList());
        assertEquals(64, plan.points().get(1).spec().training().batchSize());
        assertEquals(plan.fingerprint(), plan("{\"grid\":{\"training.batchSize\":[16,64]}}").fingerprint());
        assertNotEquals(plan.fingerprint(), plan("{\"grid\": {\"training.batchSize\": [16, 65]}}").fingerprint());
    }

    @Test
    void badSweepsNameTheFieldAndWhatIsAllowed() {
        assertMessage("{\"grid\": {\"seed\": [1, 2]}}", "sweep.grid[\"seed\"]: a path starts at one of dataset,");
        assertMessage("{\"grid\": {\"perturbations[2].settings.probability\": [0.1]}}",
                "perturbations[2] does not exist: the list has 2 elements (indices 0 to 1)");
        assertMessage("{\"grid\": {\"optimizer.schedule.x\": [0.1]}}", "optimizer.schedule is not in the experiment");
        assertMessage("{\"grid\": {\"training.epochs\": []}}", "sweep.grid[\"training.epochs\"]: expected a non-empty list");
        assertMessage("{\"grid\": {\"training.epochs\": [1, 1]}}", "the value 1 is listed twice");
        assertMessage("{\"grid\": {\"training..epochs\": [1]}}", "not a JSON path");
        assertMessage("{\"seeds\": [1, \"x\"]}", "sweep.seeds[1]: expected an integer");
        assertMessage("{\"grdi\": {}}", "sweep.grdi: unknown key; allowed: grid, seeds");
        // A value that makes a point invalid is reported with the point's coordinates.
        assertMessage("{\"grid\": {\"training.epochs\": [2, 0]}}",
                "sweep point {training.epochs=0}: training.epochs: expected an integer >= 1");
        assertMessage("{\"grid\": {\"training.until\": [\"forever\"]}}", "expected one of epochs, train-error, train-loss");
    }

    @Test
    void wholeComponentsAndListsCanBeSweptAndAreLabelledByTheirIds() throws Exception {
        Sweeps.Plan plan = plan("""
                {"grid": {"perturbations[1]": [{"id": "label-corruption", "settings": {"probability": 0.5}},
                                               "shuffled-pixels"],
                          "regularizers": [[], [{"id": "weight-decay"}, "augmentation"]]}}""");
        assertEquals(4, plan.points().size());
        Sweeps.Point last = plan.points().get(3);
        assertEquals("shuffled-pixels", last.spec().perturbations().get(1).id());
        assertEquals(List.of("weight-decay", "augmentation"), last.spec().regularizers().stream().map(r -> r.id()).toList());
        assertEquals("perturbations=label-corruption(probability=0.5), regularizers=none", plan.points().get(0).label());
        assertEquals("perturbations=shuffled-pixels, regularizers=weight-decay+augmentation", last.label());
    }

    @Test
    void aSweepIsNotASingleExperiment() {
        ExperimentFileException e = assertThrows(ExperimentFileException.class,
                () -> ExperimentFiles.parse(FILE, BASE.replace("SWEEP", "{\"seeds\": [1]}")));
        assertTrue(e.getMessage().contains("sweep: this file is a sweep"), e.getMessage());
    }

    private static void assertMessage(String sweep, String expected) {
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> plan(sweep));
        assertTrue(e.getMessage().startsWith("sweep.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }
}
