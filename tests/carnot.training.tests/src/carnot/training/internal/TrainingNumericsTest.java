package carnot.training.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.losses.LossFunction;
import carnot.api.losses.LossProvider;
import carnot.api.optim.LearningRateSchedule;
import carnot.api.optim.OptimizerContext;
import carnot.api.optim.OptimizerProvider;
import carnot.api.optim.ResumableOptimizer;
import carnot.api.regularizers.RegularizerProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * This bundle's losses, optimizers, schedules and augmentation against hand computations: each loss
 * against its definition, Nesterov against the recursion of Sutskever et al. (2013), Adam against
 * Algorithm 1 of Kingma & Ba (2015), the schedules against their closed forms.
 */
class TrainingNumericsTest {

    private static final float[] LOGITS = {2f, -1f, 0.5f, -3f, 4f, 1f};
    private static final int[] LABELS = {0, 2};

    /** The providers are this bundle's own classes: built directly, their settings checked by their schema. */
    private static final Map<String, LossProvider> LOSSES = Map.of("logistic", new LogisticLossProvider(),
            "exponential", new ExponentialLossProvider(), "hinge", new HingeLossProvider(),
            "square", new SquareLossProvider(), "cross-entropy", new CrossEntropyProvider());

    private static Engine engine;

    /**
     * The engine bundle's DjlRuntime boots libtorch inside OSGi on its first request: asked for by name,
     * since this bundle does not import the engine's internal package.
     */
    @BeforeAll
    static void startEngine() throws InterruptedException {
        var context = FrameworkUtil.getBundle(TrainingNumericsTest.class).getBundleContext();
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, "carnot.engine.internal.DjlRuntime",
                null);
        tracker.open();
        assertNotNull(tracker.waitForService(60_000), "the DJL runtime did not start");
        tracker.close();
        engine = Engine.getEngine("PyTorch");
    }

    private static Engine engine() {
        return engine;
    }

    private static Settings settings(Provider provider, Map<String, Object> raw) {
        return provider.settingsSchema().validate(raw, "test");
    }

    private static float[] loss(String id, Map<String, Object> raw) {
        LossProvider provider = LOSSES.get(id);
        LossFunction loss = provider.create(settings(provider, raw));
        try (NDManager manager = engine().newBaseManager()) {
            NDArray out = manager.create(LOGITS, new Shape(2, 3));
            return loss.perExample(out, manager.create(new long[] {LABELS[0], LABELS[1]})).toFloatArray();
        }
    }

    private static double f(int i, int k) {
        return LOGITS[i * 3 + k];
    }

    /** sum over j != y of l(f_y - f_j), or over k of l(s_k f_k) for one-vs-all. */
    private static double[] byHand(DoubleUnaryOperator l, boolean pairwise) {
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 3; k++) {
                if (pairwise && k != LABELS[i]) {
                    expected[i] += l.applyAsDouble(f(i, LABELS[i]) - f(i, k));
                } else if (!pairwise) {
                    expected[i] += l.applyAsDouble(k == LABELS[i] ? f(i, k) : -f(i, k));
                }
            }
        }
        return expected;
    }

    private static void assertClose(double[] expected, float[] got, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 1e-5 * Math.max(1, Math.abs(expected[i])), what + " example " + i);
        }
    }

    @Test
    void marginLossesMatchTheirDefinitions() {
        DoubleUnaryOperator logistic = z -> Math.log1p(Math.exp(-z));
        DoubleUnaryOperator exponential = z -> Math.exp(-z);
        assertClose(byHand(logistic, true), loss("logistic", Map.of()), "logistic pairwise");
        assertClose(byHand(logistic, false), loss("logistic", Map.of("form", "one-vs-all")), "logistic one-vs-all");
        assertClose(byHand(exponential, true), loss("exponential", Map.of()), "exponential pairwise");
        assertClose(byHand(exponential, false), loss("exponential", Map.of("form", "one-vs-all")), "exp one-vs-all");
        DoubleUnaryOperator hinge = z -> Math.max(0, 1.5 - z);
        assertClose(byHand(hinge, true), loss("hinge", Map.of("form", "weston-watkins", "margin", 1.5)), "WW hinge");
        // Crammer-Singer by hand: example 0: f_y = 2, worst other 0.5 -> max(0, 1.5 - 1.5) = 0;
        // example 1: f_y = 1, worst other 4 -> 1.5 + 3 = 4.5.
        assertClose(new double[] {0, 4.5}, loss("hinge", Map.of("margin", 1.5)), "Crammer-Singer hinge");
        // Square: ||f - 2 e_y||^2: (0^2 + 1 + 0.25) and (9 + 16 + 1) = 1.25, 26.
        assertClose(new double[] {1.25, 26}, loss("square", Map.of("targetScale", 2.0)), "square sum");
        assertClose(new double[] {1.25 / 3, 26.0 / 3}, loss("square", Map.of("targetScale", 2.0, "reduction", "mean")),
                "square mean");
    }

    @Test
    void binaryFormsAreTheClassicalBinaryLosses() {
        // With K = 2 the pairwise logistic loss is log(1 + exp(-y'(f1 - f0))), y' = +-1.
        LossProvider provider = new LogisticLossProvider();
        try (NDManager manager = engine().newBaseManager()) {
            float[] got = provider.create(settings(provider, Map.of())).perExample(
                    manager.create(new float[] {0.3f, 1.1f, 2f, -0.5f}, new Shape(2, 2)),
                    manager.create(new long[] {1, 0})).toFloatArray();
            assertEquals(Math.log1p(Math.exp(-(1.1 - 0.3))), got[0], 1e-6);
            assertEquals(Math.log1p(Math.exp(-(2 + 0.5))), got[1], 1e-6);
        }
    }

    @Test
    void labelSmoothingMixesTheUniformTarget() {
        float[] got = loss("cross-entropy", Map.of("labelSmoothing", 0.2));
        for (int i = 0; i < 2; i++) {
            double lse = Math.log(Math.exp(f(i, 0)) + Math.exp(f(i, 1)) + Math.exp(f(i, 2)));
            double uniform = 0;
            for (int k = 0; k < 3; k++) {
                uniform += (lse - f(i, k)) / 3;
            }
            assertEquals(0.8 * (lse - f(i, LABELS[i])) + 0.2 * uniform, got[i], 1e-5);
        }
    }

    private static void step(Optimizer optimizer, NDArray w, float[] g, NDManager manager) {
        optimizer.update("w", w, manager.create(g));
    }

    @Test
    void nesterovFollowsTheSutskeverRecursion() {
        OptimizerProvider provider = new NesterovProvider();
        double lr = 0.1;
        double m = 0.9;
        Optimizer nesterov = provider.create(settings(provider, Map.of("learningRate", lr, "momentum", m)),
                new OptimizerContext(10, 10, 1, 1));
        try (NDManager manager = engine().newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, -2f});
            w.setRequiresGradient(true); // a trainable leaf, as in training
            double[] expected = {1, -2};
            double[] v = {0, 0};
            for (float[] g : new float[][] {{0.5f, 1f}, {-0.25f, 2f}, {1f, 1f}}) {
                step(nesterov, w, g, manager);
                for (int i = 0; i < 2; i++) {
                    v[i] = m * v[i] + g[i];
                    expected[i] -= lr * (g[i] + m * v[i]);
                }
                assertArrayEquals(new float[] {(float) expected[0], (float) expected[1]}, w.toFloatArray(), 1e-6f);
            }
        }
    }

    /**
     * Heavy-ball SGD (Polyak 1964) in DJL's form, {@code s <- m s + lr g;  w <- w - s}, for two steps by hand;
     * then the momentum saved after step two and restored into a fresh optimizer takes the third step
     * exactly as the uninterrupted one does (what resuming a run relies on).
     */
    @Test
    void heavyBallSgdFollowsPolyaksRecursionAndResumesFromItsSavedMomentum() throws Exception {
        SgdProvider provider = new SgdProvider();
        double lr = 0.1;
        double m = 0.9;
        Settings settings = settings(provider, Map.of("learningRate", lr, "momentum", m));
        OptimizerContext context = new OptimizerContext(10, 10, 1, 1);
        Optimizer sgd = provider.create(settings, context);
        float[][] gradients = {{0.5f, 1f}, {-0.25f, 2f}, {1f, -1f}};
        try (NDManager manager = engine().newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, -2f});
            w.setRequiresGradient(true);
            // Step 1: s = lr g1 = (0.05, 0.1); w = (0.95, -2.1).
            step(sgd, w, gradients[0], manager);
            assertArrayEquals(new float[] {0.95f, -2.1f}, w.toFloatArray(), 2e-6f, "step 1");
            // Step 2: s = 0.9 (0.05, 0.1) + 0.1 (-0.25, 2) = (0.02, 0.29); w = (0.93, -2.39).
            step(sgd, w, gradients[1], manager);
            assertArrayEquals(new float[] {0.93f, -2.39f}, w.toFloatArray(), 2e-6f, "step 2");

            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            ((ResumableOptimizer) sgd).saveState(new DataOutputStream(saved));
            Optimizer resumed = provider.create(settings, context);
            ((ResumableOptimizer) resumed).loadState(new DataInputStream(new ByteArrayInputStream(saved.toByteArray())),
                    manager);
            NDArray v = manager.create(w.toFloatArray());
            v.setRequiresGradient(true);
            // Step 3: s = 0.9 (0.02, 0.29) + 0.1 (1, -1) = (0.118, 0.161); w = (0.812, -2.551).
            step(sgd, w, gradients[2], manager);
            step(resumed, v, gradients[2], manager);
            assertArrayEquals(new float[] {0.812f, -2.551f}, w.toFloatArray(), 2e-6f, "step 3");
            assertArrayEquals(w.toFloatArray(), v.toFloatArray(), 0f, "the resumed optimizer's step 3");
        }
    }

    @Test
    void adamFollowsAlgorithmOneOfKingmaAndBa() {
        OptimizerProvider provider = new AdamProvider();
        double lr = 0.01;
        double b1 = 0.8;
        double b2 = 0.9;
        double eps = 0.1; // large, so that where eps sits matters
        Optimizer adam = provider.create(settings(provider, Map.of("learningRate", lr, "beta1", b1, "beta2", b2,
                "epsilon", eps)), new OptimizerContext(10, 10, 1, 1));
        try (NDManager manager = engine().newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, -2f});
            w.setRequiresGradient(true); // a trainable leaf, as in training
            double[] expected = {1, -2};
            double[] m = {0, 0};
            double[] v = {0, 0};
            int t = 0;
            for (float[] g : new float[][] {{0.5f, 1f}, {-0.25f, 2f}, {1f, 1f}, {0.1f, -3f}}) {
                step(adam, w, g, manager);
                t++;
                for (int i = 0; i < 2; i++) {
                    m[i] = b1 * m[i] + (1 - b1) * g[i];
                    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                    double mHat = m[i] / (1 - Math.pow(b1, t));
                    double vHat = v[i] / (1 - Math.pow(b2, t));
                    expected[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
                assertArrayEquals(new float[] {(float) expected[0], (float) expected[1]}, w.toFloatArray(), 1e-6f,
                        "step " + t);
            }
        }
    }

    @Test
    void schedulesFollowTheirClosedForms() {
        OptimizerProvider sgd = new SgdProvider();
        OptimizerContext context = new OptimizerContext(100, 10, 12, 10);
        LearningRateSchedule step = sgd.schedule(settings(sgd, Map.of("learningRate", 0.4, "schedule", "step",
                "decayEvery", 4.0, "decayFactor", 0.5)), context);
        assertEquals(0.4, step.at(0), 1e-12);
        assertEquals(0.4, step.at(3.99), 1e-12);
        assertEquals(0.2, step.at(4), 1e-12);
        assertEquals(0.1, step.at(11.5), 1e-12);
        LearningRateSchedule cosine = sgd.schedule(settings(sgd, Map.of("learningRate", 0.4, "schedule", "cosine",
                "warmupEpochs", 2.0, "finalLearningRate", 0.1)), context);
        assertEquals(0.0, cosine.at(0), 1e-12);
        assertEquals(0.2, cosine.at(1), 1e-12, "linear warm-up, halfway");
        assertEquals(0.4, cosine.at(2), 1e-12, "the peak after warm-up");
        assertEquals(0.25, cosine.at(7), 1e-12, "cosine halfway through the 10 decay epochs");
        assertEquals(0.1, cosine.at(12), 1e-12, "the final rate");
        LearningRateSchedule constant = sgd.schedule(settings(sgd, Map.of("learningRate", 0.3)), context);
        assertEquals(0.3, constant.at(7.5), 0);
    }

    @Test
    void randomCropAndFlipMoveEveryPixelWhereTheHandCaseSays() throws Exception {
        RegularizerProvider provider = new AugmentationProvider();
        // One 1 x 3 x 4 image with values 1..12; replay the generator to know the draws.
        float[] image = new float[12];
        for (int i = 0; i < 12; i++) {
            image[i] = i + 1;
        }
        for (long seed = 0; seed < 20; seed++) {
            float[] batch = image.clone();
            provider.create(settings(provider, Map.of("padding", 1))).augment(batch, 1, new int[] {1, 3, 4},
                    new SplittableRandom(seed));
            SplittableRandom replay = new SplittableRandom(seed);
            int dy = replay.nextInt(3) - 1;
            int dx = replay.nextInt(3) - 1;
            boolean flip = replay.nextBoolean();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    int sourceRow = i + dy;
                    int sourceColumn = (flip ? 3 - j : j) + dx;
                    float expected = sourceRow < 0 || sourceRow > 2 || sourceColumn < 0 || sourceColumn > 3 ? 0
                            : image[sourceRow * 4 + sourceColumn];
                    assertEquals(expected, batch[i * 4 + j], 0f, "seed " + seed + " pixel " + i + "," + j);
                }
            }
        }
        assertEquals(null, provider.create(settings(provider, Map.of())).penalty(null), "augmentation adds no penalty");
    }
}
