package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import carnot.api.experiment.EpochMetrics;
import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-epoch evaluation's schedule and subset ({@code training.evaluateEvery},
 * {@code training.evaluationSubset}): which epochs are evaluated, that evaluation never changes the
 * training trajectory, that subset metrics are of exactly k examples while analyses still see the
 * whole splits, and that the defaults keep every epoch's whole-split numbers.
 */
class EvaluationScheduleTest {

    private static final int N = 300;

    private static String experiment(String training, String analyses) {
        return """
                {"format": 1, "name": "schedule", "seed": 5,
                 "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 8, "trainSize": %d,
                             "testSize": 120, "separation": 2.0}},
                 "model": {"id": "mlp", "settings": {"hidden": [16]}},
                 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
                 "loss": "cross-entropy",
                 "training": {"epochs": 7, "batchSize": 32 %s},
                 "analyses": [%s]}
                """.formatted(N, training, analyses);
    }

    private static List<Integer> epochs(ExperimentRuns.Finished run) {
        return run.metrics().stream().map(EpochMetrics::epoch).toList();
    }

    @Test
    void everyKEpochsPlusTheFirstTheLastAndWhenAnAnalysisIsDue() throws Exception {
        Path workspace = Files.createTempDirectory("carnot-schedule");
        ExperimentRuns.Finished every = ExperimentRuns.complete(workspace, experiment("", ""));
        ExperimentRuns.Finished third = ExperimentRuns.complete(workspace, experiment(", \"evaluateEvery\": 3", ""));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), epochs(every));
        assertEquals(List.of(0, 3, 6, 7), epochs(third));
        // Evaluation does not touch the trajectory: the evaluated epochs have the same numbers in both runs.
        for (EpochMetrics m : third.metrics()) {
            assertEquals(every.metrics().get(m.epoch()).trainLoss(), m.trainLoss(), "epoch " + m.epoch());
            assertEquals(every.metrics().get(m.epoch()).testError(), m.testError(), "epoch " + m.epoch());
        }
        ExperimentRuns.Finished withAnalysis = ExperimentRuns.complete(workspace, experiment(", \"evaluateEvery\": 3",
                "{\"id\": \"margins\", \"every\": 2}"));
        assertEquals(List.of(0, 2, 3, 4, 6, 7), epochs(withAnalysis));
    }

    @Test
    void aSubsetIsOfKExamplesAndAnalysesStillSeeTheWholeSplits() throws Exception {
        Path workspace = Files.createTempDirectory("carnot-subset");
        String margins = "{\"id\": \"margins\", \"every\": 7}";
        ExperimentRuns.Finished whole = ExperimentRuns.complete(workspace, experiment("", margins));
        ExperimentRuns.Finished subset = ExperimentRuns.complete(workspace, experiment(", \"evaluationSubset\": 50",
                margins));
        EpochMetrics last = subset.last();
        // Errors of 50 examples are multiples of 1/50.
        assertEquals(Math.rint(last.trainError() * 50), last.trainError() * 50, 1e-9);
        assertEquals(Math.rint(last.testError() * 50), last.testError() * 50, 1e-9);
        assertNotEquals(whole.last().trainLoss(), last.trainLoss(), "a subset's mean loss is not the split's");
        // The margins analysis measured the whole training set, at the same weights, in both runs.
        JsonNode a = RunRecords.analysis(whole.folder(), 0, "margins", 7).get("scalars");
        JsonNode b = RunRecords.analysis(subset.folder(), 0, "margins", 7).get("scalars");
        assertEquals(a.get("train.fractionNonPositive").asDouble(), b.get("train.fractionNonPositive").asDouble());
        assertEquals(a.get("train.median").asDouble(), b.get("train.median").asDouble());
        // ... which is the whole split's error (no ties between outputs of a trained network here).
        assertEquals(whole.last().trainError(), a.get("train.fractionNonPositive").asDouble(), 1e-12);
        // The same seed draws the same subset: a second run repeats the numbers exactly.
        ExperimentRuns.Finished again = ExperimentRuns.complete(workspace, experiment(", \"evaluationSubset\": 50",
                margins));
        assertEquals(last.trainLoss(), again.last().trainLoss());
        assertEquals(subset.provenance().get("seeds").get("evaluationSubset").asLong(),
                again.provenance().get("seeds").get("evaluationSubset").asLong());
    }
}
