package carnot.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.losses.LossFunction;
import carnot.api.losses.LossProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Multiclass cross-entropy on logits: {@code l(f, y) = -log softmax(f)_y = logsumexp(f) - f_y},
 * computed with a numerically stable log-softmax.
 */
@Component(service = LossProvider.class, property = Provider.ID + "=cross-entropy")
public final class CrossEntropyProvider implements LossProvider {

    /** The loss function itself, stateless. */
    public static final LossFunction CROSS_ENTROPY = (outputs, labels) -> {
        NDArray logProbabilities = outputs.logSoftmax(1);
        NDArray index = labels.toType(DataType.INT64, false).reshape(-1, 1);
        return logProbabilities.gather(index, 1).reshape(-1).neg();
    };

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
        return SettingsSchema.empty();
    }

    @Override
    public LossFunction create(Settings settings) {
        return CROSS_ENTROPY;
    }
}
