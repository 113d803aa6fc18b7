package carnot.training.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.losses.LossFunction;
import carnot.api.losses.LossProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Exponential loss l(z) = exp(-z) on margins (the loss AdaBoost minimizes; Soudry et al. 2018 prove
 * the max-margin implicit bias for it and the logistic loss), in two multiclass forms:
 * <ul>
 * <li>{@code pairwise}: sum over j != y of exp(-(f_y - f_j)); with K = 2 the binary exp(-y' (f_1 - f_0));</li>
 * <li>{@code one-vs-all}: sum over k of exp(-s_k f_k), s_y = +1, s_k = -1 otherwise.</li>
 * </ul>
 */
@Component(service = LossProvider.class, property = Provider.ID + "=exponential")
public final class ExponentialLossProvider implements LossProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.choice("form", "pairwise", "multiclass form: pairwise sum_{j!=y} exp(-(f_y-f_j)) (binary when "
                    + "K=2) or one-vs-all sum_k exp(-s_k f_k)", "pairwise", "one-vs-all"));

    @Override
    public String title() {
        return "Exponential loss";
    }

    @Override
    public String description() {
        return "exp(-margin), pairwise or one-vs-all; binary when K = 2 (Soudry et al. 2018).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public LossFunction create(Settings settings) {
        return ClassMargins.marginLoss(settings.getString("form"), z -> z.neg().exp());
    }
}
