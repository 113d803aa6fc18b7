package carnot.api.optim;

/**
 * Facts about the training run an optimizer (and its schedule) may need.
 *
 * @param trainSize      number of training examples N
 * @param batchSize      minibatch size B
 * @param epochs         number of epochs planned
 * @param stepsPerEpoch  minibatch steps per epoch, ceil(N / B)
 */
public record OptimizerContext(int trainSize, int batchSize, int epochs, int stepsPerEpoch) {
}
