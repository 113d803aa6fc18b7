package carnot.analysis.margins.internal;

import carnot.analysis.margins.Margins;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Predictions;
import carnot.api.analysis.Split;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import org.osgi.service.component.annotations.Component;

/**
 * The distribution of output margins {@code f_y(x) - max_{j != y} f_j(x)} on the training and
 * test sets: minimum, mean, quantiles, the fraction of non-positive margins and a histogram.
 * Random-label fits have far smaller margins than true-label fits (Bartlett et al. 2017, Fig. 1);
 * normalized margins come with the spectral-complexity analysis.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=margins")
public final class MarginDistributionProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("bins", 50, "histogram bins").min(1).max(10_000),
            Setting.bool("test", true, "also on the test set"));

    @Override
    public String title() {
        return "Output margin distribution";
    }

    @Override
    public String description() {
        return "Per-example margins f_y(x) - max_{j!=y} f_j(x) on train and test: min, mean, quantiles, "
                + "fraction <= 0, histogram (Bartlett, Foster & Telgarsky 2017).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Analysis create(Settings settings) {
        int bins = settings.getInt("bins");
        boolean test = settings.getBoolean("test");
        return context -> {
            AnalysisResult.Builder result = AnalysisResult.builder();
            for (Split split : Split.values()) {
                if (split == Split.TEST && !test) {
                    continue;
                }
                Predictions predictions = context.predictions(split);
                if (predictions.size() == 0) {
                    continue;
                }
                Margins.summarize(split.label() + ".", Margins.outputMargins(predictions), bins, result);
            }
            return result.build();
        };
    }
}
