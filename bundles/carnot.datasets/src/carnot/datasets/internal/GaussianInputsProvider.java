package carnot.datasets.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetSplits;
import carnot.api.datasets.PerturbationProvider;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * Gaussian inputs (Zhang et al. 2017): every train and test input is replaced by a draw from a
 * Gaussian fitted to the training inputs, labels kept. {@code diagonal} (Zhang et al.'s choice)
 * matches each coordinate's mean and variance; {@code full} matches the mean vector and the
 * covariance matrix Sigma (estimated from up to {@code covarianceSamples} training examples,
 * normalized by n - 1), drawing {@code x = mu + L z} with {@code Sigma + 1e-6 tr(Sigma)/d I = L L^T}
 * (Cholesky; the jitter makes a rank-deficient Sigma, such as always-black pixels, factorable).
 */
@Component(service = PerturbationProvider.class, property = Provider.ID + "=gaussian-inputs")
public final class GaussianInputsProvider implements PerturbationProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.choice("covariance", "diagonal", "match per-coordinate variances or the full covariance",
                    "diagonal", "full"),
            Setting.integer("covarianceSamples", 10000, "full: training examples used to estimate Sigma").min(2));

    @Override
    public String title() {
        return "Gaussian inputs";
    }

    @Override
    public String description() {
        return "Inputs replaced by Gaussian draws with the training set's mean and (diagonal or full) covariance, "
                + "labels kept (Zhang et al. 2017).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits apply(DatasetSplits data, Settings settings, DatasetContext context) throws DatasetException {
        Dataset train = data.train();
        int d = train.featureSize();
        int n = train.size();
        if (n < 2) {
            throw new DatasetException("gaussian-inputs needs at least 2 training examples, got " + n);
        }
        double[] mean = new double[d];
        float[] x = train.features();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        boolean full = settings.getString("covariance").equals("full");
        double[][] factor = full ? cholesky(covariance(train, mean, settings.getInt("covarianceSamples"), context))
                : null;
        double[] sd = full ? null : standardDeviations(train, mean);
        SplittableRandom random = new SplittableRandom(context.seed());
        String step = "gaussian-inputs(" + settings.getString("covariance") + ")";
        Dataset newTrain = DerivedDatasets.withFeatures(train, step, draw(n, mean, sd, factor, random));
        Dataset newTest = DerivedDatasets.withFeatures(data.test(), step, draw(data.test().size(), mean, sd, factor,
                random));
        return new DatasetSplits(newTrain, newTest);
    }

    private static double[] standardDeviations(Dataset train, double[] mean) {
        int d = mean.length;
        int n = train.size();
        double[] sd = new double[d];
        float[] x = train.features();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x[i * d + j] - mean[j];
                sd[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j] / (n - 1));
        }
        return sd;
    }

    /** Sample covariance (normalized by m - 1) of up to {@code samples} seeded-random training examples. */
    static double[][] covariance(Dataset train, double[] mean, int samples, DatasetContext context) {
        int d = mean.length;
        int n = train.size();
        int m = Math.min(samples, n);
        int[] rows = DerivedDatasets.permutation(n, new SplittableRandom(~context.seed()));
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        float[] x = train.features();
        for (int s = 0; s < m; s++) {
            if (s % 256 == 0) {
                context.monitor().checkCancelled();
            }
            int i = rows[s];
            for (int j = 0; j < d; j++) {
                centred[j] = x[i * d + j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                if (ca == 0) {
                    continue;
                }
                double[] row = cov[a];
                for (int b = 0; b <= a; b++) {
                    row[b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                cov[a][b] /= m - 1;
                cov[b][a] = cov[a][b];
            }
        }
        return cov;
    }

    /** Lower-triangular L with L L^T = A + jitter I, jitter = 1e-6 tr(A)/d (1e-12 if A = 0). A is modified. */
    static double[][] cholesky(double[][] a) {
        int d = a.length;
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += a[j][j];
        }
        double jitter = trace > 0 ? 1e-6 * trace / d : 1e-12;
        for (int j = 0; j < d; j++) {
            a[j][j] += jitter;
        }
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(sum, jitter)) : sum / l[j][j];
            }
        }
        return l;
    }

    private static float[] draw(int n, double[] mean, double[] sd, double[][] factor, SplittableRandom random) {
        int d = mean.length;
        float[] out = new float[n * d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = gaussian(random);
            }
            for (int a = 0; a < d; a++) {
                double v = mean[a];
                if (factor == null) {
                    v += sd[a] * z[a];
                } else {
                    double[] row = factor[a];
                    for (int b = 0; b <= a; b++) {
                        v += row[b] * z[b];
                    }
                }
                out[i * d + a] = (float) v;
            }
        }
        return out;
    }

    /** A standard normal draw (Marsaglia polar method) from a SplittableRandom. */
    static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
