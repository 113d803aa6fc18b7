package carnot.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.tracker.Tracker;

/**
 * SGD with heavy-ball momentum in DJL's form (its libtorch {@code sgdUpdate}, operation for
 * operation): {@code s <- m s + lr g;  w <- w - s}, i.e. {@code v <- m v - lr g;  w <- w + v} with
 * {@code v = -s}; with {@code m = 0} simply {@code w <- w - lr g}. Written out here, rather than
 * taken from DJL, so that the momentum buffers are saved and restored with the run.
 */
final class HeavyBallSgdOptimizer extends StatefulOptimizer {

    private final float momentum;

    HeavyBallSgdOptimizer(Tracker learningRate, float momentum) {
        super(learningRate);
        this.momentum = momentum;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Entry entry = step(parameterId, weight, momentum == 0f ? 0 : 1);
        float lr = learningRate.getNewValue(entry.steps);
        try (NDScope scope = new NDScope()) {
            NDArray step = grad.mul(lr);
            // Update the storage through a detached view, outside autograd (PyTorch's p.data.sub_).
            if (momentum == 0f) {
                weight.stopGradient().subi(step);
            } else {
                NDArray s = entry.buffers[0];
                s.muli(momentum).addi(step);
                weight.stopGradient().subi(s);
            }
        }
    }
}
