package carnot.engine.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import carnot.api.analysis.EvaluationResult;
import carnot.api.analysis.Predictions;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.losses.LossFunction;

/**
 * A network evaluated on the first {@code n} examples of a dataset, in evaluation mode, in chunks:
 * its outputs, mean loss (the loss function only, without regularizer penalties) and 0-1 error,
 * the predicted class being the first largest output. The run's own per-epoch evaluation and the
 * analyses that move the weights and evaluate again (landscapes) use this one definition, so their
 * numbers are the same at the same weights.
 *
 * <p>Native memory: every chunk lives in a sub-manager of {@code manager} and an {@link NDScope},
 * both closed before the next chunk, so nothing stays attached to the caller's manager; the chunks'
 * inputs share one direct buffer ({@link BatchBuffer}).
 */
public final class BatchEvaluation {

    private BatchEvaluation() {
    }

    /**
     * Evaluates {@code block} at its own weights on the first {@code n} examples of {@code data},
     * {@code batchSize} at a time, checking {@code monitor} for cancellation between chunks; e.g.
     * {@code evaluate(context.model(), context.manager(), context.loss(), data, n, 500, context.monitor())}.
     */
    public static EvaluationResult evaluate(Block block, NDManager manager, LossFunction loss, Dataset data, int n,
            int batchSize, ProgressMonitor monitor) {
        return evaluate(block, new ParameterStore(manager, false), manager, loss, data, n, batchSize, monitor);
    }

    /**
     * Evaluates {@code block} on the first {@code n} examples of {@code data}, {@code batchSize} at a
     * time, checking {@code monitor} for cancellation between chunks. The parameter store decides
     * which values the parameters take (a subclass can substitute perturbed copies).
     */
    public static EvaluationResult evaluate(Block block, ParameterStore parameterStore, NDManager manager, LossFunction loss,
            Dataset data, int n, int batchSize, ProgressMonitor monitor) {
        if (n < 0 || n > data.size() || batchSize < 1) {
            throw new IllegalArgumentException("cannot evaluate " + n + " of " + data.size() + " examples in batches of "
                    + batchSize);
        }
        int classes = data.numClasses();
        int[] labels = java.util.Arrays.copyOf(data.labels(), n);
        float[] logits = new float[n * classes];
        if (n == 0) {
            return new EvaluationResult(new Predictions(logits, labels, classes), Double.NaN, Double.NaN);
        }
        int featureSize = data.featureSize();
        double lossSum = 0;
        BatchBuffer inputs = new BatchBuffer();
        for (int from = 0; from < n; from += batchSize) {
            monitor.checkCancelled();
            int count = Math.min(batchSize, n - from);
            // The scope also frees what the forward pass attaches to the parameters' manager.
            try (NDManager chunk = manager.newSubManager(); NDScope scope = new NDScope()) {
                NDArray x = inputs.floats(chunk, data.features(), from * featureSize, count * featureSize,
                        batchShape(count, data.exampleShape()));
                long[] y = new long[count];
                for (int i = 0; i < count; i++) {
                    y[i] = labels[from + i];
                }
                NDArray outputs = block.forward(parameterStore, new NDList(x), false).singletonOrThrow();
                outputs.attach(chunk);
                float[] out = outputs.toFloatArray();
                System.arraycopy(out, 0, logits, from * classes, out.length);
                NDArray losses = loss.perExample(outputs, chunk.create(y));
                losses.attach(chunk);
                for (float l : losses.toFloatArray()) {
                    lossSum += l;
                }
            }
        }
        Predictions predictions = new Predictions(logits, labels, classes);
        return new EvaluationResult(predictions, lossSum / n, errorRate(predictions));
    }

    /** The fraction of examples whose first largest output is not their label. */
    public static double errorRate(Predictions predictions) {
        int n = predictions.size();
        int classes = predictions.numClasses();
        long errors = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (predictions.logit(i, k) > predictions.logit(i, best)) {
                    best = k;
                }
            }
            if (best != predictions.labels()[i]) {
                errors++;
            }
        }
        return n == 0 ? Double.NaN : (double) errors / n;
    }

    /** {@code [batch, exampleShape...]}. */
    public static Shape batchShape(long batch, int[] exampleShape) {
        long[] dims = new long[exampleShape.length + 1];
        dims[0] = batch;
        for (int i = 0; i < exampleShape.length; i++) {
            dims[i + 1] = exampleShape[i];
        }
        return new Shape(dims);
    }
}
