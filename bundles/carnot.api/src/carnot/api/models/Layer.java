package carnot.api.models;

import java.util.List;

/**
 * One layer of a network, in forward order.
 *
 * @param name        a readable name, e.g. {@code linear 2} or {@code stage 1 unit 0}
 * @param kind        what it computes
 * @param description details: the activation's name ({@code relu}), kernel and stride, widths
 * @param parameters  its parameters in the network's order (empty for activations, pooling, ...)
 */
public record Layer(String name, LayerKind kind, String description, List<ModelParameter> parameters) {

    /** Copies the parameters. */
    public Layer {
        parameters = List.copyOf(parameters);
    }
}
