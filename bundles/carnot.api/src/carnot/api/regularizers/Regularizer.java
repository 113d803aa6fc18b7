package carnot.api.regularizers;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.ParameterList;

/** An explicit regularizer active during training. */
public interface Regularizer {

    /**
     * The term added to the mean minibatch loss, differentiable in the parameters.
     *
     * @param parameters the model's parameters; not modified
     * @return a scalar owned by the parameters' manager
     */
    NDArray penalty(ParameterList parameters);
}
