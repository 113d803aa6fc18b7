package carnot.analysis.landscape.internal;

import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.analysis.AnalysisResult;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.curvature.linalg.WeightVectors;
import carnot.api.experiment.MemoryEstimate;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;

/**
 * One-dimensional linear interpolation of the loss between the initial and the current weights
 * (Goodfellow, Vinyals and Saxe 2015, "Qualitatively characterizing neural network optimization
 * problems"): {@code theta(alpha) = (1 - alpha) theta_0 + alpha theta_1} for alpha on an even grid
 * from {@code start} to {@code end}, with the mean train (and test) loss and 0-1 error at every
 * point. alpha = 0 is the initialization, alpha = 1 the weights being analysed; values outside
 * [0, 1] extrapolate along the same line. With {@code endpoint = checkpoint} the line runs from the
 * analysed weights (alpha = 0) to another run's checkpoint (alpha = 1): between two minima, as in
 * Section 3 of the paper. Every parameter is interpolated, batch-norm running
 * statistics included.
 *
 * <p>Results: series {@code alpha}, {@code train.loss}, {@code train.error} (and {@code test.*}),
 * scalars {@code distance} ({@code ||theta_1 - theta_0||}), {@code train.loss.max} and
 * {@code train.barrier}: the largest excess of the loss on the segment [0, 1] over the straight line
 * between its end values (zero when the path is convex-like, as Goodfellow et al. observed).
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=interpolation")
public final class LinearInterpolationProvider implements AnalysisProvider {

    /** Builds a copy of the run's architecture to read another run's checkpoint into. */

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("points", 21, "grid points on the line").min(2).max(10_000),
            Setting.number("start", 0.0, "first alpha (0 = initial weights)").min(-100).max(100),
            Setting.number("end", 1.0, "last alpha (1 = the analysed weights, or the checkpoint)").min(-100).max(100),
            Setting.choice("endpoint", "initial", "the line from the initial weights to the analysed ones, or from the "
                    + "analysed weights to another run's checkpoint (minimum to minimum)", "initial", "checkpoint"),
            Setting.text("checkpoint", "", "with endpoint checkpoint: a checkpoint of a run of the same architecture, "
                    + "relative to the workspace: runs/<name>/<run>/checkpoints/epoch-NNNN.params"),
            LandscapeSettings.SAMPLE_SIZE, LandscapeSettings.TEST);

    @Override
    public String title() {
        return "Linear interpolation from initial weights";
    }

    @Override
    public String description() {
        return "Train/test loss and error on (1-a) theta_0 + a theta for a on a grid (Goodfellow, Vinyals & Saxe 2015).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    /** The analysed weights, the other end of the line and the point being measured. */
    @Override
    public MemoryEstimate memoryEstimate(Settings settings, AnalysisTarget target) {
        return LandscapeSettings.memory(target, 3);
    }

    @Override
    public Analysis create(Settings settings) {
        double start = settings.getDouble("start");
        double end = settings.getDouble("end");
        if (!(end > start)) {
            throw new IllegalArgumentException("settings.end: expected a number > start (" + start + "), got " + end);
        }
        double[] alphas = LandscapeSettings.grid(start, end, settings.getInt("points"));
        boolean test = settings.getBoolean("test");
        int maxExamples = settings.getInt("sampleSize");
        Path checkpoint = checkpoint(settings);
        return context -> {
            try (WeightSpaceProbe probe = new WeightSpaceProbe(context, maxExamples)) {
                Map<String, float[]> initial = checkpoint == null ? context.initialParameters() : probe.trained();
                Map<String, float[]> trained = checkpoint == null ? probe.trained() : readCheckpoint(context, checkpoint);
                WeightVectors.requireSameLayout(initial, trained);
                SplitGrid grid = new SplitGrid(SplitGrid.splits(test), alphas.length);
                for (int a = 0; a < alphas.length; a++) {
                    context.monitor().checkCancelled();
                    probe.moveTo(WeightVectors.interpolate(initial, trained, alphas[a]));
                    grid.measure(probe, a);
                    context.monitor().worked("interpolation", a + 1, alphas.length);
                }
                AnalysisResult.Builder result = AnalysisResult.builder()
                        .scalar("distance", WeightVectors.distance(initial, trained));
                result.series("alpha", alphas);
                grid.addTo(result, "");
                result.scalar("train.loss.max", max(grid.loss(0)));
                result.scalar("train.barrier", barrier(alphas, grid.loss(0)));
                return result.build();
            }
        };
    }

    /** The other run's checkpoint with endpoint {@code checkpoint}, null with {@code initial}. */
    private static Path checkpoint(Settings settings) {
        String file = settings.getString("checkpoint");
        if (settings.getString("endpoint").equals("initial")) {
            if (!file.isEmpty()) {
                throw new IllegalArgumentException("settings.checkpoint: only with endpoint checkpoint; endpoint is "
                        + "initial");
            }
            return null;
        }
        if (file.isEmpty()) {
            throw new IllegalArgumentException("settings.checkpoint: endpoint checkpoint needs a .params file of "
                    + "another run (runs/<name>/<run>/checkpoints/epoch-NNNN.params)");
        }
        return CheckpointPath.resolve(CheckpointPath.workspace(), file);
    }

    /**
     * The largest excess of {@code values} over the chord between their values at alpha = 0 and
     * alpha = 1, over grid points with alpha in [0, 1]; NaN when the grid misses 0 or 1.
     */
    static double barrier(double[] alphas, double[] values) {
        int zero = -1;
        int one = -1;
        for (int i = 0; i < alphas.length; i++) {
            if (alphas[i] == 0) {
                zero = i;
            }
            if (alphas[i] == 1) {
                one = i;
            }
        }
        if (zero < 0 || one < 0) {
            return Double.NaN;
        }
        double excess = 0;
        for (int i = 0; i < alphas.length; i++) {
            if (alphas[i] >= 0 && alphas[i] <= 1) {
                double chord = (1 - alphas[i]) * values[zero] + alphas[i] * values[one];
                excess = Math.max(excess, values[i] - chord);
            }
        }
        return excess;
    }

    static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /**
     * Reads the other run's checkpoint with the component registry, got for the read and released
     * after it. Not a DS reference: the registry tracks every analysis provider, so a reference to it
     * from one would be a circular reference SCR reports at start-up.
     */
    private static Map<String, float[]> readCheckpoint(AnalysisContext context, Path checkpoint) {
        BundleContext bundle = FrameworkUtil.getBundle(LinearInterpolationProvider.class).getBundleContext();
        ServiceReference<ComponentRegistry> reference = bundle == null ? null
                : bundle.getServiceReference(ComponentRegistry.class);
        ComponentRegistry registry = reference == null ? null : bundle.getService(reference);
        if (registry == null) {
            throw new IllegalStateException("interpolation: the component registry is not available, so the other "
                    + "run's checkpoint cannot be read");
        }
        try {
            return CheckpointWeights.read(registry, context, checkpoint);
        } finally {
            bundle.ungetService(reference);
        }
    }
}
