package carnot.api.datasets;

import java.util.Objects;

/** The training and test sets a dataset provider yields; both share shape and class count. */
public record DatasetSplits(Dataset train, Dataset test) {

    /**
     * Checks that both splits are present and describe the same task.
     *
     * @throws IllegalArgumentException when their example shapes or class counts differ
     */
    public DatasetSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!java.util.Arrays.equals(train.exampleShape(), test.exampleShape())) {
            throw new IllegalArgumentException("train and test example shapes differ");
        }
        if (train.numClasses() != test.numClasses()) {
            throw new IllegalArgumentException("train and test class counts differ");
        }
    }
}
