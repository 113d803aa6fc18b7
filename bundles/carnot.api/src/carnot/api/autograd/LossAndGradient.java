package carnot.api.autograd;

/**
 * The mean loss {@code L = (1/n) sum_i loss(f(x_i), y_i)} over some examples and its gradient
 * with respect to the selected parameters, flattened in {@link Autograd#parameterNames()} order.
 *
 * @param loss     L
 * @param gradient dL/dtheta, {@link Autograd#dimension()} values; the caller's to keep
 */
public record LossAndGradient(double loss, double[] gradient) {
}
