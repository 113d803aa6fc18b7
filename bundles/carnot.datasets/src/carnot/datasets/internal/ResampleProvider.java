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
 * Training set number {@code draw} of a family of independent training sets of size n drawn from
 * the training split (without replacement, or with replacement: a bootstrap sample), the test set
 * unchanged. Changing {@code draw} changes only the training set, not the experiment's seed (which
 * also fixes the initialization and minibatch order): the training-set distribution over which
 * bias and variance are defined (Geman, Bienenstock and Doursat 1992; Domingos 2000; Neal et al.
 * 2018).
 */
@Component(service = PerturbationProvider.class, property = Provider.ID + "=resample")
public final class ResampleProvider implements PerturbationProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("trainSize", 1000, "training examples n per draw").min(1),
            Setting.integer("draw", 0, "which training set of the family").min(0),
            Setting.bool("replacement", false, "draw with replacement (bootstrap) instead of without"));

    @Override
    public String title() {
        return "Resample the training set";
    }

    @Override
    public String description() {
        return "Training set number 'draw' of size n from the training split, with or without replacement "
                + "(bias-variance over training sets).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits apply(DatasetSplits data, Settings settings, DatasetContext context) throws DatasetException {
        Dataset pool = data.train();
        int n = settings.getInt("trainSize");
        int draw = settings.getInt("draw");
        boolean replacement = settings.getBoolean("replacement");
        if (!replacement && n > pool.size()) {
            throw new DatasetException("settings.trainSize: expected at most " + pool.size() + " (the size of "
                    + pool.name() + ") without replacement, got " + n);
        }
        // One generator per draw, split off the perturbation's own seed.
        SplittableRandom random = new SplittableRandom(context.seed());
        for (int k = 0; k < draw; k++) {
            random.split();
        }
        random = random.split();
        int[] chosen;
        if (replacement) {
            chosen = new int[n];
            for (int i = 0; i < n; i++) {
                chosen[i] = random.nextInt(pool.size());
            }
        } else {
            chosen = Arrays.copyOf(DerivedDatasets.permutation(pool.size(), random), n);
        }
        Arrays.sort(chosen);
        String step = "resample(" + n + (replacement ? ", bootstrap" : "") + ", draw " + draw + ")";
        return new DatasetSplits(DerivedDatasets.select(pool, step, chosen, null, pool.numClasses()), data.test());
    }
}
