package carnot.analysis.curvature.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import carnot.api.autograd.Examples;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.losses.LossFunction;
import carnot.autograd.internal.TorchAutogradFactory;
import carnot.curvature.EigenRequest;
import carnot.curvature.Eigenpairs;
import carnot.curvature.HessianEigenvectors;
import carnot.curvature.linalg.Lanczos;
import carnot.curvature.linalg.SymmetricOperator;
import carnot.curvature.linalg.Vectors;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Exact Hessian-vector products on float64 MLPs small enough to form the Hessian densely, checked
 * against an independent reference: central differences of gradients computed by DJL's ordinary
 * backward ({@code GradientCollector}, not the TorchScript route under test), column by column.
 */
class LossHessianTest {

    static final int INPUTS = 5;
    static final int CLASSES = 3;
    static final int EXAMPLES = 30;
    static final double STEP = 1e-5;

    /** Softmax cross-entropy, written out: {@code -log softmax(f)_y}. */
    static final LossFunction CROSS_ENTROPY = (outputs, labels) -> outputs.logSoftmax(1)
            .mul(labels.oneHot((int) outputs.getShape().get(1)).toType(outputs.getDataType(), false))
            .sum(new int[] {1}).neg();

    static Engine engine;
    static NDManager manager;

    /** The Hessian of a network's loss through the API's autograd (what analyses get from their context). */
    static LossHessian open(Block net, LossFunction loss, Dataset data, List<String> names, int maxExamples,
            int chunkSize) {
        return open(net, loss, data, names, maxExamples, chunkSize, manager);
    }

    static LossHessian open(Block net, LossFunction loss, Dataset data, List<String> names, int maxExamples,
            int chunkSize, NDManager parent) {
        return new LossHessian(new TorchAutogradFactory().open(net, loss, names, chunkSize, parent),
                Examples.first(data, maxExamples), true);
    }

