package carnot.api.datasets;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a dataset's splits hold, without their examples: the sizes, the shape of one example and the
 * class count. {@code carnot validate} checks an experiment with it (the parameter count, the memory
 * estimate and the analyses' refusals need no more), so that validating does not read the data.
 *
 * @param trainName    the training split's name, as {@link Dataset#name()} would give it
 * @param testName     the test split's name
 * @param exampleShape shape of one example, e.g. {@code [1, 28, 28]}
 * @param numClasses   number of classes
 * @param trainSize    training examples
 * @param testSize     test examples
 * @since 0.2.0
 */
public record DatasetSummary(String trainName, String testName, int[] exampleShape, int numClasses, int trainSize,
        int testSize) {

    /** Checks the names and sizes and keeps a copy of the shape. */
    public DatasetSummary {
        Objects.requireNonNull(trainName, "trainName");
        Objects.requireNonNull(testName, "testName");
        exampleShape = exampleShape.clone();
        if (trainSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("sizes must be >= 0: " + trainSize + ", " + testSize);
        }
    }

    /** The summary of loaded splits. */
    public static DatasetSummary of(DatasetSplits splits) {
        return new DatasetSummary(splits.train().name(), splits.test().name(), splits.train().exampleShape(),
                splits.train().numClasses(), splits.train().size(), splits.test().size());
    }

    /** Shape of one example (a copy). */
    @Override
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    /** Values per example: the product of {@link #exampleShape()}. */
    public int featureSize() {
        return Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatasetSummary s && trainName.equals(s.trainName) && testName.equals(s.testName)
                && Arrays.equals(exampleShape, s.exampleShape) && numClasses == s.numClasses
                && trainSize == s.trainSize && testSize == s.testSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(trainName, testName, Arrays.hashCode(exampleShape), numClasses, trainSize, testSize);
    }

    @Override
    public String toString() {
        return trainName + " (" + trainSize + ") / " + testName + " (" + testSize + "), examples "
                + Arrays.toString(exampleShape) + ", " + numClasses + " classes";
    }
}
