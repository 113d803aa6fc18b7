package carnot.training.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.losses.LossFunction;
import carnot.api.losses.LossProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Multiclass hinge loss with margin d (default 1):
 * <ul>
 * <li>{@code crammer-singer}: max(0, d - (f_y - max_{j != y} f_j)) (Crammer & Singer 2001), computed as
 * max_j (d [j != y] + f_j) - f_y, which is the same and never negative; with K = 2 the binary
 * hinge max(0, d - y' (f_1 - f_0));</li>
 * <li>{@code weston-watkins}: sum over j != y of max(0, d - (f_y - f_j)) (Weston & Watkins 1999).</li>
 * </ul>
 */
@Component(service = LossProvider.class, property = Provider.ID + "=hinge")
public final class HingeLossProvider implements LossProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.choice("form", "crammer-singer", "multiclass form: crammer-singer (worst other class) or "
                    + "weston-watkins (sum over other classes)", "crammer-singer", "weston-watkins"),
            Setting.number("margin", 1.0, "required margin d").greaterThan(0));

    @Override
    public String title() {
        return "Hinge loss";
    }

    @Override
    public String description() {
        return "Multiclass hinge max(0, d - margin): Crammer-Singer or Weston-Watkins; the SVM loss.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public LossFunction create(Settings settings) {
        float margin = (float) settings.getDouble("margin");
        if (settings.getString("form").equals("weston-watkins")) {
            return (outputs, labels) -> {
                var others = ClassMargins.others(outputs, labels);
                return ClassMargins.pairwise(outputs, labels).neg().add(margin).maximum(0).mul(others)
                        .sum(new int[] {1});
            };
        }
        return (outputs, labels) -> {
            var others = ClassMargins.others(outputs, labels);
            return outputs.add(others.mul(margin)).max(new int[] {1})
                    .sub(ClassMargins.labelled(outputs, labels).reshape(-1));
        };
    }
}
