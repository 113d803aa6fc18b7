package carnot.api.optim;

/** The learning rate as a function of training time in epochs (see {@link TrainingClock#epochs()}). */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate of a step taken after {@code epochs} (fractional) epochs of training. */
    double at(double epochs);
}
