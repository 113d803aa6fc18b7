package carnot.training.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.losses.LossFunction;
import carnot.api.losses.LossProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Logistic loss l(z) = log(1 + exp(-z)) on margins, in two multiclass forms:
 * <ul>
 * <li>{@code pairwise}: sum over j != y of l(f_y - f_j); with K = 2 it is the binary logistic loss
 * l(y' w.x) of the difference f_1 - f_0 with y' = +-1, the setting of Soudry et al. (2018) whose
 * gradient descent converges in direction to the hard-margin SVM;</li>
 * <li>{@code one-vs-all}: sum over k of l(s_k f_k), s_y = +1, s_k = -1 otherwise (K independent binary
 * problems).</li>
 * </ul>
 */
@Component(service = LossProvider.class, property = Provider.ID + "=logistic")
public final class LogisticLossProvider implements LossProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.choice("form", "pairwise", "multiclass form: pairwise sum_{j!=y} l(f_y-f_j) (binary when K=2) "
                    + "or one-vs-all sum_k l(s_k f_k)", "pairwise", "one-vs-all"));

    @Override
    public String title() {
        return "Logistic loss";
    }

    @Override
    public String description() {
        return "log(1+exp(-margin)), pairwise or one-vs-all; binary logistic regression when K = 2 "
                + "(Soudry et al. 2018).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public LossFunction create(Settings settings) {
        return ClassMargins.marginLoss(settings.getString("form"), ClassMargins::softplusOfNegative);
    }
}
