package carnot.analysis.bounds.internal;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.analysis.bounds.GeneralizationBounds;
import carnot.analysis.margins.Margins;
import carnot.analysis.norms.LayerMatrix;
import carnot.analysis.norms.SpectralComplexity;
import carnot.analysis.norms.WeightMatrices;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Predictions;
import carnot.api.analysis.Split;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * Three generalization bounds, each next to what it bounds, so that one sees how loose it is
 * ({@link GeneralizationBounds} states each formula):
 * <ul>
 * <li>{@code vc.*}: Vapnik's bound with the VC dimension taken as the trainable parameter count p
 * (exact for a binary linear classifier with bias, h = d + 1; for ReLU networks the true VC
 * dimension is of order p L log p, Bartlett et al. 2019, so this is optimistic), vacuous
 * ({@code vc.vacuous} = 1, {@code vc.bound} = 1) when p >= m;</li>
 * <li>{@code spectral.*}: the spectrally-normalized margin bound of Bartlett, Foster and Telgarsky
 * (2017) at the margin gamma = the {@code marginQuantile} quantile of the training margins, in the
 * fixed-budget form of {@link GeneralizationBounds#spectralMargin}; {@code spectral.applies} is 1
 * only when the network has the theorem's form (fully connected layers without biases, hidden
 * activation with sigma(0) = 0: relu, tanh, gelu or none). Otherwise biases and convolutions enter
 * only through their weight matrices and the value is a heuristic, not the theorem's bound;</li>
 * <li>{@code validation.*}: the Kawaguchi-Kaelbling-Bengio bound, with a seeded random
 * {@code validationFraction} of the test split as the validation set of size m, |F_val| =
 * {@code candidates} models compared on it, next to the error on the rest of the test split
 * ({@code validation.heldOutError}).</li>
 * </ul>
 * Measured: {@code trainError}, {@code testError}, {@code gap} = testError - trainError; each
 * bound on the expected error is also given as a bound on the gap ({@code *.gapBound} = bound -
 * trainError, for the validation bound bound - trainError as well).
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=bounds")
public final class BoundsProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.number("delta", 0.05, "each bound holds with probability >= 1 - delta").greaterThan(0).max(0.5),
            Setting.number("marginQuantile", 0.05, "the margin gamma of the spectral bound: this quantile of the "
                    + "training margins").min(0).max(0.5),
            Setting.choice("reference", "zero", "reference matrices M_i of the spectral complexity", "zero", "initial"),
            Setting.number("validationFraction", 0.5, "fraction of the test split used as the validation set of the "
                    + "Kawaguchi-Kaelbling-Bengio bound (the rest estimates the error it bounds)").greaterThan(0)
                    .max(1),
            Setting.integer("candidates", 1, "|F_val|: how many models were compared on the validation set").min(1));

    @Override
    public String title() {
        return "Generalization bounds";
    }

    @Override
    public String description() {
        return "VC (parameter count), spectrally-normalized margin (Bartlett et al. 2017) and validation "
                + "(Kawaguchi et al. 2017) bounds next to the measured train/test error and gap.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Analysis create(Settings settings) {
        double delta = settings.getDouble("delta");
        double quantile = settings.getDouble("marginQuantile");
        SpectralComplexity.Reference reference = SpectralComplexity.Reference.valueOf(
                settings.getString("reference").toUpperCase(Locale.ROOT));
        double fraction = settings.getDouble("validationFraction");
        int candidates = settings.getInt("candidates");
        return context -> {
            AnalysisResult.Builder result = AnalysisResult.builder();
            Predictions train = context.predictions(Split.TRAIN);
            Predictions test = context.predictions(Split.TEST);
            int m = train.size();
            if (m == 0) {
                throw new IllegalArgumentException("bounds: the training set is empty; every bound needs m > 0 "
                        + "training examples");
            }
            double[] trainMargins = Margins.outputMargins(train);
            double trainError = Margins.errorRate(trainMargins);
            result.scalar("trainError", trainError);
            if (test.size() > 0) {
                double testError = Margins.errorRate(Margins.outputMargins(test));
                result.scalar("testError", testError);
                result.scalar("gap", testError - trainError);
            }

            long p = parameterCount(context);
            double vc = GeneralizationBounds.vc(trainError, p, m, delta);
            result.scalar("vc.dimension", p);
            result.scalar("vc.vacuous", Double.isInfinite(vc) || vc > 1 ? 1 : 0);
            result.scalar("vc.bound", Math.min(vc, 1));
            if (Double.isFinite(vc)) {
                result.scalar("vc.gapBound", vc - trainError);
            }

            List<LayerMatrix> layers = WeightMatrices.of(context.model(), context.initialParameters());
            double complexity = SpectralComplexity.of(layers, reference,
                    SpectralComplexity.lipschitz(WeightMatrices.activation(context.spec())));
            double gamma = Margins.quantile(Margins.sorted(trainMargins), quantile);
            result.scalar("spectral.complexity", complexity);
            result.scalar("spectral.applies", theoremForm(layers, WeightMatrices.activation(context.spec())) ? 1 : 0);
            result.scalar("spectral.gamma", gamma);
            if (gamma > 0 && complexity > 0) {
                double marginLoss = 0;
                for (double margin : trainMargins) {
                    marginLoss += margin <= gamma ? 1 : 0;
                }
                marginLoss /= m;
                double inputNorm = SpectralComplexity.inputNorm(context.dataset(Split.TRAIN));
                int width = width(layers);
                double bound = GeneralizationBounds.spectralMargin(marginLoss, gamma, complexity, inputNorm, width, m,
                        delta);
                result.scalar("spectral.marginLoss", marginLoss);
                result.scalar("spectral.inputNorm", inputNorm);
                result.scalar("spectral.width", width);
                result.scalar("spectral.bound", bound);
                result.scalar("spectral.gapBound", bound - trainError);
            }

            if (test.size() > 1) {
                validation(context, test, fraction, candidates, delta, trainError, result);
            }
            return result.build();
        };
    }

    private static void validation(AnalysisContext context, Predictions test, double fraction, int candidates,
            double delta, double trainError, AnalysisResult.Builder result) {
        int n = test.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(context.seed() ^ 0x5DEECE66DL);
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        int m = Math.max(1, (int) Math.round(fraction * n));
        double[] margins = Margins.outputMargins(test);
        int validationErrors = 0;
        int heldOutErrors = 0;
        for (int k = 0; k < n; k++) {
            boolean wrong = margins[order[k]] <= 0;
            if (k < m) {
                validationErrors += wrong ? 1 : 0;
            } else {
                heldOutErrors += wrong ? 1 : 0;
            }
        }
        double validationError = (double) validationErrors / m;
        double bound = GeneralizationBounds.validation(validationError, candidates, m, delta);
        result.scalar("validation.m", m);
        result.scalar("validation.candidates", candidates);
        result.scalar("validation.error", validationError);
        result.scalar("validation.bound", bound);
        result.scalar("validation.gapBound", bound - trainError);
        if (m < n) {
            result.scalar("validation.heldOutError", (double) heldOutErrors / (n - m));
        }
    }

    /**
     * Whether Theorem 1.1 of Bartlett et al. covers the network as it is: x -> A_L sigma(... sigma(A_1 x))
     * with matrices only (no biases, no convolution kernels read as matrices) and sigma(0) = 0.
     */
    private static boolean theoremForm(List<LayerMatrix> layers, String activation) {
        if ("sigmoid".equals(activation)) {
            return false;
        }
        for (LayerMatrix layer : layers) {
            if (!layer.isDense() || layer.bias().length > 0) {
                return false;
            }
        }
        return !layers.isEmpty();
    }

    /** Trainable parameters (frozen ones, as the random-features layer, are not counted). */
    private static long parameterCount(AnalysisContext context) {
        long count = 0;
        for (Pair<String, Parameter> entry : context.model().getParameters()) {
            if (entry.getValue().requiresGradient()) {
                count += entry.getValue().getArray().size();
            }
        }
        return count;
    }

    /** W: the largest layer width, inputs included. */
    private static int width(List<LayerMatrix> layers) {
        int width = 1;
        for (LayerMatrix layer : layers) {
            width = Math.max(width, Math.max(layer.weight().numRows, layer.weight().numCols));
        }
        return width;
    }
}
