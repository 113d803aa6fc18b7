package carnot.analysis.norms.internal;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.analysis.norms.LayerMatrix;
import carnot.analysis.norms.MatrixNorms;
import carnot.analysis.norms.PathNorm;
import carnot.analysis.norms.WeightMatrices;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisMemory;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.analysis.Split;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.experiment.MemoryEstimate;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Norm-based capacity quantities of the network's layers W_1..W_L (input to output; see
 * {@link LayerMatrix} for the matrix of a convolution):
 * <ul>
 * <li>{@code <layer>.frobenius} ||W||_F, {@code <layer>.spectral} ||W||_2 (EJML SVD),
 * {@code <layer>.stableRank} ||W||_F^2/||W||_2^2, and their products over layers
 * ({@code frobeniusProduct}, {@code spectralProduct}: the norms of Neyshabur et al. 2015 and
 * Bartlett et al. 2017);</li>
 * <li>{@code <layer>.distanceFromInit} ||W - W^0||_F and its ratio to ||W^0||_F; over all
 * parameters (biases included) {@code distanceFromInit} ||theta - theta^0||_2 and
 * {@code relativeDistanceFromInit} (Nagarajan & Kolter 2019; Jiang et al. 2019);</li>
 * <li>{@code pathNorm}, the l2 path norm (see {@link PathNorm});</li>
 * <li>layer balancedness: {@code <layer>.frobeniusRatio} ||W_i||_F/||W_{i-1}||_F, and
 * {@code <layer>.balanceGap} ||W_i||_F^2 - (||W_{i-1}||_F^2 + ||b_{i-1}||^2), which gradient flow
 * keeps at its initial value in ReLU networks (Du, Hu and Lee 2018, Theorem 2.1, the bias counted
 * with the incoming weights it is rescaled with); {@code maxOverMinFrobenius} across layers.</li>
 * </ul>
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=norms")
public final class NormsProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.bool("spectral", true, "spectral norms and stable ranks (one SVD per layer)"),
            Setting.bool("pathNorm", true, "the l2 path norm (ReLU networks without batch norm)"));

    @Override
    public String title() {
        return "Weight norms";
    }

    @Override
    public String description() {
        return "Per-layer Frobenius and spectral norms, stable rank, distance from initialization, layer "
                + "balancedness and the l2 path norm (Neyshabur et al. 2015; Bartlett et al. 2017; Du et al. 2018).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    /** With spectral norms, one SVD per layer at a time: the largest layer's counts. */
    @Override
    public MemoryEstimate memoryEstimate(Settings settings, AnalysisTarget target) {
        return settings.getBoolean("spectral") ? AnalysisMemory.largestLayerSvd(target) : MemoryEstimate.NONE;
    }

    @Override
    public Analysis create(Settings settings) {
        boolean spectral = settings.getBoolean("spectral");
        boolean pathNorm = settings.getBoolean("pathNorm");
        return context -> {
            AnalysisResult.Builder result = AnalysisResult.builder();
            List<LayerMatrix> layers = WeightMatrices.of(context.model(), context.initialParameters());
            int count = layers.size();
            double[] frobenius = new double[count];
            double[] spectralNorms = new double[count];
            double[] stableRanks = new double[count];
            double[] distances = new double[count];
            double frobeniusProduct = 1;
            double spectralProduct = 1;
            double maxFrobenius = 0;
            double minFrobenius = Double.POSITIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                context.monitor().checkCancelled();
                LayerMatrix layer = layers.get(i);
                String prefix = layer.name() + ".";
                frobenius[i] = MatrixNorms.frobenius(layer.weight());
                frobeniusProduct *= frobenius[i];
                maxFrobenius = Math.max(maxFrobenius, frobenius[i]);
                minFrobenius = Math.min(minFrobenius, frobenius[i]);
                result.scalar(prefix + "frobenius", frobenius[i]);
                if (spectral) {
                    spectralNorms[i] = MatrixNorms.spectral(layer.weight());
                    stableRanks[i] = MatrixNorms.stableRank(frobenius[i], spectralNorms[i]);
                    spectralProduct *= spectralNorms[i];
                    result.scalar(prefix + "spectral", spectralNorms[i]);
                    if (!Double.isNaN(stableRanks[i])) {
                        result.scalar(prefix + "stableRank", stableRanks[i]);
                    }
                }
                distances[i] = MatrixNorms.frobeniusDistance(layer.weight(), layer.initial());
                result.scalar(prefix + "distanceFromInit", distances[i]);
                double initialNorm = MatrixNorms.frobenius(layer.initial());
                if (initialNorm > 0) {
                    result.scalar(prefix + "relativeDistanceFromInit", distances[i] / initialNorm);
                }
                if (i > 0) {
                    LayerMatrix previous = layers.get(i - 1);
                    if (frobenius[i - 1] > 0) {
                        result.scalar(prefix + "frobeniusRatio", frobenius[i] / frobenius[i - 1]);
                    }
                    result.scalar(prefix + "balanceGap", frobenius[i] * frobenius[i]
                            - (frobenius[i - 1] * frobenius[i - 1] + previous.biasSquaredNorm()));
                }
            }
            result.scalar("frobeniusProduct", frobeniusProduct);
            if (spectral) {
                result.scalar("spectralProduct", spectralProduct);
            }
            if (count > 0 && minFrobenius > 0) {
                result.scalar("maxOverMinFrobenius", maxFrobenius / minFrobenius);
            }
            fromInitialization(context, result);
            if (pathNorm) {
                Optional<Double> value = PathNorm.l2(context.model(), context.dataset(Split.TRAIN).exampleShape(),
                        WeightMatrices.activation(context.spec()), context.manager());
                value.ifPresent(v -> result.scalar("pathNorm", v));
            }
            result.series("layers.frobenius", frobenius);
            if (spectral) {
                result.series("layers.spectral", spectralNorms);
                if (java.util.Arrays.stream(stableRanks).noneMatch(Double::isNaN)) {
                    result.series("layers.stableRank", stableRanks);
                }
            }
            result.series("layers.distanceFromInit", distances);
            return result.build();
        };
    }

    /** ||theta - theta^0||_2 and its ratio to ||theta^0||_2 over every parameter. */
    private static void fromInitialization(AnalysisContext context, AnalysisResult.Builder result) {
        double squared = 0;
        double initialSquared = 0;
        for (Pair<String, Parameter> entry : context.model().getParameters()) {
            float[] now = entry.getValue().getArray().toFloatArray();
            float[] initial = context.initialParameters().get(entry.getKey());
            if (initial == null || initial.length != now.length) {
                throw new IllegalStateException("no initial value for parameter " + entry.getKey());
            }
            for (int i = 0; i < now.length; i++) {
                double d = (double) now[i] - initial[i];
                squared += d * d;
                initialSquared += (double) initial[i] * initial[i];
            }
        }
        result.scalar("distanceFromInit", Math.sqrt(squared));
        if (initialSquared > 0) {
            result.scalar("relativeDistanceFromInit", Math.sqrt(squared / initialSquared));
        }
    }
}
