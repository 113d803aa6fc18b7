package carnot.analysis.curvature.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import carnot.api.analysis.BatchEvaluation;
import carnot.api.datasets.Dataset;
import carnot.api.losses.LossFunction;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hessian of the mean training loss {@code L(w) = (1/N) sum_{i<N} loss(f_w(x_i), y_i)} with
 * respect to chosen parameters, as a {@link SymmetricOperator} on the flattened parameters
 * (concatenated in the network's order, row-major), with exact products by double backward
 * (Pearlmutter 1994): {@code H v = d/dw <dL/dw, v>}.
 *
 * <p>The N examples are processed in chunks of at most {@code chunkSize};
 * {@code H = sum_c (N_c / N) H_c} where H_c is the Hessian of chunk c's mean loss (as PyHessian
 * averages over batches). With a single chunk the first-order gradient and its graph are built
 * once and every product reuses them (one backward per product); with several, each product
 * recomputes forward and gradient per chunk, so memory stays that of one chunk.
 *
 * <p>The network runs in evaluation mode and its parameters are only read, except through
 * {@link #setParameters(double[])}, whose caller restores them; whoever changes them otherwise
 * calls {@link #invalidate()} (libtorch rejects a cached graph whose inputs changed in place).
 * Products go through {@link Autograd} (torch.autograd.grad), which writes no {@code .grad} and
 * so does not leak.
 * Closing releases every native array this object made.
 */
public final class LossHessian implements SymmetricOperator, AutoCloseable {

    private final Block model;
    private final LossFunction loss;
    private final Dataset data;
    private final NDManager manager;
    private final Autograd autograd;
    private final ParameterStore parameterStore;
    private final List<String> names = new ArrayList<>();
    private final List<NDArray> parameters = new ArrayList<>();
    private final List<NDArray> madeTrainable = new ArrayList<>();
    private final int[] offsets;
    private final int dimension;
    private final DataType dataType;
    private final int examples;
    private final int chunkSize;
    private NDList cachedGradient;
    private long products;

    /**
     * @param parameterNames structural names to differentiate with respect to; empty = all
     * @param maxExamples    use the first maxExamples examples (0 = all)
     * @param parent         the manager under which this object allocates (a sub-manager)
     */
    public LossHessian(Block model, LossFunction loss, Dataset data, List<String> parameterNames, int maxExamples,
            int chunkSize, NDManager parent) {
        this.model = model;
        this.loss = loss;
        this.data = data;
        this.examples = maxExamples == 0 ? data.size() : Math.min(maxExamples, data.size());
        if (examples == 0) {
            throw new IllegalArgumentException("the Hessian needs at least one example; " + data.name() + " is empty");
        }
        this.chunkSize = chunkSize;
        Map<String, Parameter> all = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : model.getParameters()) {
            all.put(entry.getKey(), entry.getValue());
        }
        for (String name : parameterNames) {
            if (!all.containsKey(name)) {
                throw new IllegalArgumentException("parameters: unknown parameter '" + name + "'; the network has "
                        + all.keySet());
            }
        }
        for (Map.Entry<String, Parameter> entry : all.entrySet()) {
            if (parameterNames.isEmpty() || parameterNames.contains(entry.getKey())) {
                names.add(entry.getKey());
                parameters.add(entry.getValue().getArray());
            }
        }
        offsets = new int[parameters.size() + 1];
        for (int i = 0; i < parameters.size(); i++) {
            long size = parameters.get(i).size();
            if (offsets[i] + size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("more than 2^31 parameters");
            }
            offsets[i + 1] = offsets[i] + (int) size;
        }
        dimension = offsets[parameters.size()];
        dataType = parameters.get(0).getDataType();
        manager = parent.newSubManager();
        parameterStore = new ParameterStore(manager, false);
        for (NDArray p : parameters) {
            if (!p.hasGradient()) {
                p.setRequiresGradient(true);
                madeTrainable.add(p);
            }
        }
        autograd = new Autograd(manager);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** Structural names of the parameters, in the order of the flattened vector. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /** Number of examples the loss averages over. */
    public int examples() {
        return examples;
    }

    /** Hessian-vector products computed so far. */
    public long products() {
        return products;
    }

    @Override
    public void apply(double[] x, double[] y) {
        Arrays.fill(y, 0);
        if (examples <= chunkSize) {
            try (NDScope scope = new NDScope()) {
                if (cachedGradient == null) {
                    cachedGradient = firstDerivative(0, examples);
                    NDScope.unregister(cachedGradient);
                }
                accumulate(hessianTimes(cachedGradient, x), 1, y);
            }
        } else {
            for (int from = 0; from < examples; from += chunkSize) {
                int count = Math.min(chunkSize, examples - from);
                try (NDScope scope = new NDScope()) {
                    NDList g = firstDerivative(from, count);
                    accumulate(hessianTimes(g, x), (double) count / examples, y);
                }
            }
        }
        products++;
    }

    /** The mean loss and its gradient (flattened, overwritten) at the current parameters. */
    public double lossAndGradient(double[] gradient) {
        Arrays.fill(gradient, 0);
        double total = 0;
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            for (int from = 0; from < examples; from += chunkSize) {
                int count = Math.min(chunkSize, examples - from);
                try (NDScope scope = new NDScope()) {
                    NDArray mean = meanLoss(from, count);
                    total += mean.toType(DataType.FLOAT64, false).getDouble() * count;
                    NDList g = autograd.grad(List.of(mean), parameters,
                            List.of(manager.ones(mean.getShape(), mean.getDataType())), false, false);
                    accumulate(g, (double) count / examples, gradient);
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return total / examples;
    }

    /** The mean loss at the current parameters (no gradient). */
    public double loss() {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            double total = 0;
            for (int from = 0; from < examples; from += chunkSize) {
                int count = Math.min(chunkSize, examples - from);
                try (NDScope scope = new NDScope()) {
                    total += meanLoss(from, count).toType(DataType.FLOAT64, false).getDouble() * count;
                }
            }
            return total / examples;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** The network's outputs on the examples, row-major (examples x outputs), in evaluation mode. */
    public double[] outputs() {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            List<double[]> parts = new ArrayList<>();
            int total = 0;
            for (int from = 0; from < examples; from += chunkSize) {
                int count = Math.min(chunkSize, examples - from);
                try (NDScope scope = new NDScope()) {
                    double[] part = model.forward(parameterStore, new NDList(input(from, count)), false)
                            .singletonOrThrow().toType(DataType.FLOAT64, false).toDoubleArray();
                    parts.add(part);
                    total += part.length;
                }
            }
            double[] all = new double[total];
            int offset = 0;
            for (double[] part : parts) {
                System.arraycopy(part, 0, all, offset, part.length);
                offset += part.length;
            }
            return all;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /**
     * The current parameter values, flattened. Exact: a float32 value widened to double and
     * narrowed back by {@link #setParameters(double[])} is the same float, so a caller that
     * restores what this returned leaves the weights bit-for-bit unchanged.
     *
     * <p>The widening copy is made inside a scope: {@code toType} attaches its result to the
     * parameter's manager, the model's, where it would outlive the analysis (one p-sized array
     * per call, which the testkit counts as a leak).
     */
    public double[] parameters() {
        double[] values = new double[dimension];
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < parameters.size(); i++) {
                double[] part = parameters.get(i).toType(DataType.FLOAT64, false).toDoubleArray();
                System.arraycopy(part, 0, values, offsets[i], part.length);
            }
        }
        return values;
    }

    /**
     * Overwrites the parameters in place (for perturbation analyses, which restore them); drops
     * the cached gradient, which belonged to the old values.
     */
    public void setParameters(double[] values) {
        invalidate();
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                NDArray p = parameters.get(i);
                int from = offsets[i];
                int to = offsets[i + 1];
                if (p.getDataType() == DataType.FLOAT64) {
                    p.set(DoubleBuffer.wrap(Arrays.copyOfRange(values, from, to)));
                } else {
                    float[] part = new float[to - from];
                    for (int j = 0; j < part.length; j++) {
                        part[j] = (float) values[from + j];
                    }
                    p.set(FloatBuffer.wrap(part));
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Splits a flattened vector into one array per parameter, by name. */
    public Map<String, float[]> split(double[] vector) {
        Map<String, float[]> parts = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            float[] part = new float[offsets[i + 1] - offsets[i]];
            for (int j = 0; j < part.length; j++) {
                part[j] = (float) vector[offsets[i] + j];
            }
            parts.put(names.get(i), part);
        }
        return parts;
    }

    /** Offset of parameter i in the flattened vector (i = count gives the dimension). */
    public int offset(int i) {
        return offsets[i];
    }

    /** Forgets the cached first derivative (after the parameters changed). */
    public void invalidate() {
        if (cachedGradient != null) {
            cachedGradient.close();
            cachedGradient = null;
        }
    }

    private NDArray input(int from, int count) {
        int featureSize = data.featureSize();
        NDArray x = manager.create(FloatBuffer.wrap(data.features(), from * featureSize, count * featureSize).slice(),
                BatchEvaluation.batchShape(count, data.exampleShape()));
        // DJL wraps a Java direct buffer without copying; a cached graph keeps the input after the handle is
        // closed and the buffer collected (a SIGSEGV in sgemm, or silently wrong products), so copy natively.
        return dataType == DataType.FLOAT32 ? x.duplicate() : x.toType(dataType, false);
    }

    private NDArray meanLoss(int from, int count) {
        NDArray x = input(from, count);
        long[] labels = new long[count];
        for (int i = 0; i < count; i++) {
            labels[i] = data.labels()[from + i];
        }
        NDArray outputs = model.forward(parameterStore, new NDList(x), false).singletonOrThrow();
        return loss.perExample(outputs, manager.create(labels).duplicate()).mean();
    }

    /** g = dL_c/dw with its graph (create_graph), for chunk [from, from + count). */
    private NDList firstDerivative(int from, int count) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            NDArray mean = meanLoss(from, count);
            return autograd.grad(List.of(mean), parameters, List.of(manager.ones(mean.getShape(), mean.getDataType())),
                    true, true);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** H_c x = d<g, x>/dw: the vector-Jacobian product of g with seed x, keeping g's graph. */
    private NDList hessianTimes(NDList g, double[] x) {
        List<NDArray> seeds = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            seeds.add(toArray(x, i));
        }
        return autograd.grad(g, parameters, seeds, true, false);
    }

    private NDArray toArray(double[] vector, int i) {
        int from = offsets[i];
        int to = offsets[i + 1];
        Shape shape = parameters.get(i).getShape();
        if (dataType == DataType.FLOAT64) {
            return manager.create(Arrays.copyOfRange(vector, from, to), shape);
        }
        float[] part = new float[to - from];
        for (int j = 0; j < part.length; j++) {
            part[j] = (float) vector[from + j];
        }
        return manager.create(part, shape).toType(dataType, false);
    }

    private void accumulate(NDList arrays, double weight, double[] target) {
        for (int i = 0; i < arrays.size(); i++) {
            NDArray a = arrays.get(i);
            int from = offsets[i];
            if (a.getDataType() == DataType.FLOAT64) {
                double[] values = a.toDoubleArray();
                for (int j = 0; j < values.length; j++) {
                    target[from + j] += weight * values[j];
                }
            } else {
                float[] values = a.toType(DataType.FLOAT32, false).toFloatArray();
                for (int j = 0; j < values.length; j++) {
                    target[from + j] += weight * values[j];
                }
            }
        }
    }

    @Override
    public void close() {
        invalidate();
        autograd.close();
        for (NDArray p : madeTrainable) {
            p.setRequiresGradient(false);
        }
        manager.close();
    }
}
