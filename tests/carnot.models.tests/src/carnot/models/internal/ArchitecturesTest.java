package carnot.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The locally connected layer against DJL's (libtorch's) convolution, the residual unit at zero
 * residual weights, weight normalization against its definition and its gradient identities
 * (Salimans & Kingma 2016, eqs. 2-4), parameter counts by hand, and the statistics of dropout and
 * batch normalization as the catalogue builds them, with fixed seeds.
 */
class ArchitecturesTest {

    private static Engine engine() {
        return PyTorch.engine();
    }

    /** The providers are this bundle's own classes: built directly, their settings checked by their schema. */
    private static Settings settings(Provider provider, Map<String, Object> raw) {
        return provider.settingsSchema().validate(raw, "test");
    }

    private static NDArray forward(Block block, NDManager manager, NDArray x, boolean training) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow();
    }

    private static Parameter parameter(Block block, String suffix) {
        return block.getParameters().stream().filter(p -> p.getKey().endsWith(suffix)).findFirst().orElseThrow()
                .getValue();
    }

    private static long trainable(Block block) {
        return block.getParameters().stream().filter(p -> p.getValue().requiresGradient())
                .mapToLong(p -> p.getValue().getArray().size()).sum();
    }

    private static float maxAbsDifference(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    // --- locally connected ---

    /** Every location given the convolution's filters and bias: the outputs agree to rounding. */
    @Test
    void locallyConnectedWithEqualFiltersIsAConvolution() {
        int[][] cases = {{3, 1, 1}, {3, 2, 0}, {5, 1, 2}}; // kernel, stride, padding
        for (int[] c : cases) {
            int k = c[0];
            int stride = c[1];
            int padding = c[2];
            try (NDManager manager = engine().newBaseManager()) {
                engine().setRandomSeed(5);
                Block conv = Conv2d.builder().setKernelShape(new Shape(k, k)).optStride(new Shape(stride, stride))
                        .optPadding(new Shape(padding, padding)).setFilters(4).build();
                conv.setInitializer(new ai.djl.training.initializer.NormalInitializer(1f), Parameter.Type.WEIGHT);
                conv.setInitializer(new ai.djl.training.initializer.NormalInitializer(0.5f), Parameter.Type.BIAS);
                conv.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 9, 8));
                Block local = new LocallyConnected2d(4, k, stride, padding,
                        new ai.djl.training.initializer.NormalInitializer(1f));
                local.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 9, 8));
                NDArray kernel = parameter(conv, "weight").getArray(); // (4, 3, k, k)
                NDArray bias = parameter(conv, "bias").getArray(); // (4)
                Parameter localWeight = parameter(local, "weight"); // (L, 4, 3 k k)
                Parameter localBias = parameter(local, "bias"); // (4, H', W')
                Shape lw = localWeight.getArray().getShape();
                Shape lb = localBias.getArray().getShape();
                localWeight.getArray().set(kernel.reshape(1, 4, 3 * k * k).broadcast(lw).toFloatArray());
                localBias.getArray().set(bias.reshape(4, 1, 1).broadcast(lb).toFloatArray());
                NDArray x = manager.randomNormal(new Shape(2, 3, 9, 8));
                NDArray expected = forward(conv, manager, x, false);
                NDArray got = forward(local, manager, x, false);
                assertEquals(expected.getShape(), got.getShape(), "k " + k + " stride " + stride);
                assertTrue(maxAbsDifference(expected, got) < 1e-5f, "k " + k + " stride " + stride + ": "
                        + maxAbsDifference(expected, got));

                // No sharing: changing the filters of location 0 changes output location (0, 0) only.
                float[] w = localWeight.getArray().toFloatArray();
                for (int i = 0; i < 4 * 3 * k * k; i++) {
                    w[i] += 1f;
                }
                localWeight.getArray().set(w);
                NDArray changed = forward(local, manager, x, false).sub(got).abs().sum(new int[] {0, 1});
                float[] perLocation = changed.toFloatArray();
                assertTrue(perLocation[0] > 1e-3f, "location (0,0) changed");
                for (int l = 1; l < perLocation.length; l++) {
                    assertEquals(0f, perLocation[l], 1e-6f, "location " + l + " unchanged");
                }
            }
        }
    }

    @Test
    void locallyConnectedNetworkCountsItsUnsharedWeights() {
        ArchitectureProvider lc = new LocallyConnectedProvider();
        Block block = lc.build(settings(lc, Map.of("channels", List.of(2), "kernel", 3, "hidden", List.of(4))),
                new ArchitectureContext(new int[] {1, 6, 6}, 3));
        try (NDManager manager = engine().newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 6, 6));
            // 36 locations x 2 filters x (1 x 3 x 3) + bias 2 x 6 x 6; pool 6 -> 3; fc 18 -> 4; 4 -> 3.
            assertEquals(36 * 2 * 9 + 72 + 18 * 4 + 4 + 4 * 3 + 3, trainable(block));
            assertEquals(new Shape(5, 3), forward(block, manager, manager.randomNormal(new Shape(5, 1, 6, 6)), true)
                    .getShape());
            // He initialization with fan_in = C_in k^2 = 9: variance 2/9 over 648 weights.
            float[] w = parameter(block, "weight").getArray().toFloatArray();
            double square = 0;
            for (float v : w) {
                square += v * v;
            }
            assertEquals(2.0 / 9, square / w.length, 4 * Math.sqrt(2.0 / w.length) * 2.0 / 9);
        }
    }

    // --- resnet ---

    /** F(x) = 0 at zero residual weights: the unit is relu(x), in training and in inference mode. */
    @Test
    void aResidualUnitAtZeroResidualWeightsIsTheIdentityBeforeTheRelu() {
        for (boolean batchNorm : new boolean[] {true, false}) {
            try (NDManager manager = engine().newBaseManager()) {
                List<Block> last = new ArrayList<>();
                Block unit = ResNetProvider.residualUnit(4, 4, 1, batchNorm, last);
                unit.setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
                last.get(0).setInitializer(Initializer.ZEROS, batchNorm ? Parameter.Type.GAMMA : Parameter.Type.WEIGHT);
                unit.initialize(manager, DataType.FLOAT32, new Shape(2, 4, 5, 5));
                NDArray x = manager.randomNormal(new Shape(2, 4, 5, 5));
                for (boolean training : new boolean[] {true, false}) {
                    assertArrayEquals(x.maximum(0).toFloatArray(), forward(unit, manager, x, training).toFloatArray(),
                            0f, "batchNorm " + batchNorm + ", training " + training);
                }
                Block down = ResNetProvider.residualUnit(4, 8, 2, batchNorm, new ArrayList<>());
                down.initialize(manager, DataType.FLOAT32, new Shape(2, 4, 5, 5));
                assertEquals(new Shape(2, 8, 3, 3), forward(down, manager, x, true).getShape());
            }
        }
    }

    @Test
    void resnetShapesAndParameterCountByHand() {
        ArchitectureProvider resnet = new ResNetProvider();
        Block block = resnet.build(settings(resnet, Map.of("channels", List.of(4, 8), "zeroInitResidual", true)),
                new ArchitectureContext(new int[] {3, 16, 16}, 5));
        try (NDManager manager = engine().newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            // stem 3->4 (3x3, no bias) 108 + BN 8; unit 4->4: 144 + 8 + 144 + 8; unit 4->8 stride 2:
            // 288 + 16 + 576 + 16 + projection 32 + 16; linear 8 -> 5: 45.
            assertEquals(108 + 8 + 304 + 944 + 45, trainable(block));
            NDArray out = forward(block, manager, manager.randomNormal(new Shape(2, 3, 16, 16)), true);
            assertEquals(new Shape(2, 5), out.getShape());
            long zeroGammas = block.getParameters().stream().filter(p -> p.getKey().endsWith("gamma"))
                    .filter(p -> p.getValue().getArray().abs().sum().getFloat() == 0).count();
            assertEquals(2, zeroGammas, "the last BN of each of the 2 residual branches");
        }
    }

    // --- weight normalization ---

    @Test
    void weightNormIsGTimesTheUnitDirectionWithTheGradientsOfSalimansAndKingma() {
        try (NDManager manager = engine().newBaseManager()) {
            engine().setRandomSeed(3);
            Block layer = new WeightNormLinear(2, true);
            layer.setInitializer(new ai.djl.training.initializer.NormalInitializer(1f), Parameter.Type.WEIGHT);
            layer.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
            layer.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            Parameter v = parameter(layer, "weight");
            Parameter g = parameter(layer, "g");
            float[] v0 = v.getArray().toFloatArray();
            // Initially g_i = ||v_i||: the layer computes x v^T.
            for (int i = 0; i < 2; i++) {
                double norm = Math.sqrt(v0[3 * i] * v0[3 * i] + v0[3 * i + 1] * v0[3 * i + 1]
                        + v0[3 * i + 2] * v0[3 * i + 2]);
                assertEquals(norm, g.getArray().toFloatArray()[i], 1e-6);
            }
            float[] vs = {3, 0, 4, 1, 2, 2};
            float[] gs = {2, -1.5f};
            float[] bs = {0.5f, -1};
            v.getArray().set(vs);
            g.getArray().set(gs);
            parameter(layer, "bias").getArray().set(bs);
            float[] xs = {1, -2, 0.5f, 0, 1, 3};
            NDArray x = manager.create(xs, new Shape(2, 3));
            // w_0 = 2 (3, 0, 4)/5, w_1 = -1.5 (1, 2, 2)/3.
            double[][] w = {{1.2, 0, 1.6}, {-0.5, -1, -1}};
            double[] y = new double[4];
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < 2; i++) {
                    y[2 * b + i] = bs[i];
                    for (int j = 0; j < 3; j++) {
                        y[2 * b + i] += w[i][j] * xs[3 * b + j];
                    }
                }
            }
            float[] out = forward(layer, manager, x, false).toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(y[i], out[i], 1e-5, "output " + i);
            }
            // Invariance: v -> 5 v leaves the function unchanged.
            float[] scaled = vs.clone();
            for (int i = 0; i < 6; i++) {
                scaled[i] *= 5;
            }
            v.getArray().set(scaled);
            assertArrayEquals(out, forward(layer, manager, x, false).toFloatArray(), 1e-5f);
            v.getArray().set(vs);

            // L = sum y^2: dL/dw_ij = sum_b 2 y_bi x_bj.
            try (GradientCollector collector = engine().newGradientCollector()) {
                NDArray loss = forward(layer, manager, x, true).square().sum();
                collector.backward(loss);
            }
            float[] gradV = v.getArray().getGradient().toFloatArray();
            float[] gradG = g.getArray().getGradient().toFloatArray();
            double[] norms = {5, 3};
            for (int i = 0; i < 2; i++) {
                double[] gradW = new double[3];
                for (int j = 0; j < 3; j++) {
                    for (int b = 0; b < 2; b++) {
                        gradW[j] += 2 * y[2 * b + i] * xs[3 * b + j];
                    }
                }
                // eq. 3: dL/dg_i = gradW_i . v_i / ||v_i||
                double expectedG = 0;
                double vDotGradV = 0;
                for (int j = 0; j < 3; j++) {
                    expectedG += gradW[j] * vs[3 * i + j] / norms[i];
                    vDotGradV += vs[3 * i + j] * gradV[3 * i + j];
                }
                assertEquals(expectedG, gradG[i], 1e-4 * Math.max(1, Math.abs(expectedG)), "dL/dg_" + i);
                // eq. 4: dL/dv_i = g_i/||v_i|| (gradW_i - (dL/dg_i) v_i/||v_i||), orthogonal to v_i.
                for (int j = 0; j < 3; j++) {
                    double expected = gs[i] / norms[i] * (gradW[j] - expectedG * vs[3 * i + j] / norms[i]);
                    assertEquals(expected, gradV[3 * i + j], 1e-4 * Math.max(1, Math.abs(expected)), "dL/dv_" + i + j);
                }
                assertEquals(0, vDotGradV, 1e-4, "v_i . dL/dv_i = 0");
            }
        }
    }

    @Test
    void mlpWithWeightNormAddsOneLengthPerUnit() {
        ArchitectureProvider mlp = new MlpProvider();
        Block plain = mlp.build(settings(mlp, Map.of("hidden", List.of(5))), new ArchitectureContext(new int[] {3}, 2));
        Block normed = mlp.build(settings(mlp, Map.of("hidden", List.of(5), "weightNorm", true)),
                new ArchitectureContext(new int[] {3}, 2));
        try (NDManager manager = engine().newBaseManager()) {
            engine().setRandomSeed(9);
            plain.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            engine().setRandomSeed(9);
            normed.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            assertEquals(15 + 5 + 10 + 2, trainable(plain));
            assertEquals(15 + 5 + 5 + 10 + 2 + 2, trainable(normed));
            // Same seed, same v; g = ||v||: the same function at initialization.
            NDArray x = manager.randomNormal(new Shape(4, 3));
            assertTrue(maxAbsDifference(forward(plain, manager, x, false), forward(normed, manager, x, false)) < 1e-5f);
        }
    }

    // --- dropout and batch normalization, as the catalogue builds them ---

    private static <B extends Block> B child(Block net, Class<B> type) {
        return net.getChildren().values().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /**
     * Inverted dropout (Srivastava et al. 2014 as implemented by PyTorch): in training each unit is
     * zeroed with probability p and the kept ones are scaled by 1/(1-p), so the expectation is
     * unchanged; at inference the layer is the identity.
     */
    @Test
    void dropoutKeepsOneMinusPOfTheUnitsScaledByItsInverse() {
        ArchitectureProvider mlp = new MlpProvider();
        double p = 0.3;
        Block net = mlp.build(settings(mlp, Map.of("hidden", List.of(8), "dropout", p)),
                new ArchitectureContext(new int[] {4}, 2));
        Dropout dropout = child(net, Dropout.class);
        try (NDManager manager = engine().newBaseManager()) {
            engine().setRandomSeed(21);
            int n = 200_000;
            dropout.initialize(manager, DataType.FLOAT32, new Shape(n));
            NDArray ones = manager.ones(new Shape(n));
            float[] out = forward(dropout, manager, ones, true).toFloatArray();
            int zeros = 0;
            for (float v : out) {
                if (v == 0) {
                    zeros++;
                } else {
                    assertEquals(1 / (1 - p), v, 1e-6, "kept units are scaled by 1/(1-p)");
                }
            }
            // Binomial(n, p): standard deviation sqrt(n p (1-p)) ~ 205.
            assertEquals(p * n, zeros, 4 * Math.sqrt(n * p * (1 - p)), "dropped fraction");
            assertArrayEquals(ones.toFloatArray(), forward(dropout, manager, ones, false).toFloatArray(), 0f,
                    "identity at inference");
        }
    }

    /**
     * Batch normalization in training mode (Ioffe & Szegedy 2015, Algorithm 1) with the initial
     * gamma = 1, beta = 0: each feature of the output has batch mean 0 and biased batch variance
     * s^2 / (s^2 + eps), s^2 the input's biased batch variance, eps = 1e-5.
     */
    @Test
    void batchNormInTrainingModeStandardizesEveryFeatureOverTheBatch() {
        ArchitectureProvider mlp = new MlpProvider();
        Block net = mlp.build(settings(mlp, Map.of("hidden", List.of(6), "batchNorm", true)),
                new ArchitectureContext(new int[] {4}, 2));
        BatchNorm batchNorm = child(net, BatchNorm.class);
        try (NDManager manager = engine().newBaseManager()) {
            engine().setRandomSeed(8);
            int n = 512;
            int d = 6;
            batchNorm.initialize(manager, DataType.FLOAT32, new Shape(1, d));
            float[] in = manager.randomNormal(3, 2, new Shape(n, d), DataType.FLOAT32).toFloatArray();
            float[] out = forward(batchNorm, manager, manager.create(in, new Shape(n, d)), true).toFloatArray();
            for (int j = 0; j < d; j++) {
                double inMean = 0;
                double outMean = 0;
                for (int i = 0; i < n; i++) {
                    inMean += in[i * d + j] / (double) n;
                    outMean += out[i * d + j] / (double) n;
                }
                double inVar = 0;
                double outVar = 0;
                for (int i = 0; i < n; i++) {
                    inVar += Math.pow(in[i * d + j] - inMean, 2) / n;
                    outVar += Math.pow(out[i * d + j] - outMean, 2) / n;
                }
                assertEquals(0, outMean, 1e-5, "feature " + j + " mean");
                assertEquals(inVar / (inVar + 1e-5), outVar, 1e-4, "feature " + j + " variance");
                assertEquals(4, inVar, 1.0, "the input really had variance 4");
            }
        }
    }
}
