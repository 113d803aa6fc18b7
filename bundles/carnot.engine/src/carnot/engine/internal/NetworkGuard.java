package carnot.engine.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Keeps what runs between training steps (analyses, evaluations) from leaking into training.
 *
 * <p>Why: an analysis receives the live network. DJL's {@code GradientCollector} accumulates into
 * the parameters' own gradient buffers, so an analysis that calls {@code backward} on the model
 * (a gradient norm, a Hessian-vector product through the collector) leaves its gradient there, and
 * the next training step adds it to its own: the step becomes "the normal step plus a multiple of
 * the analysis's gradient", once, at whichever epoch the analysis ran before (the jump of issue 16,
 * item 10). Zeroing the buffers before every step, and after every analysis, makes a step's update
 * the batch's gradient alone whatever ran before it; restoring a weight snapshot after every
 * analysis makes training continue from exactly the weights it left.
 */
final class NetworkGuard {

    private NetworkGuard() {
    }

    /** Sets every given parameter's gradient buffer to zero, in place. */
    static void zeroGradients(List<Pair<String, Parameter>> parameters) {
        for (Pair<String, Parameter> parameter : parameters) {
            NDArray weight = parameter.getValue().getArray();
            if (weight.hasGradient()) {
                try (NDArray gradient = weight.getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
    }

    /** Puts back the weights of a {@link ModelEvaluator#snapshot} if anything changed them; whether it did. */
    static boolean restoreIfChanged(Block block, Map<String, float[]> snapshot) {
        boolean changed = false;
        for (Pair<String, Parameter> entry : block.getParameters()) {
            if (!Arrays.equals(entry.getValue().getArray().toFloatArray(), snapshot.get(entry.getKey()))) {
                changed = true;
                break;
            }
        }
        if (changed) {
            ModelEvaluator.restore(block, snapshot);
        }
        return changed;
    }
}
