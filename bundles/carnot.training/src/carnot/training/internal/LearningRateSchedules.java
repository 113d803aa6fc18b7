package carnot.training.internal;

import ai.djl.training.tracker.Tracker;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.optim.LearningRateSchedule;
import carnot.api.optim.OptimizerContext;
import carnot.api.optim.TrainingClock;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning-rate schedules every optimizer offers, as functions of training time t in epochs
 * (fractional; see {@link TrainingClock}), with peak rate lr, T planned epochs and w warm-up epochs:
 * <ul>
 * <li>{@code constant}: lr;</li>
 * <li>{@code step}: lr * f^floor(t / k), decay by the factor f every k epochs (He et al. 2016);</li>
 * <li>{@code cosine}: lr_min + (lr - lr_min)(1 + cos(pi t / T)) / 2 (Loshchilov & Hutter 2017, one
 * cycle without restarts);</li>
 * </ul>
 * and, for any of them, a linear warm-up lr * t / w over the first w epochs (Goyal et al. 2017);
 * the decay's clock starts after the warm-up.
 */
final class LearningRateSchedules {

    private LearningRateSchedules() {
    }

    /** The schedule settings, appended to an optimizer's own. */
    static Setting[] withScheduleSettings(Setting... own) {
        List<Setting> all = new ArrayList<>(List.of(own));
        all.add(Setting.choice("schedule", "constant", "learning-rate schedule", "constant", "step", "cosine"));
        all.add(Setting.number("warmupEpochs", 0.0, "linear warm-up from 0 to learningRate over this many epochs")
                .min(0).max(1e6));
        all.add(Setting.number("decayEvery", 30.0, "step schedule: epochs between decays").greaterThan(0));
        all.add(Setting.number("decayFactor", 0.1, "step schedule: factor per decay").greaterThan(0).max(1));
        all.add(Setting.number("finalLearningRate", 0.0, "cosine schedule: learning rate at the last epoch").min(0));
        return all.toArray(Setting[]::new);
    }

    static LearningRateSchedule schedule(Settings settings, OptimizerContext context) {
        double lr = settings.getDouble("learningRate");
        double warmup = settings.getDouble("warmupEpochs");
        double every = settings.getDouble("decayEvery");
        double factor = settings.getDouble("decayFactor");
        double floor = settings.getDouble("finalLearningRate");
        double decayEpochs = Math.max(1e-9, context.epochs() - warmup);
        String kind = settings.getString("schedule");
        return t -> {
            if (t < warmup) {
                return lr * t / warmup;
            }
            double u = t - warmup;
            return switch (kind) {
                case "step" -> lr * Math.pow(factor, Math.floor(u / every));
                case "cosine" -> floor + (lr - floor) * (1 + Math.cos(Math.PI * Math.min(1, u / decayEpochs))) / 2;
                default -> lr;
            };
        };
    }

    /** A DJL tracker that reads the schedule at the clock's time, whatever DJL's update count says. */
    static Tracker tracker(LearningRateSchedule schedule, TrainingClock clock) {
        return numUpdate -> (float) schedule.at(clock.epochs());
    }
}
