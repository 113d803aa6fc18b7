package carnot.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.tracker.Tracker;

/**
 * Nesterov's accelerated gradient in the form of Sutskever et al. (2013) and PyTorch's
 * {@code SGD(nesterov=True)}: {@code v <- m v + g;  w <- w - lr (g + m v)}, with {@code v} starting at
 * zero. Written out here rather than taken from DJL so that the update is exactly this one.
 * The velocity of each parameter lives on the parameter's manager; it is saved and restored with
 * the run.
 */
final class NesterovOptimizer extends StatefulOptimizer {

    private final float momentum;

    NesterovOptimizer(Tracker learningRate, float momentum) {
        super(learningRate);
        this.momentum = momentum;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Entry entry = step(parameterId, weight, 1);
        float lr = learningRate.getNewValue(entry.steps);
        NDArray v = entry.buffers[0];
        try (NDScope scope = new NDScope()) {
            v.muli(momentum).addi(grad);
            // Update the storage through a detached view, outside autograd (PyTorch's p.data.sub_).
            weight.stopGradient().subi(grad.add(v.mul(momentum)).muli(lr));
        }
    }
}
