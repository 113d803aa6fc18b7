package carnot.api.analysis;

import carnot.api.experiment.ExperimentSpec;
import carnot.api.models.ModelStructure;

/**
 * What an analysis may check before training starts: the experiment (model, loss, optimizer,
 * data settings), the structure of the built network and the shape of the data.
 *
 * @param spec                  the experiment with every setting filled in
 * @param model                 the built network's structure
 * @param exampleShape          the shape of one input example
 * @param numClasses            the number of outputs
 * @param trainSize             training examples
 * @param testSize              test examples
 * @param activationsPerExample values one example's forward pass produces, summed over the
 *                              network's layers (what autograd keeps for the backward pass), or
 *                              {@link #UNKNOWN_ACTIVATIONS}
 */
public record AnalysisTarget(ExperimentSpec spec, ModelStructure model, int[] exampleShape, int numClasses,
        int trainSize, int testSize, long activationsPerExample) {

    /** {@link #activationsPerExample()} when the engine could not count them. */
    public static final long UNKNOWN_ACTIVATIONS = -1;

    /** Copies {@code exampleShape}. */
    public AnalysisTarget {
        exampleShape = exampleShape.clone();
    }

    /** A target whose activations are not counted. */
    public AnalysisTarget(ExperimentSpec spec, ModelStructure model, int[] exampleShape, int numClasses,
            int trainSize, int testSize) {
        this(spec, model, exampleShape, numClasses, trainSize, testSize, UNKNOWN_ACTIVATIONS);
    }

    /** The shape of one example, e.g. {@code [1, 28, 28]}: a copy. */
    @Override
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    /** Number of trainable parameters p. */
    public long parameterCount() {
        return model.trainableParameterCount();
    }

    /**
     * Values per example autograd keeps for a backward pass: {@link #activationsPerExample()}, or,
     * when unknown, the input plus every layer's output width counted twice (pre- and
     * post-activation), from the weights' first dimension.
     */
    public long activationsPerExampleOrGuess() {
        if (activationsPerExample >= 0) {
            return activationsPerExample;
        }
        long inputs = 1;
        for (int d : exampleShape) {
            inputs *= d;
        }
        long outputs = model.parameters(carnot.api.models.ParameterRole.WEIGHT).stream()
                .mapToLong(p -> p.shape().length == 0 ? 1 : p.shape()[0]).sum();
        return inputs + 2 * outputs;
    }
}
