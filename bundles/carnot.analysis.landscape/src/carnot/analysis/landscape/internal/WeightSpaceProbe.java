package carnot.analysis.landscape.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.EvaluationResult;
import carnot.api.analysis.Split;
import carnot.api.datasets.Dataset;
import carnot.curvature.linalg.WeightVectors;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves the context's network to other points of weight space and measures the mean training loss
 * (the loss function only, without regularizer penalties: what the run records as train/test
 * loss) and the 0-1 error there, in evaluation mode, in chunks of the run's evaluation batch size.
 * {@link #close()} puts the trained weights back exactly, so the analysis leaves the model as it
 * found it (the {@link AnalysisContext} contract).
 */
public final class WeightSpaceProbe implements AutoCloseable {

    /** Mean loss and 0-1 error at one point of weight space on one split. */
    public record Measurement(double loss, double error) {
    }

    private final AnalysisContext context;
    private final Block block;
    private final ParameterStore parameterStore;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, float[]> trained;
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final int maxExamples;
    private final int batchSize;

    /**
     * @param maxExamples the first this many examples of each split are used (0: all)
     * @throws IllegalArgumentException when the training split is empty
     */
    public WeightSpaceProbe(AnalysisContext context, int maxExamples) {
        if (context.dataset(Split.TRAIN).size() == 0) {
            // Every probe measures the training loss (and the Hessian of the slices uses it): say so up front.
            throw new IllegalArgumentException("the train set is empty: no examples to measure the loss on");
        }
        this.context = context;
        this.block = context.model();
        this.parameterStore = new ParameterStore(context.manager(), false);
        this.maxExamples = maxExamples;
        this.batchSize = Math.max(1, context.spec().training().evalBatchSize());
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            parameters.put(entry.getKey(), parameter);
            values.put(entry.getKey(), parameter.getArray().toFloatArray());
            shapes.put(entry.getKey(), parameter.getArray().getShape().getShape());
        }
        this.trained = java.util.Collections.unmodifiableMap(values);
    }

    /** The network's weights when the probe was opened (the point the analysis is about). */
    public Map<String, float[]> trained() {
        return trained;
    }

    /** Every parameter's shape, by name. */
    public Map<String, long[]> shapes() {
        return shapes;
    }

    /** How many examples of {@code split} each measurement uses. */
    public int examples(Split split) {
        int n = context.dataset(split).size();
        return maxExamples == 0 ? n : Math.min(n, maxExamples);
    }

    /** Loads {@code point} into the network (until the next call or {@link #close()}). */
    public void moveTo(Map<String, float[]> point) {
        WeightVectors.requireSameLayout(trained, point);
        try (NDManager scratch = context.manager().newSubManager(); NDScope scope = new NDScope()) {
            for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
                NDArray target = entry.getValue().getArray();
                NDArray values = scratch.create(point.get(entry.getKey()), target.getShape());
                // In place on a detached view, as the optimizers update weights: the parameter's
                // tensor keeps its identity and storage, and autograd never sees the write.
                try (NDArray view = target.stopGradient()) {
                    view.muli(0).addi(values);
                }
            }
        }
    }

    /**
     * Mean loss and 0-1 error of the network as it currently is on the first
     * {@link #examples(Split)} examples of {@code split}. The predicted class is the first
     * largest output, as in the run's own evaluation.
     *
     * @throws IllegalArgumentException when the split has no examples
     */
    public Measurement measure(Split split) {
        Dataset data = context.dataset(split);
        int n = examples(split);
        if (n == 0) {
            // A mean over no examples has no value: say so rather than record NaN (testkit rule).
            throw new IllegalArgumentException("the " + split.label() + " set is empty: no examples to measure the "
                    + "loss on");
        }
        EvaluationResult result = context.evaluate(parameterStore, data, n, batchSize);
        return new Measurement(result.meanLoss(), result.error());
    }

    /** Restores the trained weights exactly. */
    @Override
    public void close() {
        moveTo(trained);
    }
}
