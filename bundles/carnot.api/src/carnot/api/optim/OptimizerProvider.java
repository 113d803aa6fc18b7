package carnot.api.optim;

import ai.djl.training.optimizer.Optimizer;
import carnot.api.component.Provider;
import carnot.api.component.Settings;

/** Provides a DJL optimizer (with its learning-rate schedule) for one run. */
public interface OptimizerProvider extends Provider {

    /** The optimizer configured by {@code settings} for a run of {@code context}'s length and batches. */
    Optimizer create(Settings settings, OptimizerContext context);

    /**
     * The learning rate and momentum the settings describe, for the SGD noise scale
     * {@code g = lr * N / (B (1 - m))} of Smith and Le (2018) recorded in every run.
     */
    StepSize stepSize(Settings settings);

    /**
     * The learning rate the optimizer uses at each point of training, recorded per epoch in the
     * run's metrics. The default is constant at {@link #stepSize}'s learning rate; providers with
     * a schedule override it and drive their optimizer from the same schedule.
     */
    default LearningRateSchedule schedule(Settings settings, OptimizerContext context) {
        double learningRate = stepSize(settings).learningRate();
        return epochs -> learningRate;
    }

    /** @param learningRate initial (peak, after warm-up) learning rate; @param momentum heavy-ball momentum in [0, 1), 0 for
     * optimizers without one */
    record StepSize(double learningRate, double momentum) {
    }
}
