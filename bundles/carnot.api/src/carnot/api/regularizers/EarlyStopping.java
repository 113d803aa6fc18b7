package carnot.api.regularizers;

import java.util.Objects;

/**
 * Early stopping on a validation split (Morgan &amp; Bourlard 1990; Prechelt 1998, "Early stopping -
 * but when?"): a fraction of the training set is held out before training (seeded), evaluated after
 * every epoch, and training stops once the chosen validation metric has not improved by more than
 * {@code minDelta} for {@code patience} epochs; the weights of the best epoch (epoch 0, the initial
 * weights, included) are then restored, or the last ones kept.
 *
 * @param validationFraction fraction of the training examples held out, in (0, 1)
 * @param metric             {@link #VALIDATION_LOSS} or {@link #VALIDATION_ERROR}
 * @param patience           epochs without improvement before stopping, at least 1
 * @param minDelta           an epoch improves when its value is below the best so far minus this
 * @param restoreBest        restore the best epoch's weights when training ends
 */
public record EarlyStopping(double validationFraction, String metric, int patience, double minDelta,
        boolean restoreBest) {

    /** Mean loss on the validation split. */
    public static final String VALIDATION_LOSS = "validation-loss";
    /** 0-1 error on the validation split. */
    public static final String VALIDATION_ERROR = "validation-error";

    /**
     * Checks the rule.
     *
     * @throws IllegalArgumentException when the fraction is outside (0, 1), the metric unknown, the patience below 1 or minDelta negative
     */
    public EarlyStopping {
        Objects.requireNonNull(metric, "metric");
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
        }
        if (!metric.equals(VALIDATION_LOSS) && !metric.equals(VALIDATION_ERROR)) {
            throw new IllegalArgumentException("metric must be " + VALIDATION_LOSS + " or " + VALIDATION_ERROR);
        }
        if (patience < 1 || minDelta < 0) {
            throw new IllegalArgumentException("patience must be >= 1 and minDelta >= 0");
        }
    }

    /** The monitored value of an evaluation of the validation split. */
    public double value(double loss, double error) {
        return metric.equals(VALIDATION_LOSS) ? loss : error;
    }
}
