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
import java.util.Arrays;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * A seeded uniformly random subset of n training examples (without replacement, original order
 * kept), and optionally of the test set: the n of learning curves (Hestness et al. 2017) and of
 * p/n sweeps.
 */
@Component(service = PerturbationProvider.class, property = Provider.ID + "=subsample")
public final class SubsampleProvider implements PerturbationProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("trainSize", 1000, "training examples n to keep").min(1),
            Setting.integer("testSize", 0, "test examples to keep; 0 = all").min(0));

    @Override
    public String title() {
        return "Subsample";
    }

    @Override
    public String description() {
        return "A seeded random subset of n training (and optionally test) examples.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits apply(DatasetSplits data, Settings settings, DatasetContext context) throws DatasetException {
        SplittableRandom random = new SplittableRandom(context.seed());
        Dataset train = subset(data.train(), settings.getInt("trainSize"), "trainSize", random);
        int testSize = settings.getInt("testSize");
        Dataset test = testSize == 0 ? data.test() : subset(data.test(), testSize, "testSize", random);
        return new DatasetSplits(train, test);
    }

    private static Dataset subset(Dataset base, int n, String key, SplittableRandom random) throws DatasetException {
        if (n > base.size()) {
            throw new DatasetException("settings." + key + ": expected at most " + base.size() + " (the size of "
                    + base.name() + "), got " + n);
        }
        int[] chosen = Arrays.copyOf(DerivedDatasets.permutation(base.size(), random), n);
        Arrays.sort(chosen);
        return DerivedDatasets.select(base, "subsample(" + n + ")", chosen, null, base.numClasses());
    }
}
