package carnot.integration.tests;

import static carnot.integration.tests.Components.engine;
import static carnot.integration.tests.Components.provider;
import static carnot.integration.tests.Components.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import carnot.api.component.ComponentKind;
import carnot.api.losses.LossFunction;
import carnot.api.losses.LossProvider;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.api.optim.OptimizerContext;
import carnot.api.optim.OptimizerProvider;
import carnot.api.regularizers.RegularizerProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each first provider, found by id through DS, against a hand computation or closed form. */
class ProviderNumericsTest {

    @Test
    void crossEntropyIsLogSumExpMinusTheLabelledLogit() {
        LossProvider provider = provider(ComponentKind.LOSS, "cross-entropy", LossProvider.class);
        LossFunction loss = provider.create(settings(provider, Map.of()));
        double[][] logits = {{2.0, -1.0, 0.5}, {-3.0, 4.0, 1000.0}};
        int[] labels = {0, 1};
        try (NDManager manager = engine().newBaseManager()) {
            NDArray out = manager.create(new float[] {2f, -1f, 0.5f, -3f, 4f, 1000f}, new Shape(2, 3));
            float[] got = loss.perExample(out, manager.create(new long[] {0, 1})).toFloatArray();
            for (int i = 0; i < 2; i++) {
                double max = Math.max(logits[i][0], Math.max(logits[i][1], logits[i][2]));
                double lse = max + Math.log(Math.exp(logits[i][0] - max) + Math.exp(logits[i][1] - max)
                        + Math.exp(logits[i][2] - max));
                assertEquals(lse - logits[i][labels[i]], got[i], 1e-4 * Math.max(1, Math.abs(lse)),
                        "example " + i + " (the second overflows a naive softmax)");
            }
        }
    }

    @Test
    void weightDecayPenaltyAndGradientAreLambdaHalfNormSquaredAndLambdaW() {
        RegularizerProvider provider = provider(ComponentKind.REGULARIZER, "weight-decay", RegularizerProvider.class);
        ArchitectureProvider mlp = provider(ComponentKind.ARCHITECTURE, "mlp", ArchitectureProvider.class);
        Block block = mlp.build(settings(mlp, Map.of("hidden", List.of(3))), new ArchitectureContext(new int[] {2}, 2));
        try (NDManager manager = engine().newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            double lambda = 0.3;
            double sumSquares = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                for (float w : p.getValue().getArray().toFloatArray()) {
                    sumSquares += w * w;
                }
            }
            try (GradientCollector collector = engine().newGradientCollector()) {
                NDArray penalty = provider.create(settings(provider, Map.of("lambda", lambda))).penalty(
                        block.getParameters());
                assertEquals(lambda / 2 * sumSquares, penalty.getFloat(), 1e-5);
                collector.backward(penalty);
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray w = p.getValue().getArray();
                float[] expected = w.toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    expected[i] *= (float) lambda;
                }
                assertArrayEquals(expected, w.getGradient().toFloatArray(), 1e-6f, p.getKey());
            }
        }
    }

    @Test
    void sgdWithMomentumFollowsTheHeavyBallRecursion() {
        OptimizerProvider provider = provider(ComponentKind.OPTIMIZER, "sgd", OptimizerProvider.class);
        double lr = 0.1;
        double m = 0.9;
        Optimizer sgd = provider.create(settings(provider, Map.of("learningRate", lr, "momentum", m)),
                new OptimizerContext(10, 10, 1, 1));
        try (NDManager manager = engine().newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, -2f});
            double[] expected = {1, -2};
            double[] velocity = {0, 0};
            float[][] gradients = {{0.5f, 1f}, {-0.25f, 2f}, {1f, 1f}};
            for (float[] g : gradients) {
                sgd.update("w", w, manager.create(g));
                for (int i = 0; i < 2; i++) {
                    // v <- m v - lr g; w <- w + v
                    velocity[i] = m * velocity[i] - lr * g[i];
                    expected[i] += velocity[i];
                }
                assertArrayEquals(new float[] {(float) expected[0], (float) expected[1]}, w.toFloatArray(), 1e-6f);
            }
            assertEquals(new carnot.api.optim.OptimizerProvider.StepSize(lr, m),
                    provider.stepSize(settings(provider, Map.of("learningRate", lr, "momentum", m))));
        }
    }

    @Test
    void mlpComputesTheLayersByHandAndCountsParameters() {
        ArchitectureProvider mlp = provider(ComponentKind.ARCHITECTURE, "mlp", ArchitectureProvider.class);
        Block block = mlp.build(settings(mlp, Map.of("hidden", List.of(4), "activation", "relu")),
                new ArchitectureContext(new int[] {1, 2, 3}, 5));
        try (NDManager manager = engine().newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 2, 3));
            List<Pair<String, Parameter>> params = block.getParameters().stream().toList();
            long count = params.stream().mapToLong(p -> p.getValue().getArray().size()).sum();
            assertEquals(6 * 4 + 4 + 4 * 5 + 5, count);
            float[] w1 = params.get(0).getValue().getArray().toFloatArray(); // (4, 6), out x in
            float[] b1 = params.get(1).getValue().getArray().toFloatArray();
            float[] w2 = params.get(2).getValue().getArray().toFloatArray(); // (5, 4)
            float[] b2 = params.get(3).getValue().getArray().toFloatArray();
            float[] x = {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f};
            float[] got = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(x, new Shape(1, 1, 2, 3))), false).singletonOrThrow().toFloatArray();
            double[] hidden = new double[4];
            for (int j = 0; j < 4; j++) {
                double s = b1[j];
                for (int i = 0; i < 6; i++) {
                    s += w1[j * 6 + i] * x[i];
                }
                hidden[j] = Math.max(0, s);
            }
            for (int k = 0; k < 5; k++) {
                double s = b2[k];
                for (int j = 0; j < 4; j++) {
                    s += w2[k * 4 + j] * hidden[j];
                }
                assertEquals(s, got[k], 1e-5, "logit " + k);
            }
        }
    }

    @Test
    void heInitializationHasVarianceTwoOverFanIn() {
        ArchitectureProvider mlp = provider(ComponentKind.ARCHITECTURE, "mlp", ArchitectureProvider.class);
        for (String scheme : List.of("he", "xavier")) {
            Block block = mlp.build(settings(mlp, Map.of("hidden", List.of(400), "init", scheme)),
                    new ArchitectureContext(new int[] {784}, 10));
            try (NDManager manager = engine().newBaseManager()) {
                engine().setRandomSeed(1);
                block.initialize(manager, DataType.FLOAT32, new Shape(1, 784));
                float[] w = block.getParameters().get(0).getValue().getArray().toFloatArray();
                double mean = 0;
                double square = 0;
                for (float v : w) {
                    mean += v;
                    square += v * v;
                }
                mean /= w.length;
                double variance = square / w.length - mean * mean;
                // He: N(0, 2/fan_in); Glorot uniform: U(+-a), a^2 = 6/(fan_in+fan_out), variance a^2/3.
                double expected = scheme.equals("he") ? 2.0 / 784 : 2.0 / (784 + 400);
                // 313,600 draws: the relative standard error of the variance is below 0.3%.
                assertEquals(expected, variance, 0.02 * expected, scheme);
                assertEquals(0, mean, 0.01 * Math.sqrt(expected), scheme);
                float[] bias = block.getParameters().get(1).getValue().getArray().toFloatArray();
                assertArrayEquals(new float[400], bias, 0f, "biases start at zero");
            }
        }
    }
}
