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
 * Shuffled pixels (Zhang et al. 2017): one random permutation of the feature positions, drawn from
 * the seed, applied to every train and test example alike. Local structure is destroyed, but the
 * task is the same up to a fixed relabelling of the input coordinates (a fully connected net
 * cannot tell the difference).
 */
@Component(service = PerturbationProvider.class, property = Provider.ID + "=shuffled-pixels")
public final class ShuffledPixelsProvider implements PerturbationProvider {

    @Override
    public String title() {
        return "Shuffled pixels";
    }

    @Override
    public String description() {
        return "One fixed random permutation of the input coordinates, applied to train and test (Zhang et al. 2017).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SettingsSchema.empty();
    }

    @Override
    public DatasetSplits apply(DatasetSplits data, Settings settings, DatasetContext context) {
        int[] permutation = DerivedDatasets.permutation(data.train().featureSize(),
                new SplittableRandom(context.seed()));
        return new DatasetSplits(permute(data.train(), permutation), permute(data.test(), permutation));
    }

    private static Dataset permute(Dataset base, int[] permutation) {
        return DerivedDatasets.permuteFeatures(base, "shuffled-pixels", i -> permutation);
    }
}
