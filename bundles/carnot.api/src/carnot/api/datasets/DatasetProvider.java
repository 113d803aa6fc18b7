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

    /**
     * Checks the data as {@link #load} would, without reading the examples: files exist, their headers
     * (format, dimensions, counts) agree with each other and with the settings, and their sizes with
     * what the headers promise. {@code carnot validate} calls this; a run still loads. Errors must be
     * the ones {@link #load} would raise for the same problem. The default loads the data: override it
     * when the files can be checked more cheaply.
     *
     * @throws DatasetException naming the file and the problem
     * @since 0.2.0
     */
    default DatasetSummary summary(Settings settings, DatasetContext context) throws DatasetException {
        return DatasetSummary.of(load(settings, context));
    }
}
