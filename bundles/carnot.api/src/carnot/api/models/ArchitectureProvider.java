package carnot.api.models;

import ai.djl.nn.Block;
import carnot.api.component.Provider;
import carnot.api.component.Settings;

/**
 * Builds a network. The returned block maps a batch {@code (B, exampleShape...)} to logits
 * {@code (B, numClasses)}; it is not initialized: the engine initializes it under the
 * experiment's seed. Initializers chosen by settings are set on the block here.
 */
public interface ArchitectureProvider extends Provider {

    Block build(Settings settings, ArchitectureContext context);
}
