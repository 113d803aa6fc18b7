package carnot.autograd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import carnot.api.autograd.Autograd;
import carnot.api.autograd.Examples;
import carnot.api.autograd.HessianOperator;
import carnot.api.autograd.LossAndGradient;
import carnot.api.autograd.OutputGradients;
import carnot.api.datasets.Dataset;
import carnot.api.losses.LossFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The API's autograd against independent references: softmax regression's per-example gradients
 * and output gradients in closed form, Jacobian-vector and Hessian-vector products against central
 * differences in float64, the transpose identity {@code <u, J v> = <J^T u, v>}; and the promise that
 * no method writes the model's weights, gradient buffers or requires-grad flags.
 */
class AutogradTest {

    static final int D = 5;
    static final int K = 3;
    static final int N = 17;

    /** Softmax cross-entropy written out: {@code -log softmax(f)_y}. */
    static final LossFunction CROSS_ENTROPY = (outputs, labels) -> outputs.logSoftmax(1)
            .mul(labels.oneHot((int) outputs.getShape().get(1)).toType(outputs.getDataType(), false))
            .sum(new int[] {1}).neg();

    static Engine engine;
    static NDManager manager;

    @BeforeAll
    static void engine() throws InterruptedException {
        var context = FrameworkUtil.getBundle(AutogradTest.class).getBundleContext();
        // The engine bundle's DjlRuntime boots libtorch inside OSGi; the runner starts it only when a run is
        // first prepared, so the test asks for it by name (its package is the engine's internal one).
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, "carnot.engine.internal.DjlRuntime",
                null);
        tracker.open();
        assertTrue(tracker.waitForService(60_000) != null, "the DJL runtime did not start");
        tracker.close();
        engine = Engine.getEngine("PyTorch");
        manager = engine.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static Dataset data(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] features = new float[n * D];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) (random.nextDouble() * 2 - 1);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(K);
        }
        return Dataset.of("uniform", new int[] {D}, K, features, labels);
    }

    static Block softmaxRegression(long seed) {
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(K).build());
        return initialize(net, seed, DataType.FLOAT64);
    }

    static Block mlp(long seed, DataType type) {
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(4).build()).add(Activation::tanh)
                .add(Linear.builder().setUnits(K).build());
        return initialize(net, seed, type);
    }

    static Block initialize(SequentialBlock net, long seed, DataType type) {
        net.setInitializer(new NormalInitializer(0.7f), Parameter.Type.WEIGHT);
        net.setInitializer(new NormalInitializer(0.3f), Parameter.Type.BIAS);
        engine.setRandomSeed((int) seed);
        net.initialize(manager, type, new Shape(1, D));
        return net;
    }

    static Autograd open(Block net, List<String> names, int chunk) {
        return new TorchAutogradFactory().open(net, CROSS_ENTROPY, names, chunk, manager);
    }

    /** Softmax regression f = W x + b: d loss_i / d f_i = p_i - e_{y_i}, d/dW = (p_i - e_y) x_i^T, d/db = p_i - e_y. */
    @Test
    void perExampleAndOutputGradientsOfSoftmaxRegressionAreTheClosedForm() {
        Block net = softmaxRegression(3);
        Dataset data = data(N, 4);
        double[] w = net.getParameters().get(0).getValue().getArray().toDoubleArray(); // (K, D) row-major
        double[] b = net.getParameters().get(1).getValue().getArray().toDoubleArray();
        double[][] residual = new double[N][K];
        double[] losses = new double[N];
        for (int i = 0; i < N; i++) {
            double[] f = new double[K];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < K; k++) {
                f[k] = b[k];
                for (int j = 0; j < D; j++) {
                    f[k] += w[k * D + j] * data.features()[i * D + j];
                }
                max = Math.max(max, f[k]);
            }
            double z = 0;
            for (int k = 0; k < K; k++) {
                z += Math.exp(f[k] - max);
            }
            for (int k = 0; k < K; k++) {
                residual[i][k] = Math.exp(f[k] - max) / z - (k == data.labels()[i] ? 1 : 0);
            }
            losses[i] = -(f[data.labels()[i]] - max - Math.log(z));
        }
        // Chunks of 5 so that the per-example pass crosses chunk boundaries.
        try (Autograd autograd = open(net, List.of(), 5)) {
            assertEquals(K * D + K, autograd.dimension());
            int[] seen = new int[1];
            autograd.perExampleGradients(Examples.all(data), (i, loss, g) -> {
                assertEquals(seen[0]++, i);
                assertEquals(losses[i], loss, 1e-12);
                for (int k = 0; k < K; k++) {
                    for (int j = 0; j < D; j++) {
                        assertEquals(residual[i][k] * data.features()[i * D + j], g[k * D + j], 1e-12,
                                "dW[" + k + "," + j + "] of example " + i);
                    }
                    assertEquals(residual[i][k], g[K * D + k], 1e-12, "db[" + k + "] of example " + i);
                }
            });
            assertEquals(N, seen[0]);

            OutputGradients outputs = autograd.outputGradients(new Examples(data, 2, 11));
            assertEquals(11, outputs.count());
            assertEquals(K, outputs.outputs());
            for (int i = 0; i < 11; i++) {
                assertEquals(losses[i + 2], outputs.losses()[i], 1e-12);
                for (int k = 0; k < K; k++) {
                    assertEquals(residual[i + 2][k], outputs.lossGradient(i, k), 1e-12);
                }
            }
        }
    }

    /** The mean gradient is the mean of the per-example gradients; the loss their mean loss. */
    @Test
    void meanGradientIsTheMeanOfPerExampleGradients() {
        Block net = mlp(5, DataType.FLOAT64);
        Dataset data = data(N, 6);
        try (Autograd autograd = open(net, List.of(), 4)) {
            double[] mean = new double[autograd.dimension()];
            double[] loss = new double[1];
            autograd.perExampleGradients(Examples.all(data), (i, l, g) -> {
                loss[0] += l / N;
                for (int j = 0; j < g.length; j++) {
                    mean[j] += g[j] / N;
                }
            });
            LossAndGradient whole = autograd.gradient(Examples.all(data));
            assertArrayEquals(mean, whole.gradient(), 1e-12);
            assertEquals(loss[0], whole.loss(), 1e-12);
            assertEquals(loss[0], autograd.loss(Examples.all(data)), 1e-12);
        }
    }

    /** J v against central differences of the outputs, and {@code <u, J v> = <J^T u, v>}. */
    @Test
    void jacobianProductsAgreeWithDifferencesAndWithEachOther() {
        Block net = mlp(7, DataType.FLOAT64);
        Dataset data = data(N, 8);
        try (Autograd autograd = open(net, List.of(), 6)) {
            int p = autograd.dimension();
            SplittableRandom random = new SplittableRandom(9);
            double[] v = random.doubles(p, -1, 1).toArray();
            double[] u = random.doubles(N * K, -1, 1).toArray();
            double[] jv = autograd.jacobianVectorProduct(Examples.all(data), v);
            double[] theta = autograd.parameters();
            double h = 1e-5;
            autograd.moveTo(axpy(h, v, theta));
            double[] plus = autograd.outputs(Examples.all(data));
            autograd.moveTo(axpy(-h, v, theta));
            double[] minus = autograd.outputs(Examples.all(data));
            autograd.moveTo(theta);
            for (int i = 0; i < jv.length; i++) {
                assertEquals((plus[i] - minus[i]) / (2 * h), jv[i], 1e-7 * (1 + Math.abs(jv[i])), "(J v)[" + i + "]");
            }
            double[] jtu = autograd.vectorJacobianProduct(Examples.all(data), u);
            assertEquals(dot(u, jv), dot(jtu, v), 1e-10 * (1 + Math.abs(dot(u, jv))));
        }
    }

    /** H v against central differences of the gradient; the operator agrees with the one-off product. */
    @Test
    void hessianVectorProductsAgreeWithDifferencesOfGradients() {
        Block net = mlp(11, DataType.FLOAT64);
        Dataset data = data(N, 12);
        try (Autograd autograd = open(net, List.of(), 1000)) {
            int p = autograd.dimension();
            double[] v = new SplittableRandom(13).doubles(p, -1, 1).toArray();
            double[] hv = autograd.hessianVectorProduct(Examples.all(data), v);
            double[] theta = autograd.parameters();
            double h = 1e-5;
            autograd.moveTo(axpy(h, v, theta));
            double[] plus = autograd.gradient(Examples.all(data)).gradient();
            autograd.moveTo(axpy(-h, v, theta));
            double[] minus = autograd.gradient(Examples.all(data)).gradient();
            autograd.moveTo(theta);
            for (int i = 0; i < p; i++) {
                assertEquals((plus[i] - minus[i]) / (2 * h), hv[i], 1e-7 * (1 + Math.abs(hv[i])), "(H v)[" + i + "]");
            }
            try (HessianOperator operator = autograd.hessian(Examples.all(data))) {
                double[] out = new double[p];
                operator.apply(v, out);
                operator.apply(v, out);
                assertArrayEquals(hv, out, 1e-12);
                assertEquals(2, operator.products());
            }
        }
    }

    /** A subset: the gradient's entries are those of the full gradient at the subset's offsets. */
    @Test
    void aParameterSubsetGivesTheMatchingPartOfTheGradient() {
        Block net = mlp(15, DataType.FLOAT64);
        Dataset data = data(N, 16);
        List<String> names = net.getParameters().keys();
        try (Autograd all = open(net, List.of(), 1000); Autograd last = open(net, List.of(names.get(2)), 1000)) {
            assertEquals(List.of(names.get(2)), last.parameterNames());
            assertEquals(12, last.dimension());
            double[] full = all.gradient(Examples.all(data)).gradient();
            double[] part = last.gradient(Examples.all(data)).gradient();
            int offset = all.offset(names.get(2));
            for (int i = 0; i < 12; i++) {
                assertEquals(full[offset + i], part[i], 1e-14);
            }
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> open(net, List.of("nope"), 10));
        assertTrue(unknown.getMessage().contains("unknown parameter 'nope'"), unknown.getMessage());
    }

    /**
     * Every method on a float32 network as a run holds it, with its gradient buffers holding a real
     * minibatch gradient: afterwards weights, gradient buffers and requires-grad flags are bit for bit
     * what they were, and the model's manager holds the same arrays.
     */
    @Test
    void noMethodTouchesTheModelsWeightsOrGradientBuffers() {
        try (NDManager model = engine.newBaseManager()) {
            // A bias-free first layer: its forward pass asks the store for an absent bias.
            SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(6).optBias(false).build())
                    .add(Activation::relu).add(Linear.builder().setUnits(K).build());
            net.setInitializer(new NormalInitializer(0.7f), Parameter.Type.WEIGHT);
            engine.setRandomSeed(17);
            net.initialize(model, DataType.FLOAT32, new Shape(1, D));
            Dataset data = data(N, 18);
            try (GradientCollector collector = engine.newGradientCollector(); NDManager step = model.newSubManager()) {
                NDArray x = step.create(data.features(), new Shape(N, D));
                NDArray y = step.create(java.util.Arrays.stream(data.labels()).asLongStream().toArray());
                NDArray out = net.forward(new ParameterStore(step, false), new NDList(x), true).singletonOrThrow();
                collector.backward(CROSS_ENTROPY.perExample(out, y).mean());
            }
            Map<String, float[]> weights = snapshot(net, false);
            Map<String, float[]> gradients = snapshot(net, true);
            assertTrue(gradients.values().stream().anyMatch(g -> java.util.Arrays.stream(toDouble(g))
                    .anyMatch(v -> v != 0)), "the gradient buffers hold a real gradient");
            List<Boolean> flags = new ArrayList<>();
            net.getParameters().values().forEach(p -> flags.add(p.getArray().hasGradient()));
            int arrays = model.getManagedArrays().size();

            try (Autograd autograd = new TorchAutogradFactory().open(net, CROSS_ENTROPY, List.of(), 5, model)) {
                Examples all = Examples.all(data);
                int p = autograd.dimension();
                double[] v = new SplittableRandom(19).doubles(p, -1, 1).toArray();
                autograd.loss(all);
                autograd.outputs(all);
                autograd.gradient(all);
                autograd.perExampleGradients(all, (i, l, g) -> { });
                autograd.outputGradients(all);
                autograd.hessianVectorProduct(all, v);
                autograd.jacobianVectorProduct(all, v);
                autograd.vectorJacobianProduct(all, new double[N * K]);
                try (HessianOperator operator = autograd.hessian(Examples.first(data, 4))) {
                    operator.apply(v, new double[p]);
                }
                autograd.moveTo(axpy(0.5, v, autograd.parameters()));
                autograd.gradient(all);
                autograd.reset();
                autograd.split(v);
            }
            assertBitwiseEqual(weights, snapshot(net, false), "weight");
            assertBitwiseEqual(gradients, snapshot(net, true), "gradient");
            List<Boolean> after = new ArrayList<>();
            net.getParameters().values().forEach(p -> after.add(p.getArray().hasGradient()));
            assertEquals(flags, after, "requires-grad flags");
            assertEquals(arrays, model.getManagedArrays().size(), "arrays on the model's manager");
        }
    }

    private static Map<String, float[]> snapshot(Block net, boolean gradients) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray a = p.getValue().getArray();
            if (gradients) {
                try (NDArray g = a.getGradient()) {
                    values.put(p.getKey(), g.toFloatArray());
                }
            } else {
                values.put(p.getKey(), a.toFloatArray());
            }
        }
        return values;
    }

    private static void assertBitwiseEqual(Map<String, float[]> expected, Map<String, float[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            float[] e = expected.get(name);
            float[] a = actual.get(name);
            assertEquals(e.length, a.length);
            for (int i = 0; i < e.length; i++) {
                assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]),
                        what + " " + name + "[" + i + "] changed: " + e[i] + " -> " + a[i]);
            }
        }
    }

    private static double[] toDouble(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    private static double[] axpy(double a, double[] x, double[] y) {
        double[] z = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            z[i] = a * x[i] + y[i];
        }
        return z;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