    /** Writes a flattened vector into the network's own parameters, in their order. */
    static void setWeights(Block net, double[] values) {
        int offset = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray a = p.getValue().getArray();
            int size = (int) a.size();
            double[] part = java.util.Arrays.copyOfRange(values, offset, offset + size);
            if (a.getDataType() == DataType.FLOAT64) {
                a.set(java.nio.DoubleBuffer.wrap(part));
            } else {
                float[] narrow = new float[size];
                for (int j = 0; j < size; j++) {
                    narrow[j] = (float) part[j];
                }
                a.set(java.nio.FloatBuffer.wrap(narrow));
            }
            offset += size;
        }
    }

    @BeforeAll
    static void engine() throws InterruptedException {
        var context = FrameworkUtil.getBundle(LossHessianTest.class).getBundleContext();
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

    static Dataset data(long seed) {
        return data(EXAMPLES, INPUTS, CLASSES, seed);
    }

    /** n standard normal inputs with uniformly random labels. */
    static Dataset data(int n, int inputs, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = Vectors.gaussian(n * inputs, random);
        float[] features = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            features[i] = (float) x[i];
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
        }
        return Dataset.of("gaussian", new int[] {inputs}, classes, features, labels);
    }

    /** INPUTS-4-CLASSES in float64 with the given activation; p = 5*4 + 4 + 4*3 + 3 = 39. */
    static Block mlp(Function<NDList, NDList> activation, long seed) {
        return mlp(activation, seed, DataType.FLOAT64);
    }

    static Block mlp(Function<NDList, NDList> activation, long seed, DataType type) {
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(activation)
                .add(Linear.builder().setUnits(CLASSES).build());
        net.setInitializer(new NormalInitializer(0.7f), Parameter.Type.WEIGHT);
        net.setInitializer(new NormalInitializer(0.3f), Parameter.Type.BIAS);
        engine.setRandomSeed((int) seed);
        net.initialize(manager, type, new Shape(1, INPUTS));
        return net;
    }

    /** The mean-loss gradient by DJL's ordinary backward, flattened in parameter order. */
    static double[] gradient(Block net, Dataset data) {
        List<NDArray> params = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            params.add(p.getValue().getArray());
        }
        try (NDManager step = manager.newSubManager(); GradientCollector collector = engine.newGradientCollector()) {
            collector.zeroGradients();
            NDArray x = step.create(data.features(), new Shape(data.size(), INPUTS)).toType(DataType.FLOAT64, false);
            long[] y = Arrays.stream(data.labels()).asLongStream().toArray();
            NDArray out = net.forward(new ParameterStore(step, false), new NDList(x), false).singletonOrThrow();
            collector.backward(CROSS_ENTROPY.perExample(out, step.create(y)).mean());
            double[] g = new double[params.stream().mapToInt(a -> (int) a.size()).sum()];
            int offset = 0;
            for (NDArray p : params) {
                double[] part = p.getGradient().toDoubleArray();
                System.arraycopy(part, 0, g, offset, part.length);
                offset += part.length;
            }
            return g;
        }
    }

    static void set(Block net, double[] w) {
        boolean mode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        int offset = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray a = p.getValue().getArray();
            a.set(DoubleBuffer.wrap(Arrays.copyOfRange(w, offset, offset + (int) a.size())));
            offset += (int) a.size();
        }
        JniUtils.setGradMode(mode);
    }

    /** Central differences of gradients, {@code H e_j ~ (g(w + h e_j) - g(w - h e_j)) / 2h}, symmetrized. */
    static DMatrixRMaj finiteDifferenceHessian(Block net, Dataset data, double[] w) {
        int p = w.length;
        DMatrixRMaj h = new DMatrixRMaj(p, p);
        for (int j = 0; j < p; j++) {
            double[] plus = w.clone();
            plus[j] += STEP;
            double[] minus = w.clone();
            minus[j] -= STEP;
            set(net, plus);
            double[] gPlus = gradient(net, data);
            set(net, minus);
            double[] gMinus = gradient(net, data);
            for (int i = 0; i < p; i++) {
                h.set(i, j, (gPlus[i] - gMinus[i]) / (2 * STEP));
            }
        }
        set(net, w);
        DMatrixRMaj sym = new DMatrixRMaj(p, p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                sym.set(i, j, 0.5 * (h.get(i, j) + h.get(j, i)));
            }
        }
        return sym;
    }

    static DMatrixRMaj hvpHessian(SymmetricOperator op) {
        int p = op.dimension();
        DMatrixRMaj h = new DMatrixRMaj(p, p);
        double[] e = new double[p];
        double[] column = new double[p];
        for (int j = 0; j < p; j++) {
            e[j] = 1;
            op.apply(e, column);
            e[j] = 0;
            for (int i = 0; i < p; i++) {
                h.set(i, j, column[i]);
            }
        }
        return h;
    }

    static double[] eigenvaluesDescending(DMatrixRMaj h) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(h.numRows, false, true);
        assertTrue(eig.decompose(h.copy()));
        double[] values = new double[h.numRows];
        for (int i = 0; i < values.length; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(values);
        for (int i = 0; i < values.length / 2; i++) {
            double t = values[i];
            values[i] = values[values.length - 1 - i];
            values[values.length - 1 - i] = t;
        }
        return values;
    }

    static double maxAbs(DMatrixRMaj m) {
        double max = 0;
        for (double v : m.data) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Test
    void hessianFromProductsEqualsCentralDifferencesOfGradients() {
        for (String name : List.of("tanh", "relu")) {
            Block net = mlp(name.equals("tanh") ? Activation::tanh : Activation::relu, 17);
            Dataset data = data(3);
            try (LossHessian hessian = open(net, CROSS_ENTROPY, data, List.of(), 0, 1000)) {
                assertEquals(39, hessian.dimension());
                double[] w = hessian.parameters();
                // The reference first: changing the weights in place outdates a cached gradient graph.
                DMatrixRMaj reference = finiteDifferenceHessian(net, data, w);
                DMatrixRMaj exact = hvpHessian(hessian);
                double scale = maxAbs(reference);
                for (int i = 0; i < 39; i++) {
                    for (int j = 0; j < 39; j++) {
                        assertEquals(reference.get(i, j), exact.get(i, j), 1e-7 * scale, name + " H[" + i + "," + j + "]");
                        assertEquals(exact.get(j, i), exact.get(i, j), 1e-12 * scale, name + " symmetry");
                    }
                }
                assertArrayEquals(w, hessian.parameters(), 0, "parameters unchanged");

                // The dense spectrum (EJML) against Lanczos, power iteration and Hutch++ on the products.
                double[] lambda = eigenvaluesDescending(reference);
                Lanczos.TopEigenpairs top = Lanczos.top(hessian, 3, 39, 1e-10,
                        Vectors.gaussian(39, new SplittableRandom(1)), ProgressMonitor.NONE);
                for (int i = 0; i < 3; i++) {
                    assertEquals(lambda[i], top.values()[i], 1e-6 * Math.abs(lambda[0]), name + " eigenvalue " + i);
                }
                double trace = Arrays.stream(lambda).sum();
                TraceEstimators.Estimate plus = TraceEstimators.hutchPlusPlus(hessian, 3 * 39,
                        new SplittableRandom(2), ProgressMonitor.NONE);
                assertEquals(trace, plus.value(), 1e-6 * Arrays.stream(lambda).map(Math::abs).sum(), name + " trace");
                // Full-length quadrature: the second moment is tr(H^2)/p for every probe set in expectation;
                // with all 39 steps each probe's quadrature is exact, so compare with the probes' own values.
                SpectralDensity.Quadrature slq = SpectralDensity.quadrature(hessian, 1, 39, new SplittableRandom(4),
                        ProgressMonitor.NONE);
                double[] z = Vectors.rademacher(39, new SplittableRandom(4));
                double[] hz = new double[39];
                double[] h2z = new double[39];
                hessian.apply(z, hz);
                hessian.apply(hz, h2z);
                assertEquals(Vectors.dot(z, hz) / 39, slq.moment(1), 1e-8 * lambda[0]);
                assertEquals(Vectors.dot(z, h2z) / 39, slq.moment(2), 1e-8 * lambda[0] * lambda[0]);
            }
        }
    }

    @Test
    void productsAlongRandomDirectionsMatchCentralDifferencesAndChunksAverage() {
        Block net = mlp(Activation::tanh, 5);
        Dataset data = data(8);
        try (LossHessian whole = open(net, CROSS_ENTROPY, data, List.of(), 0, 1000);
                LossHessian chunked = open(net, CROSS_ENTROPY, data, List.of(), 0, 7)) {
            double[] w = whole.parameters();
            for (int trial = 0; trial < 3; trial++) {
                double[] v = Vectors.gaussian(39, new SplittableRandom(100 + trial));
                double[] hv = new double[39];
                whole.apply(v, hv);
                double[] plus = w.clone();
                Vectors.axpy(STEP, v, plus);
                double[] minus = w.clone();
                Vectors.axpy(-STEP, v, minus);
                set(net, plus);
                double[] gPlus = gradient(net, data);
                set(net, minus);
                double[] gMinus = gradient(net, data);
                set(net, w);
                whole.invalidate();
                double[] difference = new double[39];
                for (int i = 0; i < 39; i++) {
                    difference[i] = (gPlus[i] - gMinus[i]) / (2 * STEP);
                }
                double[] error = hv.clone();
                Vectors.axpy(-1, difference, error);
                assertTrue(Vectors.norm(error) < 1e-7 * Vectors.norm(hv), "relative error " + Vectors.norm(error)
                        / Vectors.norm(hv));
                double[] chunkedHv = new double[39];
                chunked.apply(v, chunkedHv);
                assertArrayEquals(hv, chunkedHv, 1e-12 * Vectors.norm(hv), "chunks of 7 weighted by size");
            }
            // The gradient through autograd.grad equals DJL's backward.
            double[] g = new double[39];
            double loss = whole.lossAndGradient(g);
            assertArrayEquals(gradient(net, data), g, 1e-12);
            assertEquals(loss, whole.loss(), 1e-14);
        }
    }

    @Test
    void float32ProductsReuseTheirGraphSafelyAndMatchFloat64() {
        // A float32 input wraps a Java buffer; the cached graph must not depend on it (it is collected).
        Block net32 = mlp(Activation::tanh, 13, DataType.FLOAT32);
        Block net64 = mlp(Activation::tanh, 13);
        double[] weights = new double[39];
        int offset = 0;
        for (Pair<String, Parameter> p : net32.getParameters()) {
            for (float f : p.getValue().getArray().toFloatArray()) {
                weights[offset++] = f;
            }
        }
        set(net64, weights);
        Dataset data = data(14);
        try (LossHessian exact = open(net64, CROSS_ENTROPY, data, List.of(), 0, 1000);
                LossHessian single = open(net32, CROSS_ENTROPY, data, List.of(), 0, 1000)) {
            double[] hv64 = new double[39];
            double[] hv32 = new double[39];
            for (int trial = 0; trial < 20; trial++) {
                double[] v = Vectors.gaussian(39, new SplittableRandom(trial));
                exact.apply(v, hv64);
                single.apply(v, hv32);
                double[] error = hv32.clone();
                Vectors.axpy(-1, hv64, error);
                assertTrue(Vectors.norm(error) < 1e-5 * Vectors.norm(hv64), "float32 relative error "
                        + Vectors.norm(error) / Vectors.norm(hv64));
                // Churn: collect garbage and reuse direct memory between products.
                System.gc();
                java.nio.ByteBuffer.allocateDirect(1 << 20).put(new byte[1 << 20]);
            }
        }
    }

    @Test
    void aChosenLayerGivesTheMatchingDiagonalBlock() {
        Block net = mlp(Activation::tanh, 9);
        Dataset data = data(10);
        List<String> names = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            names.add(p.getKey());
        }
        try (LossHessian all = open(net, CROSS_ENTROPY, data, List.of(), 0, 1000);
                LossHessian last = open(net, CROSS_ENTROPY, data, List.of(names.get(2)), 0, 1000)) {
            assertEquals(12, last.dimension());
            DMatrixRMaj full = hvpHessian(all);
            DMatrixRMaj block = hvpHessian(last);
            for (int i = 0; i < 12; i++) {
                for (int j = 0; j < 12; j++) {
                    assertEquals(full.get(24 + i, 24 + j), block.get(i, j), 1e-12 * maxAbs(full));
                }
            }
        }
    }

    @Test
    void theServiceReturnsUnitEigenvectorsByParameterName() {
        Block net = mlp(Activation::tanh, 11);
        Dataset data = data(12);
        var context = FrameworkUtil.getBundle(LossHessianTest.class).getBundleContext();
        ServiceTracker<HessianEigenvectors, HessianEigenvectors> tracker = new ServiceTracker<>(context,
                HessianEigenvectors.class, null);
        tracker.open();
        try {
            HessianEigenvectors service = tracker.waitForService(30_000);
            Eigenpairs pairs = service.top(net, CROSS_ENTROPY, data, new EigenRequest(2, 39, 1e-9, 0, 1000, 3,
                    List.of()), ProgressMonitor.NONE);
            DMatrixRMaj reference = finiteDifferenceHessian(net, data, flat(net));
            double[] lambda = eigenvaluesDescending(reference);
            assertEquals(lambda[0], pairs.eigenvalues()[0], 1e-6 * lambda[0]);
            assertEquals(lambda[1], pairs.eigenvalues()[1], 1e-6 * lambda[0]);
            Map<String, float[]> u = pairs.eigenvectors().get(0);
            List<String> names = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                names.add(p.getKey());
                assertEquals(p.getValue().getArray().size(), u.get(p.getKey()).length);
            }
            assertEquals(names, new ArrayList<>(u.keySet()));
            double[] flat = new double[39];
            int offset = 0;
            for (float[] part : u.values()) {
                for (float f : part) {
                    flat[offset++] = f;
                }
            }
            assertEquals(1, Vectors.norm(flat), 1e-6);
            double[] hu = new double[39];
            org.ejml.dense.row.CommonOps_DDRM.mult(reference, DMatrixRMaj.wrap(39, 1, flat), DMatrixRMaj.wrap(39, 1, hu));
            Vectors.axpy(-lambda[0], flat, hu);
            assertTrue(Vectors.norm(hu) < 1e-5 * lambda[0], "residual " + Vectors.norm(hu));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    static double[] flat(Block net) {
        List<Double> values = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            for (double d : p.getValue().getArray().toDoubleArray()) {
                values.add(d);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
