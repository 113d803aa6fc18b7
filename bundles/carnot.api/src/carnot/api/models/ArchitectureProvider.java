package carnot.api.models;

import ai.djl.nn.Block;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import java.util.Optional;

/**
 * Builds a network. The returned block maps a batch {@code (B, exampleShape...)} to logits
 * {@code (B, numClasses)}; it is not initialized: the engine initializes it under the
 * experiment's seed. Initializers chosen by settings are set on the block here.
 */
public interface ArchitectureProvider extends Provider {

    /**
     * A new, uninitialized network for examples of {@code context}'s shape and classes, configured by {@code settings}; the engine initializes it with the run's seed.
     */
    Block build(Settings settings, ArchitectureContext context);

    /**
     * The structure of a network this provider built with these settings, now initialized (so
     * parameter shapes are known): layers, parameter roles, activation, homogeneity. Analyses read
     * it through {@code AnalysisContext.structure()} and check it before training. The default
     * declares nothing, and the engine derives a structure from the parameters alone (see
     * {@link ModelStructure}); override it so that analyses that need homogeneity, roles or layer
     * order can use the network.
     */
    default Optional<ModelStructure> structure(Settings settings, ArchitectureContext context, Block initialized) {
        return Optional.empty();
    }
}
