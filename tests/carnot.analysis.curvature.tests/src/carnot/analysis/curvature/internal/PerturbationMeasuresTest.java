package carnot.analysis.curvature.internal;

import static carnot.analysis.curvature.internal.LossHessianTest.engine;
import static carnot.analysis.curvature.internal.LossHessianTest.manager;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.losses.LossFunction;
import carnot.curvature.linalg.Lanczos;
import carnot.curvature.linalg.Vectors;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * eps-sharpness against brute force over the box's vertices, the PAC-Bayes sigma against the
 * square-loss closed form, and Dinh et al.'s rescaling against {@code H' = D^-1 H D^-1}.
 */
class PerturbationMeasuresTest {

    @BeforeAll
    static void engineUp() throws InterruptedException {
        LossHessianTest.engine();
    }

    /** A float64 linear model f(x) = W x + b, 3 inputs, 2 outputs: p = 8. */
    static Block linear(long seed) {
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(2).build());
        net.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
        net.setInitializer(new NormalInitializer(0.5f), Parameter.Type.BIAS);
        engine.setRandomSeed((int) seed);
        net.initialize(manager, DataType.FLOAT64, new Shape(1, 3));
        return net;
    }

    @Test
    void epsSharpnessReachesTheBestVertexOfTheBox() {
        Block net = linear(1);
        Dataset data = LossHessianTest.data(40, 3, 2, 2);
        double epsilon = 0.05;
        try (LossHessian f = LossHessianTest.open(net, LossHessianTest.CROSS_ENTROPY, data, List.of(), 0, 1000)) {
            double[] x = f.parameters();
            double fx = f.loss();
            // Cross-entropy is convex in the weights of a linear model: its maximum over the box is at a vertex.
            double best = Double.NEGATIVE_INFINITY;
            for (int mask = 0; mask < 1 << x.length; mask++) {
                double[] vertex = x.clone();
                for (int i = 0; i < x.length; i++) {
                    vertex[i] += ((mask >> i & 1) == 1 ? 1 : -1) * epsilon * (Math.abs(x[i]) + 1);
                }
                f.setParameters(vertex);
                best = Math.max(best, f.loss());
            }
            f.setParameters(x);
            double bruteForce = 100 * (best - fx) / (1 + fx);
            double[] ascent = Sharpness.epsSharpness(f, epsilon, 20, 0.25, ProgressMonitor.NONE);
            assertEquals(fx, ascent[2], 1e-15);
            assertTrue(ascent[0] <= bruteForce + 1e-9, ascent[0] + " > " + bruteForce);
            assertEquals(bruteForce, ascent[0], 1e-6 * bruteForce);
            assertArrayEquals(x, f.parameters(), 0, "weights restored");
        }
    }

    /**
     * Square loss mean_i sum_k (W_k x~_i - e_{y_i k})^2 of a linear model (x~ = (x, 1)), set to its
     * least-squares solution so that the gradient vanishes: then L(w + s z) - L(w) = s^2 z^T A z
     * exactly, A = I_K (x) C with C = mean_i x~_i x~_i^T. The estimator's mean over M Gaussian
     * directions q = (1/M) sum_m z_m^T A z_m has mean K tr C and variance 2 ||A||_F^2 / M =
     * 2 K ||C||_F^2 / M, and sigma = sqrt(tolerance / q); so sigma's relative error is half q's,
     * sqrt(2 ||C||_F^2 / (K M)) / (2 tr C) to first order. Asserted within 4 of those standard
     * deviations plus the bisection's resolution (30 ln 2 / 2^20 in log sigma).
     */
    @Test
    void pacBayesSigmaMatchesTheSquareLossClosedForm() {
        LossFunction square = (outputs, labels) -> outputs.sub(labels.oneHot(2).toType(outputs.getDataType(), false))
                .square().sum(new int[] {1});
        Block net = linear(3);
        Dataset data = LossHessianTest.data(50, 3, 2, 4);
        int n = data.size();
        DMatrixRMaj design = new DMatrixRMaj(n, 4);
        DMatrixRMaj targets = new DMatrixRMaj(n, 2);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                design.set(i, j, data.features()[i * 3 + j]);
            }
            design.set(i, 3, 1);
            targets.set(i, data.labels()[i], 1);
        }
        DMatrixRMaj c = new DMatrixRMaj(4, 4);
        CommonOps_DDRM.multTransA(design, design, c);
        CommonOps_DDRM.scale(1.0 / n, c);
        DMatrixRMaj solution = new DMatrixRMaj(4, 2);
        assertTrue(CommonOps_DDRM.solve(design, targets, solution), "least squares");
        // f.parameters() is W (2 x 3, row-major) then b: W_kj = solution_jk, b_k = solution_3k.
        double[] minimum = new double[8];
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                minimum[k * 3 + j] = solution.get(j, k);
            }
            minimum[6 + k] = solution.get(3, k);
        }
        double trace = CommonOps_DDRM.trace(c);
        double frobeniusSquared = 0;
        for (double v : c.data) {
            frobeniusSquared += v * v;
        }
        int samples = 1600;
        double tolerance = 0.05;
        double exact = Math.sqrt(tolerance / (2 * trace));
        double relativeSd = Math.sqrt(2 * frobeniusSquared / (2.0 * samples)) / (2 * trace);
        try (LossHessian f = LossHessianTest.open(net, square, data, List.of(), 0, 1000)) {
            f.setParameters(minimum);
            Sharpness.Sigma sigma = Sharpness.pacBayesSigma(f, tolerance, samples, 20, 1.0, 7, ProgressMonitor.NONE);
            assertTrue(!sigma.capped());
            assertEquals(exact, sigma.sigma(), (4 * relativeSd + 30 * Math.log(2) / (1 << 20)) * exact);
            assertTrue(sigma.lossIncrease() <= tolerance, "the radius keeps the increase within the tolerance");
            assertEquals(tolerance, sigma.lossIncrease(), 1e-4);
            assertArrayEquals(minimum, f.parameters(), 0, "weights restored");
        }
    }

    @Test
    void rescalingReluLayersKeepsTheFunctionAndTransformsTheHessianAsDinhEtAlSay() {
        Block net = LossHessianTest.mlp(Activation::relu, 21);
        Dataset data = LossHessianTest.data(22);
        double alpha = 5;
        List<String> names = new java.util.ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            names.add(p.getKey());
        }
        try (LossHessian h = LossHessianTest.open(net, LossHessianTest.CROSS_ENTROPY, data, List.of(), 0, 1000);
                LossHessian next = LossHessianTest.open(net, LossHessianTest.CROSS_ENTROPY, data, List.of(names.get(2)), 0,
                        1000)) {
            double[] w = h.parameters();
            double[] outputs = h.outputs();
            DMatrixRMaj before = LossHessianTest.hvpHessian(h);
            double nextTop = Lanczos.top(next, 1, 12, 1e-12, Vectors.gaussian(12, new SplittableRandom(1)),
                    ProgressMonitor.NONE).values()[0];
            double fullTop = Lanczos.top(h, 1, 39, 1e-12, Vectors.gaussian(39, new SplittableRandom(2)),
                    ProgressMonitor.NONE).values()[0];

            double[] scaled = ReparameterizationAuditProvider.scaled(h, w, 0, alpha);
            // The autograd differentiates copies: rescale the network itself, then open new operators on it.
            LossHessianTest.setWeights(net, scaled);
            try (LossHessian rescaled = LossHessianTest.open(net, LossHessianTest.CROSS_ENTROPY, data, List.of(), 0, 1000);
                    LossHessian nextRescaled = LossHessianTest.open(net, LossHessianTest.CROSS_ENTROPY, data,
                            List.of(names.get(2)), 0, 1000)) {
                assertArrayEquals(outputs, rescaled.outputs(), 1e-12 * maxAbs(outputs), "relu(a z) = a relu(z)");
                DMatrixRMaj after = LossHessianTest.hvpHessian(rescaled);
                // theta' = D theta with D = alpha on layer 0 (weight 0..19, bias 20..23), 1/alpha on weight 24..35.
                double[] d = new double[39];
                for (int i = 0; i < 39; i++) {
                    d[i] = i < 24 ? alpha : i < 36 ? 1 / alpha : 1;
                }
                double scale = LossHessianTest.maxAbs(after);
                for (int i = 0; i < 39; i++) {
                    for (int j = 0; j < 39; j++) {
                        assertEquals(before.get(i, j) / (d[i] * d[j]), after.get(i, j), 1e-9 * scale,
                                "H'[" + i + "," + j + "]");
                    }
                }
                double nextTopAfter = Lanczos.top(nextRescaled, 1, 12, 1e-12, Vectors.gaussian(12, new SplittableRandom(1)),
                        ProgressMonitor.NONE).values()[0];
                assertEquals(alpha * alpha * nextTop, nextTopAfter, 1e-8 * nextTopAfter);
                double fullTopAfter = Lanczos.top(rescaled, 1, 39, 1e-12, Vectors.gaussian(39, new SplittableRandom(2)),
                        ProgressMonitor.NONE).values()[0];
                // Rayleigh quotient on the next layer's block: lambda_max(H') >= alpha^2 lambda_max(H_next).
                assertTrue(fullTopAfter >= alpha * alpha * nextTop * (1 - 1e-9), fullTopAfter + " vs " + nextTop);
                assertTrue(fullTopAfter > 2 * fullTop, "the top eigenvalue grew: " + fullTop + " -> " + fullTopAfter);
            } finally {
                LossHessianTest.setWeights(net, w);
            }
        }
    }

    /**
     * The perturbation measures on a float32 network, as a run holds it: its own manager, the
     * analysis working under a sub-manager of it. Afterwards the weights are bit for bit what they
     * were (a float widened to double and narrowed back is the same float) and the model's manager
     * holds exactly the arrays it held before (reading the weights once attached a p-sized copy to
     * it per call).
     */
    @Test
    void perturbationMeasuresRestoreFloat32WeightsBitForBitAndLeaveNoArrayOnTheModelsManager() {
        try (NDManager modelManager = manager.newSubManager()) {
            SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(6).build())
                    .add(Activation::relu).add(Linear.builder().setUnits(3).build());
            net.setInitializer(new NormalInitializer(0.7f), Parameter.Type.WEIGHT);
            engine.setRandomSeed(5);
            net.initialize(modelManager, DataType.FLOAT32, new Shape(1, 5));
            Dataset data = LossHessianTest.data(60, 5, 3, 8);
            List<float[]> before = weights(net);
            int arrays = modelManager.getManagedArrays().size();
            for (int chunkSize : new int[] {1000, 25}) {
                try (NDManager analysis = modelManager.newSubManager();
                        LossHessian f = LossHessianTest.open(net, LossHessianTest.CROSS_ENTROPY, data, List.of(), 0,
                                chunkSize, analysis)) {
                    double[] w = f.parameters();
                    double[] sharpness = Sharpness.epsSharpness(f, 1e-2, 5, 0.5, ProgressMonitor.NONE);
                    // The maximum over the box is at least the loss at any of its corners.
                    double[] corner = w.clone();
                    for (int i = 0; i < corner.length; i++) {
                        corner[i] += 1e-2 * (Math.abs(w[i]) + 1);
                    }
                    f.setParameters(corner);
                    double atCorner = 100 * (f.loss() - sharpness[2]) / (1 + sharpness[2]);
                    f.setParameters(w);
                    assertTrue(sharpness[0] >= atCorner - 1e-6, sharpness[0] + " < " + atCorner);
                    Sharpness.Sigma sigma = Sharpness.pacBayesSigma(f, 0.05, 3, 8, 1.0, 3, ProgressMonitor.NONE);
                    assertTrue(!sigma.capped() && sigma.lossIncrease() <= 0.05, sigma::toString);
                    f.setParameters(ReparameterizationAuditProvider.scaled(f, w, 0, 7));
                    Lanczos.top(f, 1, 10, 1e-6, Vectors.gaussian(f.dimension(), new SplittableRandom(1)),
                            ProgressMonitor.NONE);
                    f.setParameters(w);
                }
                List<float[]> after = weights(net);
                for (int i = 0; i < before.size(); i++) {
                    int parameter = i;
                    // Arrays.equals compares floatToIntBits: bit for bit, -0 and NaN payloads included.
                    assertTrue(java.util.Arrays.equals(before.get(i), after.get(i)),
                            () -> "parameter " + parameter + " restored bit for bit");
                }
                assertEquals(arrays, modelManager.getManagedArrays().size(), "arrays on the model's manager");
            }
        }
    }

    private static List<float[]> weights(Block net) {
        List<float[]> values = new java.util.ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
