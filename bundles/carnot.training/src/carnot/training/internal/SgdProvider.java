package carnot.training.internal;

import ai.djl.training.optimizer.Optimizer;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.optim.OptimizerContext;
import carnot.api.optim.OptimizerProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Minibatch SGD with heavy-ball momentum and a learning-rate schedule ({@link LearningRateSchedules}),
 * in DJL's form ({@link HeavyBallSgdOptimizer}, resumable):
 * {@code v <- m v - lr g;  w <- w + v} (with {@code v} starting at zero this equals PyTorch's
 * {@code v <- m v + g;  w <- w - lr v} at constant lr; under a schedule DJL's form scales new
 * gradients, not the velocity, by the current lr). Momentum 0 is plain SGD; with the batch
 * size equal to the training set size it is full-batch gradient descent. Weight decay is a
 * separate regularizer.
 */
@Component(service = OptimizerProvider.class, property = Provider.ID + "=sgd")
public final class SgdProvider extends ScheduledOptimizerProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(LearningRateSchedules.withScheduleSettings(
            learningRateSetting(0.01),
            momentumSetting("heavy-ball momentum")));

    @Override
    public String title() {
        return "SGD with momentum";
    }

    @Override
    public String description() {
        return "Stochastic gradient descent with heavy-ball momentum and a learning-rate schedule "
                + "(Robbins & Monro 1951; Polyak 1964).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Optimizer create(Settings settings, OptimizerContext context) {
        return new HeavyBallSgdOptimizer(learningRate(settings, context), (float) settings.getDouble("momentum"));
    }

    @Override
    public StepSize stepSize(Settings settings) {
        return new StepSize(settings.getDouble("learningRate"), settings.getDouble("momentum"));
    }
}
