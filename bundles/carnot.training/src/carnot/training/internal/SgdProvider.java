package carnot.training.internal;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.optim.OptimizerContext;
import carnot.api.optim.OptimizerProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Minibatch SGD with heavy-ball momentum at a constant learning rate, DJL's implementation:
 * {@code v <- m v - lr g;  w <- w + v} (with {@code v} starting at zero this equals PyTorch's
 * {@code v <- m v + g;  w <- w - lr v} at constant lr). Momentum 0 is plain SGD; with the batch
 * size equal to the training set size it is full-batch gradient descent. Weight decay is a
 * separate regularizer.
 */
@Component(service = OptimizerProvider.class, property = Provider.ID + "=sgd")
public final class SgdProvider implements OptimizerProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.number("learningRate", 0.01, "step size lr").greaterThan(0).max(100),
            Setting.number("momentum", 0.9, "heavy-ball momentum m, in [0, 1)").min(0).max(0.999999));

    @Override
    public String title() {
        return "SGD with momentum";
    }

    @Override
    public String description() {
        return "Stochastic gradient descent with heavy-ball momentum at a constant learning rate "
                + "(Robbins & Monro 1951; Polyak 1964).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Optimizer create(Settings settings, OptimizerContext context) {
        return Optimizer.sgd()
                .setLearningRateTracker(Tracker.fixed((float) settings.getDouble("learningRate")))
                .optMomentum((float) settings.getDouble("momentum"))
                .build();
    }

    @Override
    public StepSize stepSize(Settings settings) {
        return new StepSize(settings.getDouble("learningRate"), settings.getDouble("momentum"));
    }
}
