package carnot.analysis.landscape.internal;

import carnot.analysis.landscape.TrajectoryPlane;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.analysis.Split;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.curvature.linalg.WeightVectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.osgi.service.component.annotations.Component;

/**
 * The optimization trajectory on the plane of its first two principal directions (Li, Xu, Taylor,
 * Studer and Goldstein 2018, "Visualizing the Loss Landscape of Neural Nets", Section 7): from the
 * weights the run kept along the way ({@code training.checkpointEvery}) and the analysed weights
 * theta_final, the PCA of the offsets theta_t - theta_final ({@link TrajectoryPca}), the explained
 * variance of the directions, every checkpoint's coordinates on the plane of the first two
 * directions v_1, v_2, and the training loss L(theta_final + x v_1 + y v_2) on a grid covering the
 * path. No filter normalization: the principal directions themselves are the axes, in parameter
 * units, over every parameter (biases included). Li et al. use it to show that optimization paths
 * lie in a space of very low dimension, the first two directions capturing much of their variance.
 *
 * <p>Results ({@link TrajectoryPlane} reads them): scalars {@value TrajectoryPlane#EXPLAINED_1},
 * {@value TrajectoryPlane#EXPLAINED_2}, their sum and the number of checkpoints; series of the path
 * (epochs, coordinates, the loss at each checkpoint itself, the fraction of each offset off the
 * plane), the grid axes and the loss over the grid, flattened row-major.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=trajectory")
public final class TrajectoryProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("points", 21, "grid points per axis of the loss surface").min(3).max(401),
            Setting.number("margin", 0.25, "the grid extends this fraction of the path's extent beyond it on "
                    + "each side").min(0).max(10),
            LandscapeSettings.SAMPLE_SIZE);

    @Override
    public String title() {
        return "Optimization trajectory on its PCA plane";
    }

    @Override
    public String description() {
        return "PCA of theta_t - theta_final over the kept checkpoints (training.checkpointEvery): explained "
                + "variance, the path on the first two directions and the training loss over that plane (Li et al. "
                + "2018, Section 7).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    /** Refused before anything trains when the run keeps no path, rather than failing at every scheduled epoch. */
    @Override
    public Optional<String> refusal(Settings settings, AnalysisTarget target) {
        if (target.spec().training().checkpointEvery() == 0) {
            return Optional.of("trajectory needs the weights kept along the path: set training.checkpointEvery "
                    + "(e.g. 1 to keep them after every epoch)");
        }
        return Optional.empty();
    }

    @Override
    public Analysis create(Settings settings) {
        int points = settings.getInt("points");
        double margin = settings.getDouble("margin");
        int maxExamples = settings.getInt("sampleSize");
        return context -> {
            List<Integer> epochs = pathEpochs(context);
            try (WeightSpaceProbe probe = new WeightSpaceProbe(context, maxExamples)) {
                Map<String, float[]> last = probe.trained();
                List<Map<String, float[]>> path = new ArrayList<>();
                epochs.subList(0, epochs.size() - 1).forEach(e -> path.add(context.keptParameters().get(e)));
                path.add(last);
                float[][] offsets = new float[path.size()][];
                for (int t = 0; t < path.size(); t++) {
                    offsets[t] = offset(path.get(t), last);
                }
                TrajectoryPca.Result pca = TrajectoryPca.of(offsets, 2);
                double[] x = new double[path.size()];
                double[] y = new double[path.size()];
                double[] off = new double[path.size()];
                double[] pathLoss = new double[path.size()];
                int total = path.size() + points * points;
                for (int t = 0; t < path.size(); t++) {
                    double[] c = TrajectoryPca.project(offsets[t], pca.directions());
                    x[t] = c[0];
                    y[t] = c[1];
                    off[t] = TrajectoryPca.offPlane(offsets[t], pca.directions());
                    context.monitor().checkCancelled();
                    probe.moveTo(path.get(t));
                    pathLoss[t] = probe.measure(Split.TRAIN).loss();
                    context.monitor().worked("trajectory", t + 1, total);
                }
                double[] gridX = axis(x, margin, points);
                double[] gridY = axis(y, margin, points);
                Map<String, float[]> first = unflatten(pca.directions()[0], last);
                Map<String, float[]> second = unflatten(pca.directions()[1], last);
                double[] surface = new double[points * points];
                for (int i = 0; i < points; i++) {
                    for (int j = 0; j < points; j++) {
                        context.monitor().checkCancelled();
                        probe.moveTo(WeightVectors.offset(last, new double[] {gridX[i], gridY[j]}, first, second));
                        surface[i * points + j] = probe.measure(Split.TRAIN).loss();
                        context.monitor().worked("trajectory", path.size() + i * points + j + 1, total);
                    }
                }
                return AnalysisResult.builder()
                        .scalar(TrajectoryPlane.EXPLAINED_1, pca.explained()[0])
                        .scalar(TrajectoryPlane.EXPLAINED_2, pca.explained()[1])
                        .scalar(TrajectoryPlane.EXPLAINED_BOTH, pca.explained()[0] + pca.explained()[1])
                        .scalar(TrajectoryPlane.CHECKPOINTS, path.size())
                        .series(TrajectoryPlane.EXPLAINED, pca.explained())
                        .series(TrajectoryPlane.EPOCHS, epochs.stream().mapToDouble(Integer::doubleValue).toArray())
                        .series(TrajectoryPlane.PATH_X, x).series(TrajectoryPlane.PATH_Y, y)
                        .series(TrajectoryPlane.PATH_LOSS, pathLoss).series(TrajectoryPlane.OFF_PLANE, off)
                        .series(TrajectoryPlane.GRID_X, gridX).series(TrajectoryPlane.GRID_Y, gridY)
                        .series(TrajectoryPlane.LOSS, surface).build();
            }
        };
    }

    /**
     * The epochs of the path: the kept ones before the analysed epoch, then the analysed epoch.
     *
     * @throws IllegalArgumentException when the run keeps no trajectory, some of it is not in memory
     *                                  (a resumed run), or it has fewer than three points
     */
    static List<Integer> pathEpochs(AnalysisContext context) {
        int every = context.spec().training().checkpointEvery();
        int epoch = context.epoch();
        if (every == 0) {
            throw new IllegalArgumentException("the run keeps no trajectory: set training.checkpointEvery (e.g. 1 "
                    + "to keep the weights after every epoch) and run it again");
        }
        SortedMap<Integer, Map<String, float[]>> kept = context.keptParameters().headMap(epoch);
        List<Integer> missing = new ArrayList<>();
        for (int t = 0; t < epoch; t += every) {
            if (!kept.containsKey(t)) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the checkpoints of epochs " + missing + " are not at hand (a run "
                    + "resumed after an interruption holds only the epochs since); run carnot analyze <run folder> "
                    + "--analysis " + TrajectoryPlane.ID + " --epoch " + epoch + ", which reads them from checkpoints/");
        }
        List<Integer> epochs = new ArrayList<>(kept.keySet());
        epochs.add(epoch);
        if (epochs.size() < 3) {
            throw new IllegalArgumentException("the path has " + epochs.size() + " points by epoch " + epoch
                    + " (checkpointEvery " + every + "); two directions need at least three");
        }
        return epochs;
    }

    /** theta - reference over every parameter, in the reference's order, flattened. */
    static float[] offset(Map<String, float[]> theta, Map<String, float[]> reference) {
        WeightVectors.requireSameLayout(theta, reference);
        int p = reference.values().stream().mapToInt(v -> v.length).sum();
        float[] out = new float[p];
        int at = 0;
        for (Map.Entry<String, float[]> entry : reference.entrySet()) {
            float[] a = theta.get(entry.getKey());
            float[] b = entry.getValue();
            for (int i = 0; i < b.length; i++) {
                out[at++] = a[i] - b[i];
            }
        }
        return out;
    }

    /** A flat vector cut into the layout of {@code like}. */
    static Map<String, float[]> unflatten(double[] flat, Map<String, float[]> like) {
        Map<String, float[]> out = new LinkedHashMap<>();
        int at = 0;
        for (Map.Entry<String, float[]> entry : like.entrySet()) {
            float[] values = new float[entry.getValue().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) flat[at++];
            }
            out.put(entry.getKey(), values);
        }
        return out;
    }

    /** An even grid over the coordinates' range widened by {@code margin} of it on each side. */
    static double[] axis(double[] coordinates, double margin, int points) {
        double lo = Math.min(0, java.util.Arrays.stream(coordinates).min().orElse(0));
        double hi = Math.max(0, java.util.Arrays.stream(coordinates).max().orElse(0));
        double extent = hi - lo;
        if (extent == 0) {
            extent = 1e-3;
        }
        return LandscapeSettings.grid(lo - margin * extent, hi + margin * extent, points);
    }
}
