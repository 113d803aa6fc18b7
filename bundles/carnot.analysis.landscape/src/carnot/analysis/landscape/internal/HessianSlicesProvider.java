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
import carnot.api.experiment.MemoryEstimate;
import carnot.api.analysis.AnalysisMemory;
import carnot.curvature.EigenRequest;
import carnot.curvature.Eigenpairs;
import carnot.curvature.HessianEigenvectors;
import carnot.curvature.linalg.WeightVectors;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The loss along the top eigenvectors of the training-loss Hessian: with (lambda_j, u_j) the top k
 * eigenpairs from the curvature bundle's {@link HessianEigenvectors} (Lanczos on exact
 * Hessian-vector products, on the same first {@code maxExamples} training examples the slices use),
 * {@code L(theta + t u_j)} for t on an even grid over [-range, range] ({@code mode = 1d}, one slice
 * per eigenvector), or {@code L(theta + a u_1 + b u_2)} ({@code mode = 2d}). The u_j are unit vectors
 * over the trainable parameters, so t is in parameter units; the sharpest directions of Keskar et
 * al. (2017) and the eigen-directions of Li et al. (2018, Section 7).
 *
 * <p>Results: series {@code eigenvalues}, {@code t} and {@code train.loss.u<j>},
 * {@code train.error.u<j>} (1d) or {@code x}, {@code y}, {@code train.loss} flattened row-major (2d);
 * per direction the scalar {@code u<j>.secondDifference}, {@code (L(h) - 2 L(0) + L(-h)) / h^2} at
 * the grid step h around the origin (needs an odd number of points), next to {@code u<j>.eigenvalue}:
 * equal for a quadratic loss, close for small h otherwise.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=slices")
public final class HessianSlicesProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("directions", 2, "top Hessian eigenvectors k").min(1).max(50),
            Setting.choice("mode", "1d", "1d: a slice per eigenvector; 2d: the plane of u_1 and u_2", "1d", "2d"),
            Setting.integer("points", 21, "grid points per axis (odd puts the analysed weights on the grid)").min(3)
                    .max(1001),
            Setting.number("range", 1.0, "the grid covers [-range, range] (parameter units)").greaterThan(0)
                    .max(1000),
            Setting.integer("lanczosSteps", 100, "Lanczos steps at most (Hessian-vector products)").min(1)
                    .max(10_000),
            Setting.number("tolerance", 1e-4, "relative residual at which an eigenpair has converged")
                    .greaterThan(0).max(0.5),
            LandscapeSettings.SAMPLE_SIZE,
            Setting.bool("test", false, "also measure the test split at every point"));

    @Reference
    private HessianEigenvectors hessian;

    /** For tests outside DS. */
    public HessianSlicesProvider() {
    }

    /** With the eigen service given (tests outside DS). */
    public HessianSlicesProvider(HessianEigenvectors hessian) {
        this.hessian = hessian;
    }

    @Override
    public String title() {
        return "Loss slices along top Hessian eigenvectors";
    }

    @Override
    public String description() {
        return "L(theta + t u_j) along the top-k Hessian eigenvectors (1d), or the plane of u_1, u_2 (2d), "
                + "with the second difference at the origin next to each eigenvalue.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    /**
     * The analysed weights, the k eigenvectors and the point being measured; while the eigenvectors
     * are found, a Lanczos basis of lanczosSteps vectors and one Hessian-vector product's graph.
     */
    @Override
    public MemoryEstimate memoryEstimate(Settings settings, AnalysisTarget target) {
        long examples = AnalysisMemory.examples(settings.getInt("sampleSize"), target.trainSize());
        int chunk = (int) Math.max(1, Math.min(examples, target.spec().training().evalBatchSize()));
        return LandscapeSettings.memory(target, 2 + settings.getInt("directions"))
                .plus(AnalysisMemory.parameterVectors(target, settings.getInt("lanczosSteps"), "Lanczos basis"))
                .plus(AnalysisMemory.hessianVectorGraph(target, chunk));
    }

    @Override
    public Analysis create(Settings settings) {
        int k = settings.getInt("directions");
        boolean plane = settings.getString("mode").equals("2d");
        if (plane && k < 2) {
            throw new IllegalArgumentException("settings.directions: mode 2d needs at least 2 directions, got " + k);
        }
        int points = settings.getInt("points");
        double[] axis = LandscapeSettings.grid(-settings.getDouble("range"), settings.getDouble("range"), points);
        int steps = Math.max(settings.getInt("lanczosSteps"), k);
        double tolerance = settings.getDouble("tolerance");
        int maxExamples = settings.getInt("sampleSize");
        boolean test = settings.getBoolean("test");
        return context -> {
            try (WeightSpaceProbe probe = new WeightSpaceProbe(context, maxExamples)) {
                EigenRequest request = new EigenRequest(k, steps, tolerance, maxExamples,
                        Math.max(1, context.spec().training().evalBatchSize()), context.seed(), List.of());
                Eigenpairs pairs = hessian.top(context.model(), context.loss(), context.dataset(Split.TRAIN), request,
                        context.monitor());
                Map<String, float[]> trained = probe.trained();
                Split[] splits = SplitGrid.splits(test);
                AnalysisResult.Builder result = AnalysisResult.builder().series("eigenvalues", pairs.eigenvalues());
                if (plane) {
                    SplitGrid grid = new SplitGrid(splits, points * points);
                    for (int i = 0; i < points; i++) {
                        for (int j = 0; j < points; j++) {
                            context.monitor().checkCancelled();
                            probe.moveTo(WeightVectors.offset(trained, new double[] {axis[i], axis[j]},
                                    pairs.eigenvectors().get(0), pairs.eigenvectors().get(1)));
                            grid.measure(probe, i * points + j);
                            context.monitor().worked("slices", i * points + j + 1, points * points);
                        }
                    }
                    result.series("x", axis).series("y", axis);
                    grid.addTo(result, "");
                } else {
                    result.series("t", axis);
                    int directions = pairs.eigenvectors().size();
                    for (int d = 0; d < directions; d++) {
                        SplitGrid grid = new SplitGrid(splits, points);
                        for (int i = 0; i < points; i++) {
                            context.monitor().checkCancelled();
                            probe.moveTo(WeightVectors.offset(trained, new double[] {axis[i]},
                                    pairs.eigenvectors().get(d)));
                            grid.measure(probe, i);
                            context.monitor().worked("slices", d * points + i + 1, (long) directions * points);
                        }
                        String name = "u" + (d + 1);
                        grid.addTo(result, "." + name);
                        result.scalar(name + ".eigenvalue", pairs.eigenvalues()[d]);
                        result.scalar(name + ".secondDifference", secondDifference(axis, grid.loss(0)));
                    }
                }
                return result.build();
            }
        };
    }

    /** {@code (L(h) - 2 L(0) + L(-h)) / h^2} around the middle grid point; NaN for an even grid. */
    static double secondDifference(double[] axis, double[] loss) {
        if (axis.length % 2 == 0) {
            return Double.NaN;
        }
        int c = axis.length / 2;
        double h = axis[c + 1] - axis[c];
        return (loss[c + 1] - 2 * loss[c] + loss[c - 1]) / (h * h);
    }
}
