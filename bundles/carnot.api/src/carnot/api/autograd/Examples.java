package carnot.api.autograd;

import carnot.api.datasets.Dataset;

/**
 * Which examples a derivative is taken over: {@code count} examples of {@code data} from index
 * {@code from}, in the dataset's order (the order of {@code AnalysisContext.predictions} too).
 *
 * @param data  the dataset, e.g. {@code context.dataset(Split.TRAIN)}; not modified
 * @param from  first example, {@code 0 <= from <= data.size()}
 * @param count number of examples, {@code 0 <= count <= data.size() - from}
 */
public record Examples(Dataset data, int from, int count) {

    /**
     * Checks that the range lies within the dataset.
     *
     * @throws IllegalArgumentException when {@code data} is null or {@code [from, from + count)} is not within its examples
     */
    public Examples {
        if (data == null) {
            throw new IllegalArgumentException("examples: no dataset");
        }
        if (from < 0 || count < 0 || from > data.size() - count) {
            throw new IllegalArgumentException("examples: [" + from + ", " + ((long) from + count) + ") is not within the "
                    + data.size() + " examples of " + data.name());
        }
    }

    /** Every example of the dataset. */
    public static Examples all(Dataset data) {
        return new Examples(data, 0, data.size());
    }

    /** The first {@code min(n, size)} examples ({@code n = 0}: all). */
    public static Examples first(Dataset data, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("examples: expected n >= 0 (0 = all), got " + n);
        }
        return new Examples(data, 0, n == 0 ? data.size() : Math.min(n, data.size()));
    }
}
