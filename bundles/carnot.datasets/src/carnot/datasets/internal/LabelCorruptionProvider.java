package carnot.datasets.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetSplits;
import carnot.api.datasets.PerturbationProvider;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * Partially corrupted labels (Zhang, Bengio, Hardt, Recht & Vinyals 2017, section 2): each training
 * label is, independently with probability p, replaced by a class drawn uniformly from all K (so
 * it may by chance keep its value: the expected fraction of wrong labels is p (K - 1) / K). p = 1
 * gives the random-labels experiment. Only the training labels are corrupted: the test set keeps
 * its true labels, so test error measures generalization to the real task.
 */
@Component(service = PerturbationProvider.class, property = Provider.ID + "=label-corruption")
public final class LabelCorruptionProvider implements PerturbationProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.number("probability", 0.5, "probability p that a training label is replaced by a uniform "
                    + "random class").min(0).max(1));

    @Override
    public String title() {
        return "Label corruption";
    }

    @Override
    public String description() {
        return "Each training label replaced by a uniformly random class with probability p; test labels stay true "
                + "(Zhang et al. 2017).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits apply(DatasetSplits data, Settings settings, DatasetContext context) {
        double p = settings.getDouble("probability");
        Dataset train = data.train();
        int k = train.numClasses();
        int[] labels = train.labels().clone();
        SplittableRandom random = new SplittableRandom(context.seed());
        for (int i = 0; i < labels.length; i++) {
            // Two draws per example whatever p is, so the corrupted set grows monotonically in p.
            double u = random.nextDouble();
            int replacement = random.nextInt(k);
            if (u < p) {
                labels[i] = replacement;
            }
        }
        Dataset corrupted = DerivedDatasets.derive(train, "label-corruption(p=" + p + ")", train.features(), labels,
                k);
        return new DatasetSplits(corrupted, data.test());
    }
}
