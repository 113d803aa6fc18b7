package carnot.api.autograd;

/**
 * The network's outputs on some examples and the gradient of each example's loss with respect to
 * its own outputs, {@code d loss(f(x_i), y_i) / d f(x_i)}: the "backpropagated error" that
 * Fisher-Rao norms, Gauss-Newton products and influence estimates start from. Row-major
 * {@code count x outputs} arrays; example {@code i} of the range is row {@code i}.
 *
 * @param count         number of examples
 * @param outputs       width K of a row (the number of classes)
 * @param values        f(x_i), {@code count * outputs} values
 * @param losses        loss_i, {@code count} values
 * @param lossGradients d loss_i / d f(x_i), {@code count * outputs} values
 */
public record OutputGradients(int count, int outputs, double[] values, double[] losses, double[] lossGradients) {

    /** Output k of example i of the range. */
    public double value(int i, int k) {
        return values[i * outputs + k];
    }

    /** d loss_i / d f_k(x_i). */
    public double lossGradient(int i, int k) {
        return lossGradients[i * outputs + k];
    }
}
