package carnot.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.tracker.Tracker;

/**
 * Adam, Algorithm 1 of Kingma & Ba (2015), as PyTorch's {@code torch.optim.Adam} computes it: at step t,
 * {@code m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;  w <- w - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}.
 * (DJL's own Adam folds the bias corrections into the step size, which moves eps; written out
 * here so that the update is exactly the textbook one.) Moments live on the parameter's manager;
 * they and the step count t are saved and restored with the run.
 */
final class AdamOptimizer extends StatefulOptimizer {

    private final float beta1;
    private final float beta2;
    private final float epsilon;

    AdamOptimizer(Tracker learningRate, float beta1, float beta2, float epsilon) {
        super(learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Entry entry = step(parameterId, weight, 2);
        int t = entry.steps;
        float lr = learningRate.getNewValue(t);
        NDArray[] mv = entry.buffers;
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        try (NDScope scope = new NDScope()) {
            mv[0].muli(beta1).addi(grad.mul(1 - beta1));
            mv[1].muli(beta2).addi(grad.square().muli(1 - beta2));
            NDArray denominator = mv[1].div((float) correction2).sqrt().addi(epsilon);
            // Update the storage through a detached view, outside autograd (PyTorch's p.data.sub_).
            weight.stopGradient().subi(mv[0].div(denominator).muli((float) (lr / correction1)));
        }
    }
}
