package carnot.analysis.landscape.internal;

import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Split;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.curvature.linalg.WeightVectors;
import carnot.api.experiment.MemoryEstimate;
import java.util.Map;
import java.util.Random;
import org.osgi.service.component.annotations.Component;

/**
 * The loss on a two-dimensional plane through the analysed weights, spanned by two
 * filter-normalized random directions (Li, Xu, Taylor, Studer and Goldstein 2018, Section 4 and
 * eq. 1): {@code f(a, b) = L(theta + a delta + b eta)} for a, b on an even grid over
 * [-range, range]^2. The directions are standard normal draws scaled filter by filter to the
 * weights' filter norms, zero on biases and batch-norm parameters ({@link FilterNormalization}).
 * With filter normalization, distances along the axes are comparable between networks of
 * different weight scales, which is what makes sharpness visible in these plots.
 *
 * <p>The grid is computed point by point, with progress and cancellation; the weights are
 * restored afterwards. Results: series {@code x}, {@code y} (the axes), and {@code train.loss},
 * {@code train.error} (and {@code test.*}) flattened row-major: the value at (x_i, y_j) is element
 * {@code i * y.length + j}. Scalars {@code train.loss.origin} (the loss at the analysed weights),
 * {@code train.loss.min}, {@code train.loss.max}. The directions' seed is a fixed function of the
 * run's seed and {@code directionSeed}, so the same plane is drawn at every epoch.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=plane")
public final class FilterNormalizedPlaneProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("points", 21, "grid points per axis (odd puts the analysed weights on the grid)")
                    .min(2).max(1001),
            Setting.number("range", 1.0, "the grid covers [-range, range] along both directions").greaterThan(0)
                    .max(1000),
            Setting.integer("directionSeed", 0, "drawn with the run's seed to pick the two directions").min(0),
            LandscapeSettings.SAMPLE_SIZE,
            Setting.bool("test", false, "also measure the test split at every point"));

    @Override
    public String title() {
        return "Loss on a filter-normalized random plane";
    }

    @Override
    public String description() {
        return "L(theta + a d1 + b d2) on a grid, d1, d2 filter-normalized Gaussian directions, zero on biases "
                + "and batch norm (Li et al. 2018).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    /** The analysed weights, two directions and the grid point being measured. */
    @Override
    public MemoryEstimate memoryEstimate(Settings settings, AnalysisTarget target) {
        return LandscapeSettings.memory(target, 4);
    }

    @Override
    public Analysis create(Settings settings) {
        int points = settings.getInt("points");
        double range = settings.getDouble("range");
        int directionSeed = settings.getInt("directionSeed");
        boolean test = settings.getBoolean("test");
        int maxExamples = settings.getInt("sampleSize");
        double[] axis = LandscapeSettings.grid(-range, range, points);
        return context -> {
            try (WeightSpaceProbe probe = new WeightSpaceProbe(context, maxExamples)) {
                Map<String, float[]> trained = probe.trained();
                Random random = new Random(directionsSeed(context.seed(), directionSeed));
                Map<String, float[]> first = FilterNormalization.randomDirection(trained, probe.shapes(), random);
                Map<String, float[]> second = FilterNormalization.randomDirection(trained, probe.shapes(), random);
                int total = points * points;
                SplitGrid grid = new SplitGrid(SplitGrid.splits(test), total);
                for (int i = 0; i < points; i++) {
                    for (int j = 0; j < points; j++) {
                        context.monitor().checkCancelled();
                        probe.moveTo(WeightVectors.offset(trained, new double[] {axis[i], axis[j]}, first, second));
                        grid.measure(probe, i * points + j);
                        context.monitor().worked("plane", i * points + j + 1, total);
                    }
                }
                probe.moveTo(trained);
                AnalysisResult.Builder result = AnalysisResult.builder();
                result.scalar("train.loss.origin", probe.measure(Split.TRAIN).loss());
                result.scalar("train.loss.min", java.util.Arrays.stream(grid.loss(0)).min().orElse(Double.NaN));
                result.scalar("train.loss.max", java.util.Arrays.stream(grid.loss(0)).max().orElse(Double.NaN));
                result.series("x", axis).series("y", axis);
                grid.addTo(result, "");
                return result.build();
            }
        };
    }

    /** The directions' seed: a SplitMix64-style mix of the run's seed and the setting. */
    public static long directionsSeed(long runSeed, int directionSeed) {
        long z = runSeed * 0x9E3779B97F4A7C15L + directionSeed + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
