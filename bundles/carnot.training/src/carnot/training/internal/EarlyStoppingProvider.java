package carnot.training.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.regularizers.EarlyStopping;
import carnot.api.regularizers.Regularizer;
import carnot.api.regularizers.RegularizerProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Early stopping as a regularizer (Morgan & Bourlard 1990; Prechelt 1998; listed among the explicit
 * regularizers by Zhang et al. 2017): the engine holds out {@code validationFraction} of the
 * training set (seeded), evaluates it after every epoch and stops when the chosen metric has not
 * improved by more than {@code minDelta} for {@code patience} epochs, restoring the best epoch's
 * weights unless {@code restoreBest} is off. The run records the validation curve, the stopping
 * epoch and the best epoch. See {@link EarlyStopping}.
 */
@Component(service = RegularizerProvider.class, property = Provider.ID + "=early-stopping")
public final class EarlyStoppingProvider implements RegularizerProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.number("validationFraction", 0.1, "fraction of the training set held out for validation")
                    .greaterThan(0).max(0.9),
            Setting.choice("metric", EarlyStopping.VALIDATION_LOSS, "monitored metric", EarlyStopping.VALIDATION_LOSS,
                    EarlyStopping.VALIDATION_ERROR),
            Setting.integer("patience", 5, "epochs without improvement before stopping").min(1),
            Setting.number("minDelta", 0.0, "an improvement must lower the best value by more than this").min(0),
            Setting.bool("restoreBest", true, "restore the weights of the best epoch at the end"));

    @Override
    public String title() {
        return "Early stopping";
    }

    @Override
    public String description() {
        return "Holds out a validation split and stops when its loss (or error) stops improving, restoring the best "
                + "weights (Prechelt 1998).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Regularizer create(Settings settings) {
        EarlyStopping rule = new EarlyStopping(settings.getDouble("validationFraction"), settings.getString("metric"),
                settings.getInt("patience"), settings.getDouble("minDelta"), settings.getBoolean("restoreBest"));
        return new Regularizer() {
            @Override
            public EarlyStopping earlyStopping() {
                return rule;
            }
        };
    }
}
