package carnot.api.datasets;

import carnot.api.component.Provider;
import carnot.api.component.Settings;

/** Provides a train/test dataset pair; registered as a DS service with a {@code carnot.id}. */
public interface DatasetProvider extends Provider {

    /**
     * Loads (or generates) the data. Deterministic given the settings and
     * {@link DatasetContext#seed()}.
     *
     * @throws DatasetException naming the file and the problem when data cannot be read
     */
    DatasetSplits load(Settings settings, DatasetContext context) throws DatasetException;
}
