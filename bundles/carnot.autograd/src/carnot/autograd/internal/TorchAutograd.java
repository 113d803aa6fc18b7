package carnot.autograd.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import carnot.api.autograd.Autograd;
import carnot.api.autograd.ExampleGradients;
import carnot.api.autograd.Examples;
import carnot.api.autograd.HessianOperator;
import carnot.api.autograd.LossAndGradient;
import carnot.api.autograd.OutputGradients;
import carnot.api.losses.LossFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link Autograd} on libtorch: forward passes through a {@link ParameterCopies} store, derivatives by
 * {@code torch.autograd.grad} ({@link TorchScriptGrad}), which writes no {@code .grad} and so leaves
 * the model untouched and leaks no create_graph cycle (docs/design/hvp-without-leaks.md). Every call
 * runs its chunks in {@link NDScope}s, so nothing it makes outlives it except Java arrays.
 */
final class TorchAutograd implements Autograd {

    private final Block model;
    private final LossFunction loss;
    private final int chunkSize;
    private final NDManager parent;
    private final ParameterCopies copies;
    private final TorchScriptGrad grad;
    private final List<TorchHessian> hessians = new ArrayList<>();

    TorchAutograd(Block model, LossFunction loss, List<String> parameters, int chunkSize, NDManager parent) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize: expected an integer >= 1, got " + chunkSize);
        }
        this.model = model;
        this.loss = loss;
        this.chunkSize = chunkSize;
        this.parent = parent;
        this.copies = new ParameterCopies(model, parameters, parent);
        this.grad = new TorchScriptGrad(copies.manager());
    }

    @Override
    public List<String> parameterNames() {
        return copies.names();
    }

    @Override
    public int dimension() {
        return copies.dimension();
    }

    @Override
    public int offset(String parameterName) {
        return copies.offset(parameterName);
    }

    @Override
    public double[] parameters() {
        return copies.values();
    }

    @Override
    public void moveTo(double[] values) {
        copies.set(values);
    }

    @Override
    public void reset() {
        copies.reload();
    }

    @Override
    public Map<String, float[]> split(double[] vector) {
        return copies.split(vector);
    }

    @Override
    public double[] outputs(Examples examples) {
        List<double[]> parts = new ArrayList<>();
        forEachChunk(false, examples, (from, count) -> {
            parts.add(outputs(copies, examples, from, count).toType(DataType.FLOAT64, false).toDoubleArray());
        });
        return concatenate(parts);
    }

    @Override
    public double loss(Examples examples) {
        if (examples.count() == 0) {
            return Double.NaN;
        }
        return withGradMode(false, () -> {
            double total = 0;
            for (int from = examples.from(); from < end(examples); from += chunkSize) {
                int count = Math.min(chunkSize, end(examples) - from);
                try (NDScope scope = new NDScope()) {
                    for (double l : losses(copies, examples, from, count).toType(DataType.FLOAT64, false)
                            .toDoubleArray()) {
                        total += l;
                    }
                }
            }
            return total / examples.count();
        });
    }

    @Override
    public LossAndGradient gradient(Examples examples) {
        requireExamples(examples);
        double[] gradient = new double[dimension()];
        double total = withGradMode(true, () -> {
            double sum = 0;
            for (int from = examples.from(); from < end(examples); from += chunkSize) {
                int count = Math.min(chunkSize, end(examples) - from);
                try (NDScope scope = new NDScope()) {
                    NDArray mean = losses(copies, examples, from, count).mean();
                    sum += mean.toType(DataType.FLOAT64, false).getDouble() * count;
                    NDList g = grad.grad(List.of(mean), copies.arrays(), List.of(ones(mean)), false, false);
                    copies.accumulate(g, (double) count / examples.count(), gradient);
                }
            }
            return sum;
        });
        return new LossAndGradient(total / examples.count(), gradient);
    }

    @Override
    public void perExampleGradients(Examples examples, ExampleGradients receiver) {
        requireExamples(examples);
        forEachChunk(true, examples, (from, count) -> {
            NDArray losses = losses(copies, examples, from, count);
            double[] values = losses.toType(DataType.FLOAT64, false).toDoubleArray();
            for (int i = 0; i < count; i++) {
                double[] gradient = new double[dimension()];
                try (NDScope one = new NDScope()) {
                    // The gradient of loss_i alone: seed e_i, keeping the chunk's graph for the next one.
                    float[] seed = new float[count];
                    seed[i] = 1;
                    NDArray e = copies.manager().create(seed).toType(losses.getDataType(), false);
                    copies.accumulate(grad.grad(List.of(losses), copies.arrays(), List.of(e), true, false), 1,
                            gradient);
                }
                receiver.accept(from + i, values[i], gradient);
            }
        });
    }

    @Override
    public OutputGradients outputGradients(Examples examples) {
        requireExamples(examples);
        int n = examples.count();
        List<double[]> parts = new ArrayList<>();
        double[] losses = new double[n];
        int[] width = new int[1];
        forEachChunk(true, examples, (from, count) -> {
            NDArray f = outputs(copies, examples, from, count);
            NDArray l = loss.perExample(f, Chunks.labels(examples.data(), from, count, copies.manager()));
            NDArray sum = l.sum();
            // loss_i depends on f(x_i) only, so the gradient of the sum is each example's own.
            NDList d = grad.grad(List.of(sum), List.of(f), List.of(ones(sum)), false, false);
            width[0] = (int) (f.size() / count);
            parts.add(f.toType(DataType.FLOAT64, false).toDoubleArray());
            parts.add(d.get(0).toType(DataType.FLOAT64, false).toDoubleArray());
            System.arraycopy(l.toType(DataType.FLOAT64, false).toDoubleArray(), 0, losses,
                    from - examples.from(), count);
        });
        double[] values = new double[n * width[0]];
        double[] lossGradients = new double[n * width[0]];
        int offset = 0;
        for (int c = 0; c < parts.size(); c += 2) {
            System.arraycopy(parts.get(c), 0, values, offset, parts.get(c).length);
            System.arraycopy(parts.get(c + 1), 0, lossGradients, offset, parts.get(c + 1).length);
            offset += parts.get(c).length;
        }
        return new OutputGradients(n, width[0], values, losses, lossGradients);
    }

    @Override
    public double[] hessianVectorProduct(Examples examples, double[] v) {
        requireExamples(examples);
        double[] product = new double[dimension()];
        forEachChunk(true, examples, (from, count) -> {
            NDList g = firstDerivative(copies, examples, from, count);
            copies.accumulate(hessianTimes(copies, g, v), (double) count / examples.count(), product);
        });
        return product;
    }

    @Override
    public HessianOperator hessian(Examples examples) {
        requireExamples(examples);
        ParameterCopies own = new ParameterCopies(model, copies.names(), parent);
        own.set(copies.values());
        TorchHessian hessian = new TorchHessian(this, own, examples, chunkSize);
        hessians.add(hessian);
        return hessian;
    }

    @Override
    public double[] jacobianVectorProduct(Examples examples, double[] v) {
        requireExamples(examples);
        List<double[]> parts = new ArrayList<>();
        forEachChunk(true, examples, (from, count) -> {
            NDArray f = outputs(copies, examples, from, count);
            // g(u) = J^T u is linear in u; its derivative in u along v is J v (the double-vjp trick).
            NDArray u = copies.manager().zeros(f.getShape(), f.getDataType());
            u.setRequiresGradient(true);
            NDList g = grad.grad(List.of(f), copies.arrays(), List.of(u), true, true);
            parts.add(grad.grad(g, List.of(u), copies.unflatten(v, copies.manager()), false, false).get(0)
                    .toType(DataType.FLOAT64, false).toDoubleArray());
        });
        return concatenate(parts);
    }

    @Override
    public double[] vectorJacobianProduct(Examples examples, double[] u) {
        requireExamples(examples);
        double[] product = new double[dimension()];
        forEachChunk(true, examples, (from, count) -> {
            NDArray f = outputs(copies, examples, from, count);
            int width = (int) (f.size() / count);
            if (u.length != (long) examples.count() * width) {
                throw new IllegalArgumentException("u: expected " + examples.count() + " x " + width
                        + " values (examples x outputs), got " + u.length);
            }
            double[] part = java.util.Arrays.copyOfRange(u, (from - examples.from()) * width,
                    (from - examples.from() + count) * width);
            NDArray seed = copies.manager().create(part, f.getShape()).toType(f.getDataType(), false);
            copies.accumulate(grad.grad(List.of(f), copies.arrays(), List.of(seed), false, false), 1, product);
        });
        return product;
    }

    /** g = dL_c/dtheta with its graph (create_graph) for examples [from, from + count), grad mode on. */
    NDList firstDerivative(ParameterCopies at, Examples examples, int from, int count) {
        NDArray mean = losses(at, examples, from, count).mean();
        return grad.grad(List.of(mean), at.arrays(), List.of(ones(mean)), true, true);
    }

    /** H_c v = d<g, v>/dtheta: the vector-Jacobian product of g with seed v, keeping g's graph. */
    NDList hessianTimes(ParameterCopies at, NDList g, double[] v) {
        return grad.grad(g, at.arrays(), at.unflatten(v, at.manager()), true, false);
    }

    private NDArray outputs(ParameterCopies at, Examples examples, int from, int count) {
        NDArray x = Chunks.inputs(examples.data(), from, count, at.dataType(), at.manager());
        return model.forward(at.store(), new NDList(x), false).singletonOrThrow();
    }

    private NDArray losses(ParameterCopies at, Examples examples, int from, int count) {
        NDArray f = outputs(at, examples, from, count);
        return loss.perExample(f, Chunks.labels(examples.data(), from, count, at.manager()));
    }

    private NDArray ones(NDArray like) {
        return copies.manager().ones(like.getShape(), like.getDataType());
    }

    private static int end(Examples examples) {
        return examples.from() + examples.count();
    }

    private static void requireExamples(Examples examples) {
        if (examples.count() == 0) {
            throw new IllegalArgumentException("examples: no examples of " + examples.data().name() + " ("
                    + examples.data().size() + " in all) to differentiate over; a derivative needs at least one");
        }
    }

    private static double[] concatenate(List<double[]> parts) {
        int total = 0;
        for (double[] part : parts) {
            total += part.length;
        }
        double[] all = new double[total];
        int offset = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    static <T> T withGradMode(boolean on, Supplier<T> work) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(on);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** What is done with one chunk of examples: {@code count} examples from index {@code from}. */
    @FunctionalInterface
    private interface ChunkWork {
        void accept(int from, int count);
    }

    /**
     * Runs {@code work} over the examples in chunks of {@code chunkSize}, each chunk's arrays freed
     * when it is done, with autograd on or off.
     */
    private void forEachChunk(boolean gradMode, Examples examples, ChunkWork work) {
        withGradMode(gradMode, () -> {
            for (int from = examples.from(); from < end(examples); from += chunkSize) {
                int count = Math.min(chunkSize, end(examples) - from);
                try (NDScope scope = new NDScope()) {
                    work.accept(from, count);
                }
            }
            return null;
        });
    }

    void forget(TorchHessian hessian) {
        hessians.remove(hessian);
    }

    @Override
    public void close() {
        for (TorchHessian hessian : new ArrayList<>(hessians)) {
            hessian.close();
        }
        grad.close();
        copies.close();
    }
}
