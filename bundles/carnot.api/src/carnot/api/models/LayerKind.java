package carnot.api.models;

/** The kind of operation a layer performs, for analyses that need to know the network's shape. */
public enum LayerKind {
    /** y = W x (+ b), also weight-normalized. */
    LINEAR,
    /** A 2-D convolution. */
    CONVOLUTION,
    /** A convolution without weight sharing. */
    LOCALLY_CONNECTED,
    /** Batch (or other) normalization. */
    NORMALIZATION,
    /** A pointwise nonlinearity; {@link Layer#description()} names it (relu, tanh, ...). */
    ACTIVATION,
    /** Max or average pooling. */
    POOLING,
    /** Flattening or reshaping: no parameters, linear. */
    RESHAPE,
    /** Dropout: the identity in evaluation mode. */
    DROPOUT,
    /** A residual unit relu(F(x) + S(x)); its parameters are those of F and S, in order. */
    RESIDUAL,
    /** Anything a provider does not classify. */
    OTHER
}
