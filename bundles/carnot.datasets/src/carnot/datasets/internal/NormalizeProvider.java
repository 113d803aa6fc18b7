package carnot.datasets.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetSplits;
import carnot.api.datasets.PerturbationProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Normalizes inputs with statistics of the training set only (so no test information leaks):
 * {@code x' = (x - mu) / sigma}, where for {@code per-feature} mu_j and sigma_j are each
 * coordinate's mean and standard deviation (a constant coordinate keeps sigma = 1), for
 * {@code per-channel} they are pooled over the pixels of each channel of (C, H, W) images (the
 * usual CIFAR normalization), and {@code center} subtracts the per-feature mean only. Standard
 * deviations are normalized by n.
 */
@Component(service = PerturbationProvider.class, property = Provider.ID + "=normalize")
public final class NormalizeProvider implements PerturbationProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.choice("method", "per-channel", "which statistics", "per-channel", "per-feature", "center"));

    @Override
    public String title() {
        return "Normalize";
    }

    @Override
    public String description() {
        return "Standardizes inputs per channel or per feature (or only centres them) with training-set statistics.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits apply(DatasetSplits data, Settings settings, DatasetContext context) {
        Dataset train = data.train();
        int d = train.featureSize();
        String method = settings.getString("method");
        int[] shape = train.exampleShape();
        // group[j]: which statistic coordinate j shares.
        int groups = method.equals("per-channel") ? (shape.length == 3 ? shape[0] : 1) : d;
        int perGroup = d / groups;
        int[] group = new int[d];
        for (int j = 0; j < d; j++) {
            group[j] = method.equals("per-channel") ? j / perGroup : j;
        }
        double[] sum = new double[groups];
        double[] squares = new double[groups];
        float[] x = train.features();
        for (int i = 0; i < x.length; i++) {
            int g = group[i % d];
            sum[g] += x[i];
            squares[g] += (double) x[i] * x[i];
        }
        double count = (double) train.size() * perGroup;
        double[] mean = new double[groups];
        double[] sd = new double[groups];
        for (int g = 0; g < groups; g++) {
            mean[g] = sum[g] / count;
            double variance = Math.max(0, squares[g] / count - mean[g] * mean[g]);
            sd[g] = method.equals("center") || variance == 0 ? 1 : Math.sqrt(variance);
        }
        String step = "normalize(" + method + ")";
        return new DatasetSplits(apply(train, group, mean, sd, step), apply(data.test(), group, mean, sd, step));
    }

    private static Dataset apply(Dataset base, int[] group, double[] mean, double[] sd, String step) {
        int d = group.length;
        float[] x = base.features();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int g = group[i % d];
            out[i] = (float) ((x[i] - mean[g]) / sd[g]);
        }
        return DerivedDatasets.withFeatures(base, step, out);
    }
}
