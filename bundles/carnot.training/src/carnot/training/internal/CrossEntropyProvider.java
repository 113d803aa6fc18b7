package carnot.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.losses.LossFunction;
import carnot.api.losses.LossProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Multiclass cross-entropy on logits: {@code l(f, y) = -log softmax(f)_y = logsumexp(f) - f_y},
 * computed with a numerically stable log-softmax. With label smoothing eps (Szegedy et al. 2016, the
 * regularizer of section 7), the target is (1 - eps) e_y + eps / K, so
 * {@code l = (1 - eps)(-log p_y) + eps * mean_k(-log p_k)}; eps = 0 (the default) is plain cross-entropy.
 */
@Component(service = LossProvider.class, property = Provider.ID + "=cross-entropy")
public final class CrossEntropyProvider implements LossProvider {

    /** The loss function itself, stateless. */
    public static final LossFunction CROSS_ENTROPY = (outputs, labels) -> {
        NDArray logProbabilities = outputs.logSoftmax(1);
        NDArray index = labels.toType(DataType.INT64, false).reshape(-1, 1);
        return logProbabilities.gather(index, 1).reshape(-1).neg();
    };

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.number("labelSmoothing", 0.0, "label smoothing eps: target (1-eps) e_y + eps/K; 0 = off")
                    .min(0).max(1));

    @Override
    public String title() {
        return "Cross-entropy";
    }

    @Override
    public String description() {
        return "Softmax cross-entropy on the logits, -log softmax(f)_y.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public LossFunction create(Settings settings) {
        float eps = (float) settings.getDouble("labelSmoothing");
        if (eps == 0) {
            return CROSS_ENTROPY;
        }
        return (outputs, labels) -> {
            NDArray logProbabilities = outputs.logSoftmax(1);
            NDArray index = labels.toType(DataType.INT64, false).reshape(-1, 1);
            NDArray labelled = logProbabilities.gather(index, 1).reshape(-1).neg();
            NDArray uniform = logProbabilities.mean(new int[] {1}).neg();
            return labelled.mul(1 - eps).add(uniform.mul(eps));
        };
    }
}
