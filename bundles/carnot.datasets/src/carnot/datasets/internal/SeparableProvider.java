package carnot.datasets.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.DatasetSplits;
import java.util.Random;
import org.osgi.service.component.annotations.Component;

/**
 * Linearly separable binary data with a chosen margin gamma and radius R: the setting of the
 * perceptron convergence theorem (Novikoff 1962: at most (R/gamma)^2 mistakes) and of the
 * margin-based generalization bounds. A unit normal w is drawn uniformly on the sphere; each
 * example gets a uniform label y in {0, 1}, s = 2y - 1, a signed distance t uniform in
 * [gamma, R] from the hyperplane w.x = 0, and an orthogonal part uniform in the (d-1)-ball of
 * radius sqrt(R^2 - t^2):
 *
 * <pre>x = s t w + r u,  u uniform on the unit sphere of w-perp,  r = sqrt(R^2 - t^2) U^(1/(d-1))</pre>
 *
 * so that every example has margin s w.x = t >= gamma and norm sqrt(t^2 + r^2) <= R, exactly,
 * also after rounding to float (the interval is shrunk by 1e-6 relative and each stored example
 * is checked). Train and test share w.
 */
@Component(service = DatasetProvider.class, property = Provider.ID + "=separable")
public final class SeparableProvider implements DatasetProvider {

    private static final double SAFETY = 1e-6;

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("dimension", 10, "input dimension d").min(1).max(1_000_000),
            Setting.integer("trainSize", 1000, "training examples").min(1),
            Setting.integer("testSize", 1000, "test examples").min(0),
            Setting.number("margin", 0.1, "gamma: every example's distance from the separating hyperplane")
                    .greaterThan(0),
            Setting.number("radius", 1.0, "R: every example's norm is at most R (R > margin)").greaterThan(0));

    @Override
    public String title() {
        return "Linearly separable (margin gamma, radius R)";
    }

    @Override
    public String description() {
        return "Two classes separated by a random hyperplane through 0 with margin at least gamma, every input in "
                + "the ball of radius R (perceptron bound (R/gamma)^2).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits load(Settings settings, DatasetContext context) throws DatasetException {
        double gamma = settings.getDouble("margin");
        double radius = settings.getDouble("radius");
        if (gamma * (1 + SAFETY) >= radius * (1 - SAFETY)) {
            throw new DatasetException("settings.margin: expected a number < settings.radius (" + radius + "), got "
                    + gamma);
        }
        int d = settings.getInt("dimension");
        DatasetSizes.requireFits("separable", settings, d, "dimension");
        Random random = new Random(context.seed());
        double[] w = unitNormal(d, random);
        String name = "separable(d=" + d + ",gamma=" + gamma + ",R=" + radius + ")";
        return new DatasetSplits(sample(name + "/train", w, gamma, radius, settings.getInt("trainSize"), random),
                sample(name + "/test", w, gamma, radius, settings.getInt("testSize"), random));
    }

    /** The separating unit normal of the data {@link #load} draws from {@code seed}. */
    static double[] hyperplane(int d, long seed) {
        return unitNormal(d, new Random(seed));
    }

    private static double[] unitNormal(int d, Random random) {
        double[] w = new double[d];
        double norm = 0;
        while (norm == 0) {
            for (int j = 0; j < d; j++) {
                w[j] = random.nextGaussian();
                norm += w[j] * w[j];
            }
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < d; j++) {
            w[j] /= norm;
        }
        return w;
    }

    private static Dataset sample(String name, double[] w, double gamma, double radius, int n, Random random) {
        int d = w.length;
        float[] x = new float[n * d];
        int[] y = new int[n];
        double low = gamma * (1 + SAFETY);
        double high = radius * (1 - SAFETY);
        double[] u = new double[d];
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(2);
            double s = 2 * label - 1;
            boolean stored = false;
            while (!stored) {
                double t = low + (high - low) * random.nextDouble();
                double r = 0;
                if (d > 1) {
                    // u: a Gaussian vector with its w-component removed, normalized.
                    double dot = 0;
                    double norm = 0;
                    for (int j = 0; j < d; j++) {
                        u[j] = random.nextGaussian();
                        dot += u[j] * w[j];
                    }
                    for (int j = 0; j < d; j++) {
                        u[j] -= dot * w[j];
                        norm += u[j] * u[j];
                    }
                    norm = Math.sqrt(norm);
                    for (int j = 0; j < d; j++) {
                        u[j] = norm == 0 ? 0 : u[j] / norm;
                    }
                    r = Math.sqrt(Math.max(0, high * high - t * t)) * Math.pow(random.nextDouble(), 1.0 / (d - 1));
                }
                double margin = 0;
                double squaredNorm = 0;
                for (int j = 0; j < d; j++) {
                    float value = (float) (s * t * w[j] + r * u[j]);
                    x[i * d + j] = value;
                    margin += s * value * w[j];
                    squaredNorm += (double) value * value;
                }
                stored = margin >= gamma && Math.sqrt(squaredNorm) <= radius;
            }
            y[i] = label;
        }
        return Dataset.of(name, new int[] {d}, 2, x, y);
    }
}
