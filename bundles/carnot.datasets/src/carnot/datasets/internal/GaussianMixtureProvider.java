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
 * A mixture of K isotropic Gaussians in d dimensions: class means {@code mu_k} are drawn
 * N(0, I) and rescaled to norm {@code separation / 2} (so two means are about
 * {@code separation / sqrt(2)} apart for large d), each label is uniform on {0..K-1}, and
 * {@code x = mu_y + sigma * eps} with {@code eps ~ N(0, I)}. The means are shared by train and
 * test; all draws come from the experiment's seed.
 */
@Component(service = DatasetProvider.class, property = Provider.ID + "=gaussian-mixture")
public final class GaussianMixtureProvider implements DatasetProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("classes", 2, "number of mixture components K").min(2).max(1000),
            Setting.integer("dimension", 10, "input dimension d").min(1).max(1_000_000),
            Setting.integer("trainSize", 1000, "training examples").min(1),
            Setting.integer("testSize", 1000, "test examples").min(0),
            Setting.number("separation", 4.0, "norm of each class mean times 2").min(0),
            Setting.number("sigma", 1.0, "standard deviation of the within-class noise").min(0));

    @Override
    public String title() {
        return "Gaussian mixture";
    }

    @Override
    public String description() {
        return "K isotropic Gaussian classes in d dimensions with seeded random means; a synthetic baseline with "
                + "a known Bayes error.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits load(Settings settings, DatasetContext context) throws DatasetException {
        int k = settings.getInt("classes");
        int d = settings.getInt("dimension");
        DatasetSizes.requireFits("gaussian-mixture", settings, d, "dimension");
        double radius = settings.getDouble("separation") / 2;
        double sigma = settings.getDouble("sigma");
        Random random = new Random(context.seed());
        double[][] means = new double[k][d];
        for (double[] mean : means) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                mean[j] = random.nextGaussian();
                norm += mean[j] * mean[j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < d; j++) {
                mean[j] *= norm == 0 ? 0 : radius / norm;
            }
        }
        String name = "gaussian-mixture(K=" + k + ",d=" + d + ")";
        Dataset train = sample(name + "/train", means, sigma, settings.getInt("trainSize"), random);
        Dataset test = sample(name + "/test", means, sigma, settings.getInt("testSize"), random);
        return new DatasetSplits(train, test);
    }

    private static Dataset sample(String name, double[][] means, double sigma, int n, Random random) {
        int k = means.length;
        int d = means[0].length;
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(k);
            y[i] = label;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (means[label][j] + sigma * random.nextGaussian());
            }
        }
        return Dataset.of(name, new int[] {d}, k, x, y);
    }
}
