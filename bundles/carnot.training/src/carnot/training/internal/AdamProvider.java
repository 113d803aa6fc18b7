package carnot.training.internal;

import ai.djl.training.optimizer.Optimizer;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.optim.OptimizerContext;
import carnot.api.optim.OptimizerProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Adam (Kingma & Ba 2015) with bias-corrected moments, exactly Algorithm 1 (see
 * {@link AdamOptimizer}), with a learning-rate schedule ({@link LearningRateSchedules}).
 */
@Component(service = OptimizerProvider.class, property = Provider.ID + "=adam")
public final class AdamProvider extends ScheduledOptimizerProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(LearningRateSchedules.withScheduleSettings(
            learningRateSetting(0.001),
            Setting.number("beta1", 0.9, "first-moment decay b1, in [0, 1)").min(0).max(0.999999),
            Setting.number("beta2", 0.999, "second-moment decay b2, in [0, 1)").min(0).max(0.99999999),
            Setting.number("epsilon", 1e-8, "added to sqrt(v hat)").greaterThan(0).max(1)));

    @Override
    public String title() {
        return "Adam";
    }

    @Override
    public String description() {
        return "Adaptive moment estimation with bias correction (Kingma & Ba 2015), as torch.optim.Adam.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Optimizer create(Settings settings, OptimizerContext context) {
        return new AdamOptimizer(learningRate(settings, context),
                (float) settings.getDouble("beta1"), (float) settings.getDouble("beta2"),
                (float) settings.getDouble("epsilon"));
    }

    /** Adam has no heavy-ball momentum: the noise-scale formula is given lr with m = 0. */
    @Override
    public StepSize stepSize(Settings settings) {
        return new StepSize(settings.getDouble("learningRate"), 0.0);
    }
}
