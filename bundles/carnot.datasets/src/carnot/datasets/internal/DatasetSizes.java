package carnot.datasets.internal;

import carnot.api.component.Settings;
import carnot.api.datasets.DatasetException;
import java.util.Locale;

/**
 * Checks, before anything is allocated, that a synthetic dataset of n examples of d features fits:
 * in one Java float array (at most 2^31 - 9 entries; n * d overflows an int long before that) and
 * in the heap. A refused size names the settings and the memory it would need, instead of dying of
 * {@code NegativeArraySizeException} or {@code OutOfMemoryError} halfway through sampling.
 */
final class DatasetSizes {

    /** The largest Java array the JVM allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private DatasetSizes() {
    }

    /** Checks {@code trainSize} and {@code testSize} examples of {@code d} features (setting {@code dimensionKey}). */
    static void requireFits(String dataset, Settings settings, long d, String dimensionKey) throws DatasetException {
        long train = settings.getInt("trainSize");
        long test = settings.getInt("testSize");
        requireFits(dataset, train, test, d, dimensionKey);
    }

    static void requireFits(String dataset, long train, long test, long d, String dimensionKey) throws DatasetException {
        for (long n : new long[] {train, test}) {
            long values = n * d;
            if (values > MAX_ARRAY) {
                throw new DatasetException(String.format(Locale.ROOT, "%s: %s = %d examples x %s = %d features = %d "
                        + "values (%s as float32), more than one Java array holds (%d values); reduce settings.%s "
                        + "or settings.%s", dataset, n == train ? "trainSize" : "testSize", n, dimensionKey, d,
                        values, gigabytes(values * 4), MAX_ARRAY, n == train ? "trainSize" : "testSize", dimensionKey));
            }
        }
        long bytes = (train + test) * d * 4;
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap / 2) {
            throw new DatasetException(String.format(Locale.ROOT, "%s: (trainSize + testSize) x %s = (%d + %d) x %d "
                    + "float32 values need %s, more than half of the heap (%s; set CARNOT_HEAP for more); reduce "
                    + "settings.trainSize, settings.testSize or settings.%s", dataset, dimensionKey, train, test, d,
                    gigabytes(bytes), gigabytes(heap), dimensionKey));
        }
    }

    static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
