package carnot.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.regularizers.Regularizer;
import carnot.api.regularizers.RegularizerProvider;
import org.osgi.service.component.annotations.Component;

/**
 * L2 weight decay as an explicit penalty {@code (lambda / 2) * sum_w ||w||^2}, whose gradient
 * {@code lambda * w} is what PyTorch's SGD {@code weight_decay=lambda} adds. By default it covers
 * every parameter (as PyTorch does); {@code weightsOnly} leaves biases out.
 */
@Component(service = RegularizerProvider.class, property = Provider.ID + "=weight-decay")
public final class WeightDecayProvider implements RegularizerProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.number("lambda", 5e-4, "decay coefficient lambda").min(0),
            Setting.bool("weightsOnly", false, "exclude biases"));

    @Override
    public String title() {
        return "Weight decay (L2)";
    }

    @Override
    public String description() {
        return "Adds (lambda/2) * sum ||w||^2 to the training loss (Krogh & Hertz 1992; Zhang et al. 2017 Table 1).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Regularizer create(Settings settings) {
        double lambda = settings.getDouble("lambda");
        boolean weightsOnly = settings.getBoolean("weightsOnly");
        return new Regularizer() {
            @Override
            public NDArray penalty(ParameterList parameters) {
                NDArray sum = null;
                for (Pair<String, Parameter> entry : parameters) {
                    Parameter parameter = entry.getValue();
                    if (!parameter.requiresGradient() || (weightsOnly && parameter.getType() != Parameter.Type.WEIGHT)) {
                        continue;
                    }
                    NDArray squares = parameter.getArray().square().sum();
                    sum = sum == null ? squares : sum.add(squares);
                }
                // A float scalar: a double would promote the whole loss to float64.
                return sum == null ? null : sum.mul((float) (lambda / 2));
            }
        };
    }
}
