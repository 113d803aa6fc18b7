package carnot.api.experiment;

/**
 * The SGD noise scale of Smith &amp; Le (2018, "A Bayesian perspective on generalization and
 * stochastic gradient descent", Section 5), a derived quantity of an experiment rather than
 * something the training loop measures:
 *
 * <pre>  g = lr · N / (B · (1 − m))</pre>
 *
 * with lr the (peak) learning rate, N the training-set size, B the batch size of the first epoch and
 * m the heavy-ball momentum. Smith &amp; Le find the test accuracy of SGD to depend on lr and B through
 * g, with an optimal g proportional to N. Runs record it as {@code sgdNoiseScale} in their provenance.
 *
 * @param learningRate the optimizer's (peak) learning rate
 * @param momentum     heavy-ball momentum, normally in [0, 1); 0 without momentum (m = 1 gives an
 *                     infinite scale, as the formula says)
 * @param batchSize    the minibatch size of the first epoch
 * @param trainSize    N, the number of training examples
 */
public record SgdNoiseScale(double learningRate, double momentum, int batchSize, int trainSize) {

    /**
     * Checks the sizes.
     *
     * @throws IllegalArgumentException when the batch or training-set size is below 1
     */
    public SgdNoiseScale {
        if (batchSize < 1 || trainSize < 1) {
            throw new IllegalArgumentException("the SGD noise scale needs batch and training sizes >= 1, got B = "
                    + batchSize + ", N = " + trainSize);
        }
    }

    /** The noise scale of an experiment's training on {@code trainSize} examples with this step size. */
    public static SgdNoiseScale of(double learningRate, double momentum, TrainingSpec training, int trainSize) {
        return new SgdNoiseScale(learningRate, momentum, training.batchSizeAt(1, trainSize), trainSize);
    }

    /** {@code g = lr · N / (B · (1 − m))}. */
    public double value() {
        return learningRate * trainSize / (batchSize * (1 - momentum));
    }
}
