package carnot.api.optim;

/**
 * Where training stands, for schedules: the engine advances it before every optimizer step.
 * Measured in epochs so that a schedule means the same whatever the batch size.
 */
@FunctionalInterface
public interface TrainingClock {

    /** A clock that stays at the start of training. */
    TrainingClock START = () -> 0.0;

    /**
     * Epochs completed before the current step, fractional: step s (0-based) of S in epoch e
     * (1-based) is at {@code e - 1 + s / S}.
     */
    double epochs();
}
