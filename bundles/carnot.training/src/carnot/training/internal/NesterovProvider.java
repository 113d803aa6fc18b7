package carnot.training.internal;

import ai.djl.training.optimizer.Optimizer;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.optim.OptimizerContext;
import carnot.api.optim.OptimizerProvider;
import org.osgi.service.component.annotations.Component;

/**
 * SGD with Nesterov momentum, {@code v <- m v + g;  w <- w - lr (g + m v)} (Nesterov 1983; Sutskever,
 * Martens, Dahl & Hinton 2013), with a learning-rate schedule ({@link LearningRateSchedules}).
 */
@Component(service = OptimizerProvider.class, property = Provider.ID + "=nesterov")
public final class NesterovProvider extends ScheduledOptimizerProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(LearningRateSchedules.withScheduleSettings(
            learningRateSetting(0.01),
            momentumSetting("Nesterov momentum")));

    @Override
    public String title() {
        return "SGD with Nesterov momentum";
    }

    @Override
    public String description() {
        return "Nesterov's accelerated gradient in the form of Sutskever et al. (2013) and PyTorch: "
                + "v <- m v + g; w <- w - lr (g + m v).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Optimizer create(Settings settings, OptimizerContext context) {
        return new NesterovOptimizer(learningRate(settings, context),
                (float) settings.getDouble("momentum"));
    }

    @Override
    public StepSize stepSize(Settings settings) {
        return new StepSize(settings.getDouble("learningRate"), settings.getDouble("momentum"));
    }
}
