package carnot.api.models;

/** What a parameter does in its layer. */
public enum ParameterRole {
    /** A weight matrix or filter bank: multiplies the layer's input. */
    WEIGHT,
    /** An additive offset of a linear, convolutional or locally connected layer. */
    BIAS,
    /** The scale (gamma) of a normalization layer. */
    NORM_SCALE,
    /** The shift (beta) of a normalization layer: additive, like a bias. */
    NORM_SHIFT,
    /**
     * Anything else: running statistics of batch normalization (not trained), the lengths g of
     * weight normalization, parameters of plugin layers that declare no role.
     */
    OTHER;

    /** The role DJL's parameter type implies (a provider may know better, e.g. for a filter bank typed OTHER). */
    public static ParameterRole of(ai.djl.nn.Parameter.Type type) {
        return switch (type) {
            case WEIGHT -> WEIGHT;
            case BIAS -> BIAS;
            case GAMMA -> NORM_SCALE;
            case BETA -> NORM_SHIFT;
            default -> OTHER;
        };
    }
}
