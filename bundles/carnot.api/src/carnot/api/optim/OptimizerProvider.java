package carnot.api.optim;

import ai.djl.training.optimizer.Optimizer;
import carnot.api.component.Provider;
import carnot.api.component.Settings;

/** Provides a DJL optimizer (with its learning-rate schedule) for one run. */
public interface OptimizerProvider extends Provider {

    Optimizer create(Settings settings, OptimizerContext context);

    /**
     * The learning rate and momentum the settings describe, for the SGD noise scale
     * {@code g = lr * N / (B (1 - m))} of Smith and Le (2018) recorded in every run.
     */
    StepSize stepSize(Settings settings);

    /** @param learningRate initial learning rate; @param momentum heavy-ball momentum in [0, 1) */
    record StepSize(double learningRate, double momentum) {
    }
}
