package carnot.api.regularizers;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.ParameterList;
import java.util.SplittableRandom;

/**
 * An explicit regularizer active during training: a penalty added to the loss, a transformation
 * of every training minibatch (data augmentation), a rule for stopping early on a validation split,
 * or a combination. Each may be left at its default, which does nothing.
 */
public interface Regularizer {

    /**
     * The term added to the mean minibatch loss, differentiable in the parameters.
     *
     * @param parameters the model's parameters; not modified
     * @return a scalar owned by the parameters' manager, or {@code null} for no penalty
     */
    default NDArray penalty(ParameterList parameters) {
        return null;
    }

    /**
     * Transforms the examples of a training minibatch in place, before the forward pass; never
     * applied to evaluation passes. Must draw all randomness from {@code random} (the run's
     * seeded generator), so that the seed fixes the run.
     *
     * @param features     {@code count * prod(exampleShape)} values, row-major; modified
     * @param count        examples in the batch
     * @param exampleShape shape of one example; not modified
     * @param random       the run's augmentation generator
     */
    default void augment(float[] features, int count, int[] exampleShape, SplittableRandom random) {
    }

    /**
     * Asks the engine to hold out a validation split and stop early (see {@link EarlyStopping}).
     *
     * @return the rule, or {@code null} (the default) for none
     */
    default EarlyStopping earlyStopping() {
        return null;
    }
}
