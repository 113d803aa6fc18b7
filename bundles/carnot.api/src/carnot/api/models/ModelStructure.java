package carnot.api.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The structure of a built network: its layers in forward order with their parameters (role,
 * shape, trainable), the hidden activation, and whether the network is positively homogeneous in
 * its parameters. Every built-in architecture declares it; a plugin architecture declares its own
 * through {@link ArchitectureProvider#structure}, else the engine derives one from the network's
 * parameters (roles from their kinds, one layer per top-level block, activation
 * {@value #UNKNOWN}, not homogeneous).
 *
 * <p>Positive homogeneity of degree k means {@code f(x; a theta) = a^k f(x; theta)} for every
 * {@code a > 0} and every input, in evaluation mode; then Euler's identity
 * {@code <theta, d f / d theta> = k f} holds. A bias-free network of k linear (or
 * convolutional, or weight-normalized) layers with ReLU, leaky-ReLU or no activations, max-pooling
 * and no normalization is homogeneous of degree k (the L + 1 of Liang, Poggio, Rakhlin &amp; Stokes
 * 2019); biases, batch normalization, tanh, sigmoid, GELU and residual shortcuts break it.
 *
 * @param layers             in forward order
 * @param activation         the hidden nonlinearity ({@code relu}, {@code tanh}, ...), {@code identity}
 *                           for a linear model, {@value #UNKNOWN} when not declared
 * @param homogeneityDegree  k when the network is positively homogeneous of degree k in all its
 *                           parameters, 0 when it is not (or not known to be)
 */
public record ModelStructure(List<Layer> layers, String activation, int homogeneityDegree) {

    /** The activation of a structure derived without the provider's help. */
    public static final String UNKNOWN = "unknown";

    /**
     * Copies the layers.
     *
     * @throws IllegalArgumentException when {@code homogeneityDegree} is negative
     */
    public ModelStructure {
        layers = List.copyOf(layers);
        if (homogeneityDegree < 0) {
            throw new IllegalArgumentException("homogeneityDegree: expected >= 0, got " + homogeneityDegree);
        }
    }

    /** Every parameter, in the network's order. */
    public List<ModelParameter> parameters() {
        List<ModelParameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return all;
    }

    /** The parameters with a role, in order. */
    public List<ModelParameter> parameters(ParameterRole role) {
        return parameters().stream().filter(p -> p.role() == role).toList();
    }

    /** The parameter with a structural name. */
    public Optional<ModelParameter> parameter(String name) {
        return parameters().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * True when no parameter is an additive offset ({@link ParameterRole#BIAS} or {@link ParameterRole#NORM_SHIFT}).
     */
    public boolean biasFree() {
        return parameters().stream().noneMatch(p -> p.role() == ParameterRole.BIAS
                || p.role() == ParameterRole.NORM_SHIFT);
    }

    /** True when {@link #homogeneityDegree()} is positive. */
    public boolean positivelyHomogeneous() {
        return homogeneityDegree > 0;
    }

    /** Layers that hold a {@link ParameterRole#WEIGHT} parameter: L + 1 for a plain L-hidden-layer MLP. */
    public int weightLayers() {
        return (int) layers.stream().filter(l -> l.parameters().stream().anyMatch(p -> p.role() == ParameterRole.WEIGHT))
                .count();
    }

    /** Trainable parameter values. */
    public long trainableParameterCount() {
        return parameters().stream().filter(ModelParameter::trainable).mapToLong(ModelParameter::size).sum();
    }
}
