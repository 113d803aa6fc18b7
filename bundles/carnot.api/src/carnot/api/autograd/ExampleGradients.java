package carnot.api.autograd;

/** Receives per-example gradients one at a time, so that n of them never sit in memory together. */
@FunctionalInterface
public interface ExampleGradients {

    /**
     * @param example  index into the dataset (not into the range)
     * @param loss     {@code loss(f(x_i), y_i)}
     * @param gradient {@code d loss_i / d theta} over the selected parameters, flattened; a new
     *                 array per call, the receiver's to keep
     */
    void accept(int example, double loss, double[] gradient);
}
