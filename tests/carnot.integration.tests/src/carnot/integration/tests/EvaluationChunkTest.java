package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import carnot.api.experiment.EpochMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The per-epoch evaluation's chunk ({@code training.evalBatchSize}) changes only how much work one
 * forward pass does, never the numbers beyond the order of floating-point sums: real Fashion-MNIST
 * images through the quickstart's network, evaluated in chunks of 1000 (the default), of 7 (many
 * chunks, one of them partial) and of the whole split at once give the same losses within 1e-6 and
 * the same errors at every epoch, and the same trajectory (evaluation does not touch training).
 */
class EvaluationChunkTest {

    private static String experiment(int evalBatchSize) {
        return """
                {"format": 1, "name": "chunks", "seed": 11,
                 "dataset": {"id": "idx", "settings": {"folder": "/usr/share/datasets/fashion-mnist",
                             "trainSize": 2000, "testSize": 1000}},
                 "model": {"id": "mlp", "settings": {"hidden": [512], "activation": "relu"}},
                 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.02, "momentum": 0.9}},
                 "loss": "cross-entropy",
                 "training": {"epochs": 2, "batchSize": 128, "evalBatchSize": %d}}
                """.formatted(evalBatchSize);
    }

    @Test
    void theChunkChangesNoNumberBeyondSummationOrder() throws Exception {
        Path workspace = Files.createTempDirectory("carnot-chunks");
        ExperimentRuns.Finished defaults = ExperimentRuns.complete(workspace, experiment(1000));
        for (int chunk : new int[] {7, 2000}) {
            ExperimentRuns.Finished other = ExperimentRuns.complete(workspace, experiment(chunk));
            assertEquals(defaults.metrics().size(), other.metrics().size());
            for (EpochMetrics m : other.metrics()) {
                EpochMetrics d = defaults.metrics().get(m.epoch());
                String where = "chunk " + chunk + ", epoch " + m.epoch();
                assertEquals(d.trainLoss(), m.trainLoss(), 1e-6, where);
                assertEquals(d.testLoss(), m.testLoss(), 1e-6, where);
                assertEquals(d.trainError(), m.trainError(), 0.0, where);
                assertEquals(d.testError(), m.testError(), 0.0, where);
            }
        }
    }
}
