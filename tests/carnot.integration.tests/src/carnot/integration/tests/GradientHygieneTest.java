package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.engine.internal.BatchEvaluation;
import carnot.api.analysis.Split;
import carnot.api.datasets.Dataset;
import carnot.api.experiment.EpochMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;

/**
 * Issue 16, item 10: full-batch GD on a linear model jumped once by an extra multiple of the
 * gradient at initialization. An analysis that calls {@code backward} on the live network (twice,
 * as a gradient-norm analysis written with DJL's GradientCollector might) leaves 2 g(w) in the
 * parameters' gradient buffers; before the engine zeroed the buffers before every step, the next
 * step applied the normal update plus twice that gradient. Here training with such an analysis (at
 * initialization and every 5 epochs) must be bit-for-bit the training without it.
 */
class GradientHygieneTest {

    @TempDir
    Path workspace;

    private static final String GD = """
            {
              "name": "gd-hygiene",
              "seed": 11,
              "dataset": {"id": "gaussian-mixture", "settings": {"classes": 2, "dimension": 12, "trainSize": 40,
                          "testSize": 40, "separation": 3.0}},
              "model": {"id": "linear"},
              "optimizer": {"id": "sgd", "settings": {"learningRate": 1.0, "momentum": 0.0}},
              "loss": "logistic",
              "training": {"epochs": 30, "batchSize": 40, "fullBatch": true},
              "analyses": %s
            }
            """;

    @Test
    void anAnalysisThatRunsBackwardOnTheModelLeavesTrainingBitForBitUnchanged() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger leftGradients = new AtomicInteger();
        ServiceRegistration<AnalysisProvider> registration = TestAnalyses.register("test.backward-on-model", context -> {
            Dataset train = context.dataset(Split.TRAIN);
            NDManager manager = context.manager();
            try (GradientCollector collector = Components.engine().newGradientCollector()) {
                for (int repeat = 0; repeat < 2; repeat++) {
                    NDArray x = manager.create(train.features(), BatchEvaluation.batchShape(train.size(),
                            train.exampleShape()));
                    NDArray y = manager.create(java.util.Arrays.stream(train.labels()).asLongStream().toArray());
                    NDArray outputs = context.model().forward(new ParameterStore(manager, false), new NDList(x), true)
                            .singletonOrThrow();
                    collector.backward(context.loss().perExample(outputs, y).mean());
                }
            }
            for (Pair<String, Parameter> p : context.model().getParameters()) {
                if (p.getValue().getArray().hasGradient()
                        && p.getValue().getArray().getGradient().abs().sum().getFloat() > 0) {
                    leftGradients.incrementAndGet();
                }
            }
            calls.incrementAndGet();
            return AnalysisResult.builder().scalar("calls", calls.get()).build();
        });
        ExperimentRuns.Finished plain;
        ExperimentRuns.Finished analysed;
        try {
            plain = ExperimentRuns.complete(workspace, String.format(GD, "[]"));
            analysed = ExperimentRuns.complete(workspace, String.format(GD,
                    "[{\"id\": \"test.backward-on-model\", \"every\": 5, \"atInit\": true}]"));
        } finally {
            registration.unregister();
        }
        assertEquals(7, calls.get(), "at initialization and after epochs 5, 10, ..., 30");
        assertTrue(leftGradients.get() > 0, "the analysis did leave gradients in the model's buffers");
        List<EpochMetrics> a = plain.metrics();
        List<EpochMetrics> b = analysed.metrics();
        assertEquals(31, b.size());
        for (int epoch = 0; epoch <= 30; epoch++) {
            assertEquals(a.get(epoch).trainLoss(), b.get(epoch).trainLoss(), 0.0, "train loss, epoch " + epoch);
            assertEquals(a.get(epoch).testLoss(), b.get(epoch).testLoss(), 0.0, "test loss, epoch " + epoch);
        }
        assertArrayEquals(Files.readAllBytes(plain.folder().resolve("checkpoints/epoch-0030.params")),
                Files.readAllBytes(analysed.folder().resolve("checkpoints/epoch-0030.params")),
                "final weights bit for bit");
    }
}
