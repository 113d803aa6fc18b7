package carnot.analysis.margins.internal;

import carnot.analysis.margins.Margins;
import carnot.analysis.norms.LayerMatrix;
import carnot.analysis.norms.SpectralComplexity;
import carnot.analysis.norms.WeightMatrices;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisMemory;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.analysis.Predictions;
import carnot.api.analysis.Split;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.api.experiment.MemoryEstimate;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;

/**
 * Output margins {@code gamma_i = f_{y_i}(x_i) - max_{j != y_i} f_j(x_i)} divided by a scale of
 * the network, so that networks of different sizes and training lengths can be compared
 * (Bartlett, Foster and Telgarsky 2017, section 2 and Figure 2):
 * <ul>
 * <li>{@code <split>.spectral.*}: gamma_i / R_A, with R_A the spectral complexity
 * ({@link SpectralComplexity}); with the setting {@code dataScale}, gamma_i n / (R_A ||X||_2),
 * where ||X||_2 = sqrt(sum_i ||x_i||^2) over the training inputs, the quantity their margin bound
 * depends on;</li>
 * <li>{@code <split>.frobenius.*}: gamma_i / prod_i ||W_i||_F (Neyshabur et al. 2015).</li>
 * </ul>
 * Each distribution is reported as min, mean, median, 5% quantile, fraction non-positive, the
 * quantiles and a histogram. Random-label fits have far smaller normalized margins than
 * true-label fits; that is what the normalization is for.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=normalized-margins")
public final class NormalizedMarginsProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("bins", 50, "histogram bins").min(1).max(10_000),
            Setting.bool("test", true, "also on the test set"),
            Setting.choice("reference", "zero", "reference matrices M_i of the spectral complexity: zero (as in "
                    + "Bartlett et al.'s experiments) or the initial weights", "zero", "initial"),
            Setting.bool("dataScale", true, "also divide by ||X||_2 / n of the training inputs"));

    @Override
    public String title() {
        return "Normalized margin distribution";
    }

    @Override
    public String description() {
        return "Margins divided by the spectral complexity R_A (and ||X||_2/n) and by the product of Frobenius "
                + "norms, on train and test (Bartlett, Foster & Telgarsky 2017).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    /**
     * One SVD per layer for the spectral complexity (the largest counts), and with dataScale the
     * training inputs as a dense n x d double matrix for ||X||_2.
     */
    @Override
    public MemoryEstimate memoryEstimate(Settings settings, AnalysisTarget target) {
        long d = 1;
        for (int size : target.exampleShape()) {
            d *= size;
        }
        MemoryEstimate svd = AnalysisMemory.largestLayerSvd(target);
        return settings.getBoolean("dataScale")
                ? svd.plus(AnalysisMemory.denseMatrix(target.trainSize(), d, "training inputs for ||X||_2")) : svd;
    }

    @Override
    public Analysis create(Settings settings) {
        int bins = settings.getInt("bins");
        boolean test = settings.getBoolean("test");
        SpectralComplexity.Reference reference = SpectralComplexity.Reference.valueOf(
                settings.getString("reference").toUpperCase(Locale.ROOT));
        boolean dataScale = settings.getBoolean("dataScale");
        return context -> {
            List<LayerMatrix> layers = WeightMatrices.of(context.model(), context.initialParameters());
            double complexity = SpectralComplexity.of(layers, reference,
                    SpectralComplexity.lipschitz(WeightMatrices.activation(context.spec())));
            double frobenius = SpectralComplexity.frobeniusProduct(layers);
            Dataset train = context.dataset(Split.TRAIN);
            double scale = dataScale ? SpectralComplexity.inputNorm(train) / train.size() : 1;
            AnalysisResult.Builder result = AnalysisResult.builder();
            result.scalar("spectralComplexity", complexity);
            result.scalar("frobeniusProduct", frobenius);
            result.scalar("inputNorm", SpectralComplexity.inputNorm(train));
            if (complexity == 0 || frobenius == 0) {
                return result.build();
            }
            for (Split split : Split.values()) {
                Predictions predictions = context.predictions(split);
                if ((split == Split.TEST && !test) || predictions.size() == 0) {
                    continue;
                }
                double[] margins = Margins.outputMargins(predictions);
                double[] spectral = new double[margins.length];
                double[] byFrobenius = new double[margins.length];
                for (int i = 0; i < margins.length; i++) {
                    spectral[i] = margins[i] / (complexity * scale);
                    byFrobenius[i] = margins[i] / frobenius;
                }
                Margins.summarize(split.label() + ".spectral.", spectral, bins, result);
                Margins.summarize(split.label() + ".frobenius.", byFrobenius, bins, result);
            }
            return result.build();
        };
    }
}
