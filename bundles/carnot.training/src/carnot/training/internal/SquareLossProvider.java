package carnot.training.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.losses.LossFunction;
import carnot.api.losses.LossProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Square loss on one-hot targets, l(f, y) = sum_k (f_k - c e_{y,k})^2 with target scale c (default
 * 1), or its mean over the K classes. The regression view of classification (Hui & Belkin 2021);
 * with a linear model trained from zero it is the least-squares problem whose gradient descent
 * ends at the minimum-norm interpolant (Zhang et al. 2017, section 5).
 */
@Component(service = LossProvider.class, property = Provider.ID + "=square")
public final class SquareLossProvider implements LossProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.number("targetScale", 1.0, "value c of the labelled class's target c e_y").greaterThan(0),
            Setting.choice("reduction", "sum", "over the K classes: sum or mean", "sum", "mean"));

    @Override
    public String title() {
        return "Square loss";
    }

    @Override
    public String description() {
        return "||f - c e_y||^2 on one-hot targets, summed or averaged over classes (Hui & Belkin 2021).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public LossFunction create(Settings settings) {
        float scale = (float) settings.getDouble("targetScale");
        boolean mean = settings.getString("reduction").equals("mean");
        return (outputs, labels) -> {
            var squares = outputs.sub(ClassMargins.oneHot(outputs, labels).mul(scale)).square();
            return mean ? squares.mean(new int[] {1}) : squares.sum(new int[] {1});
        };
    }
}
