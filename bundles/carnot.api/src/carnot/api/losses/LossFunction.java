package carnot.api.losses;

import ai.djl.ndarray.NDArray;

/** A loss as a differentiable NDArray function. */
@FunctionalInterface
public interface LossFunction {

    /**
     * Per-example losses.
     *
     * @param outputs network outputs (logits), shape {@code (B, K)}; not modified
     * @param labels  class indices, shape {@code (B)}, integer type; not modified
     * @return shape {@code (B)}, owned by the outputs' manager
     */
    NDArray perExample(NDArray outputs, NDArray labels);
}
