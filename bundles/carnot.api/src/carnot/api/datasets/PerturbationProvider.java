package carnot.api.datasets;

import carnot.api.component.Provider;
import carnot.api.component.Settings;

/**
 * Derives a dataset from another one: label corruption, pixel permutations, subsampling,
 * normalization and the like (the randomization tests of Zhang et al. 2017). Perturbations are
 * listed in an experiment's {@code perturbations} and applied in order after the dataset is
 * loaded; each is registered as a DS service with a {@code carnot.id}, so any perturbation
 * composes with any dataset.
 */
public interface PerturbationProvider extends Provider {

    /**
     * Returns the derived train and test sets. Deterministic given the input, the settings and
     * {@link DatasetContext#seed()} (which the engine derives from the experiment's seed and the
     * perturbation's position in the list). The input is not modified; unchanged arrays may be
     * shared with the result.
     *
     * @throws DatasetException when the settings do not fit this data (for example a class subset
     *                          naming a class the data does not have)
     */
    DatasetSplits apply(DatasetSplits data, Settings settings, DatasetContext context) throws DatasetException;
}
