package carnot.analysis.margins.internal;

import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Histogram;
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

    /** Quantile levels reported as {@code <split>.quantiles}. */
    public static final double[] LEVELS = {0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1};

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
                double[] margins = Margins.outputMargins(predictions);
                double[] sorted = Margins.sorted(margins);
                String prefix = split.label() + ".";
                double sum = 0;
                int nonPositive = 0;
                for (double m : margins) {
                    sum += m;
                    if (m <= 0) {
                        nonPositive++;
                    }
                }
                result.scalar(prefix + "min", sorted[0]);
                result.scalar(prefix + "mean", sum / margins.length);
                result.scalar(prefix + "median", Margins.quantile(sorted, 0.5));
                result.scalar(prefix + "q05", Margins.quantile(sorted, 0.05));
                result.scalar(prefix + "fractionNonPositive", (double) nonPositive / margins.length);
                double[] quantiles = new double[LEVELS.length];
                for (int i = 0; i < LEVELS.length; i++) {
                    quantiles[i] = Margins.quantile(sorted, LEVELS[i]);
                }
                result.series(prefix + "quantileLevels", LEVELS);
                result.series(prefix + "quantiles", quantiles);
                result.histogram(prefix + "histogram", Histogram.of(margins, bins));
            }
            return result.build();
        };
    }
}
