package carnot.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.HashMap;
import java.util.Map;

/**
 * Nesterov's accelerated gradient in the form of Sutskever et al. (2013) and PyTorch's
 * {@code SGD(nesterov=True)}: {@code v <- m v + g;  w <- w - lr (g + m v)}, with {@code v} starting at
 * zero. Written out here rather than taken from DJL so that the update is exactly this one.
 * The velocity of each parameter lives on the parameter's manager.
 */
final class NesterovOptimizer extends Optimizer {

    private final Tracker learningRate;
    private final float momentum;
    private final Map<String, NDArray> velocities = new HashMap<>();

    NesterovOptimizer(Tracker learningRate, float momentum) {
        super(new Builder());
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float lr = learningRate.getNewValue(updateCount(parameterId));
        NDArray v = velocities.computeIfAbsent(parameterId, id -> weight.zerosLike());
        try (NDScope scope = new NDScope()) {
            v.muli(momentum).addi(grad);
            // Update the storage through a detached view, outside autograd (PyTorch's p.data.sub_).
            weight.stopGradient().subi(grad.add(v.mul(momentum)).muli(lr));
        }
    }

    /** DJL's optimizer base wants a builder; none of its options (rescaling, clipping, decay) are used. */
    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
