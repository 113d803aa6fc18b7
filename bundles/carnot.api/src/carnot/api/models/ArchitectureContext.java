package carnot.api.models;

/**
 * What an architecture needs to know of the data.
 *
 * @param exampleShape shape of one input example, without the batch axis
 * @param numClasses   number of outputs
 */
public record ArchitectureContext(int[] exampleShape, int numClasses) {

    /** Copies {@code exampleShape}. */
    public ArchitectureContext {
        exampleShape = exampleShape.clone();
    }

    /** Number of input values per example. */
    public int inputSize() {
        int size = 1;
        for (int dim : exampleShape) {
            size *= dim;
        }
        return size;
    }
}
