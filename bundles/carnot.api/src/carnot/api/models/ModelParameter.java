package carnot.api.models;

/**
 * One parameter of a network.
 *
 * @param name      the structural name under which {@code Block.getParameters()} lists it (the key of
 *                  {@code AnalysisContext.initialParameters()} and of autograd selections)
 * @param role      what it does in its layer
 * @param shape     its shape, row-major
 * @param trainable whether the optimizer updates it (false for frozen layers and running statistics)
 */
public record ModelParameter(String name, ParameterRole role, long[] shape, boolean trainable) {

    /** Copies {@code shape}. */
    public ModelParameter {
        shape = shape.clone();
    }

    /** Number of values. */
    public long size() {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        return size;
    }

    /** The parameter's shape: a copy. */
    @Override
    public long[] shape() {
        return shape.clone();
    }
}
