package carnot.testkit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.api.datasets.DatasetSplits;
import carnot.api.optim.ResumableOptimizer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything of a run an analysis must leave as it found it, captured bit for bit: the weights
 * (batch-norm statistics included), the gradient buffers and requires-grad flags, the optimizer's
 * state, the training and test data, and libtorch's random generator (seeded before the call; the
 * next draws must be the ones that seed gives).
 */
final class ModelState {

    static final int RNG_SEED = 20_191_031;

    private final Map<String, float[]> weights;
    private final Map<String, float[]> gradients;
    private final Map<String, Boolean> trainable;
    private final byte[] optimizer;
    private final float[][] features;
    private final int[][] labels;

    private ModelState(Block model, ResumableOptimizer optimizer, DatasetSplits data) throws IOException {
        weights = new LinkedHashMap<>();
        gradients = new LinkedHashMap<>();
        trainable = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : model.getParameters()) {
            NDArray array = entry.getValue().getArray();
            weights.put(entry.getKey(), array.toFloatArray());
            trainable.put(entry.getKey(), array.hasGradient());
            if (array.hasGradient()) {
                gradients.put(entry.getKey(), gradient(array));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            optimizer.saveState(out);
        }
        this.optimizer = bytes.toByteArray();
        features = new float[][] {data.train().features().clone(), data.test().features().clone()};
        labels = new int[][] {data.train().labels().clone(), data.test().labels().clone()};
    }

    /**
     * The gradient buffer's values; a parameter whose array an analysis swapped for a computed one has
     * none to read, which counts as a change (an empty array never equals a real gradient).
     */
    private static float[] gradient(NDArray array) {
        try (NDArray gradient = array.getGradient()) {
            return gradient.toFloatArray();
        } catch (RuntimeException e) {
            return new float[0];
        }
    }

    static ModelState capture(Block model, ResumableOptimizer optimizer, DatasetSplits data) throws IOException {
        return new ModelState(model, optimizer, data);
    }

    /** Seeds libtorch's generator for the call; {@link #randomDraws} after it must repeat {@link #expectedDraws}. */
    static float[] expectedDraws(NDManager manager) {
        Engine.getInstance().setRandomSeed(RNG_SEED);
        float[] draws = randomDraws(manager);
        Engine.getInstance().setRandomSeed(RNG_SEED);
        return draws;
    }

    static float[] randomDraws(NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            return scope.randomUniform(0, 1, new Shape(16)).toFloatArray();
        }
    }

    /** Compares with a later capture; every difference becomes a failed check with what changed. */
    void compare(ModelState after, List<ConformanceReport.Check> checks) {
        checks.add(check("weights unchanged", changed(weights, after.weights), "parameter %s changed during the call: "
                + "an analysis that moves weights must restore them exactly (or differentiate with "
                + "context.autograd(), which never moves them)"));
        String gradient = changed(gradients, after.gradients);
        if (gradient == null && !trainable.equals(after.trainable)) {
            gradient = "requires-grad flags";
        }
        checks.add(check("gradient buffers unchanged", gradient, "the gradient of %s changed during the call: "
                + "backward passes through the model's own parameters (GradientCollector, new ParameterStore(manager, "
                + "true)) accumulate into the buffers training reads next; use context.autograd()"));
        checks.add(new ConformanceReport.Check("optimizer state unchanged", Arrays.equals(optimizer, after.optimizer),
                "the optimizer's state (momentum buffers) changed during the call"));
        boolean data = Arrays.equals(features[0], after.features[0]) && Arrays.equals(features[1], after.features[1])
                && Arrays.equals(labels[0], after.labels[0]) && Arrays.equals(labels[1], after.labels[1]);
        checks.add(new ConformanceReport.Check("training and test data unchanged", data, "the call wrote into the "
                + "dataset's arrays (context.dataset(...).features() or labels()), which training shares: copy them"));
    }

    static ConformanceReport.Check randomGenerator(float[] expected, float[] actual) {
        return new ConformanceReport.Check("libtorch's random generator untouched", Arrays.equals(expected, actual),
                "the call drew from (or reseeded) libtorch's generator, which dropout and initialization use: draw "
                        + "from a java.util.SplittableRandom seeded with context.seed() instead");
    }

    private static ConformanceReport.Check check(String name, String changed, String detail) {
        return new ConformanceReport.Check(name, changed == null, changed == null ? "" : String.format(detail, changed));
    }

    /** The first entry that differs (bitwise), with the largest difference, or null. */
    private static String changed(Map<String, float[]> before, Map<String, float[]> after) {
        if (!before.keySet().equals(after.keySet())) {
            return "set " + before.keySet() + " -> " + after.keySet();
        }
        for (Map.Entry<String, float[]> entry : before.entrySet()) {
            float[] a = entry.getValue();
            float[] b = after.get(entry.getKey());
            if (a.length != b.length) {
                return entry.getKey() + " (shape)";
            }
            double largest = 0;
            boolean differs = false;
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                    differs = true;
                    largest = Math.max(largest, Math.abs((double) a[i] - b[i]));
                }
            }
            if (differs) {
                return entry.getKey() + " (largest change " + largest + ")";
            }
        }
        return null;
    }
}
