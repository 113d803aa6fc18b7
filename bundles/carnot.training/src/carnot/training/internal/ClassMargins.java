package carnot.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import carnot.api.losses.LossFunction;
import java.util.function.UnaryOperator;

/**
 * The pieces the margin-based losses share, for outputs f of shape (B, K) and labels y of shape (B).
 * Every result belongs to the outputs' manager.
 */
final class ClassMargins {

    private ClassMargins() {
    }

    /** The labelled logit f_y, shape (B, 1). */
    static NDArray labelled(NDArray outputs, NDArray labels) {
        return outputs.gather(labels.toType(DataType.INT64, false).reshape(-1, 1), 1);
    }

    /** The one-hot code e_y of the labels in the outputs' type, shape (B, K). */
    static NDArray oneHot(NDArray outputs, NDArray labels) {
        return labels.toType(DataType.INT64, false).oneHot((int) outputs.getShape().get(1))
                .toType(outputs.getDataType(), false);
    }

    /** The mask 1 - e_y of the other classes, shape (B, K). */
    static NDArray others(NDArray outputs, NDArray labels) {
        return oneHot(outputs, labels).neg().add(1);
    }

    /**
     * A margin loss l applied in one of two multiclass forms: {@code pairwise},
     * sum over j != y of l(f_y - f_j) (the binary loss of f_1 - f_0 when K = 2), or
     * {@code one-vs-all}, sum over k of l(s_k f_k).
     */
    static LossFunction marginLoss(String form, UnaryOperator<NDArray> l) {
        if (form.equals("one-vs-all")) {
            return (outputs, labels) -> l.apply(signed(outputs, labels)).sum(new int[] {1});
        }
        // The j = y term is l(0), not a loss: masked out.
        return (outputs, labels) -> l.apply(pairwise(outputs, labels)).mul(others(outputs, labels))
                .sum(new int[] {1});
    }

    /** Pairwise margins z_j = f_y - f_j, shape (B, K); z_y = 0. */
    static NDArray pairwise(NDArray outputs, NDArray labels) {
        return labelled(outputs, labels).sub(outputs);
    }

    /** Signed outputs s_k f_k with s_y = +1 and s_k = -1 otherwise (one-vs-all), shape (B, K). */
    static NDArray signed(NDArray outputs, NDArray labels) {
        return outputs.mul(oneHot(outputs, labels).mul(2).sub(1));
    }

    /** log(1 + exp(-z)), elementwise, without overflow: max(-z, 0) + log(1 + exp(-|z|)). */
    static NDArray softplusOfNegative(NDArray z) {
        return z.neg().maximum(0).add(z.abs().neg().exp().add(1).log());
    }
}
