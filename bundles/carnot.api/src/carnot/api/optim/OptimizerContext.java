package carnot.api.optim;

import java.util.Objects;

/**
 * Facts about the training run an optimizer (and its schedule) may need.
 *
 * @param trainSize      number of training examples N
 * @param batchSize      minibatch size B of the first epoch
 * @param epochs         number of epochs planned (the most, when training stops at a target)
 * @param stepsPerEpoch  minibatch steps of the first epoch, ceil(N / B)
 * @param clock          training time, advanced by the engine before every step; schedules read it
 */
public record OptimizerContext(int trainSize, int batchSize, int epochs, int stepsPerEpoch, TrainingClock clock) {

    /** Checks that the clock is present. */
    public OptimizerContext {
        Objects.requireNonNull(clock, "clock");
    }

    /** A context whose clock stays at the start (for tests and one-off optimizers). */
    public OptimizerContext(int trainSize, int batchSize, int epochs, int stepsPerEpoch) {
        this(trainSize, batchSize, epochs, stepsPerEpoch, TrainingClock.START);
    }
}
