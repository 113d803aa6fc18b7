package carnot.training.internal;

import ai.djl.training.tracker.Tracker;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.optim.LearningRateSchedule;
import carnot.api.optim.OptimizerContext;
import carnot.api.optim.OptimizerProvider;

/**
 * Base of the optimizers whose settings end with the schedule settings of
 * {@link LearningRateSchedules}: the schedule the engine records and the DJL tracker the optimizer
 * steps with are the same function.
 */
abstract class ScheduledOptimizerProvider implements OptimizerProvider {

    /** The peak learning rate setting, {@code (0, 100]}. */
    static Setting learningRateSetting(double defaultValue) {
        return Setting.number("learningRate", defaultValue, "step size lr (the peak, with a schedule)").greaterThan(0)
                .max(100);
    }

    /** A momentum setting in [0, 1). */
    static Setting momentumSetting(String what) {
        return Setting.number("momentum", 0.9, what + " m, in [0, 1)").min(0).max(0.999999);
    }

    @Override
    public final LearningRateSchedule schedule(Settings settings, OptimizerContext context) {
        return LearningRateSchedules.schedule(settings, context);
    }

    /** The tracker that reads {@link #schedule} on the context's clock. */
    final Tracker learningRate(Settings settings, OptimizerContext context) {
        return LearningRateSchedules.tracker(schedule(settings, context), context.clock());
    }
}
