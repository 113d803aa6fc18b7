package carnot.datasets.internal;

import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetSplits;
import carnot.api.datasets.PerturbationProvider;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * Random pixels (Zhang et al. 2017): every example, train and test, gets its own random permutation
 * of the feature positions. Each image keeps its histogram of values; all spatial structure is gone.
 */
@Component(service = PerturbationProvider.class, property = Provider.ID + "=random-pixels")
public final class RandomPixelsProvider implements PerturbationProvider {

    @Override
    public String title() {
        return "Random pixels";
    }

    @Override
    public String description() {
        return "An independent random permutation of the input coordinates for every example (Zhang et al. 2017).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SettingsSchema.empty();
    }

    @Override
    public DatasetSplits apply(DatasetSplits data, Settings settings, DatasetContext context) {
        SplittableRandom random = new SplittableRandom(context.seed());
        Dataset train = permuteEach(data.train(), random);
        return new DatasetSplits(train, permuteEach(data.test(), random));
    }

    private static Dataset permuteEach(Dataset base, SplittableRandom random) {
        int d = base.featureSize();
        return DerivedDatasets.permuteFeatures(base, "random-pixels", i -> DerivedDatasets.permutation(d, random));
    }
}
