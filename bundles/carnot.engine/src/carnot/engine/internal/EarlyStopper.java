package carnot.engine.internal;

import carnot.api.regularizers.EarlyStopping;

/**
 * The bookkeeping of {@link EarlyStopping}: fed the validation loss and error after every epoch
 * (epoch 0 first), it tracks the best epoch and says when to stop. An epoch improves when its value
 * is below {@code best - minDelta}; training stops after {@code patience} epochs in a row without
 * improvement. Not thread-safe; pure Java.
 */
public final class EarlyStopper {

    private final EarlyStopping rule;
    private int bestEpoch = -1;
    private double bestValue = Double.POSITIVE_INFINITY;
    private int sinceBest;

    public EarlyStopper(EarlyStopping rule) {
        this.rule = rule;
    }

    public EarlyStopping rule() {
        return rule;
    }

    /**
     * Records one epoch's validation metrics.
     *
     * @return whether this epoch is the new best (its weights should be kept)
     */
    public boolean observe(int epoch, double loss, double error) {
        double value = rule.value(loss, error);
        if (bestEpoch < 0 || value < bestValue - rule.minDelta()) {
            bestEpoch = epoch;
            bestValue = value;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    /** Whether {@code patience} epochs have passed without improvement. */
    public boolean shouldStop() {
        return sinceBest >= rule.patience();
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    public double bestValue() {
        return bestValue;
    }
}
