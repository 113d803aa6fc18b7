package carnot.analysis.landscape.internal;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.Split;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.datasets.Dataset;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the weights of another run's checkpoint without touching the analysed network: a fresh copy
 * of the run's architecture is built by its provider (from the resolved spec), the checkpoint is
 * loaded into it in a scratch manager, and its parameters are read by structural name. The analysed
 * network, its parameter arrays (which the training loop's parameter store holds on to) and
 * libtorch's random generator are left alone.
 */
final class CheckpointWeights {

    private CheckpointWeights() {
    }

    /**
     * @param file a {@code .params} file (DJL's parameter format) of a run of the same architecture
     * @throws IllegalArgumentException naming {@code settings.checkpoint} when it does not fit
     */
    static Map<String, float[]> read(ComponentRegistry registry, AnalysisContext context, Path file) {
        String id = context.spec().model().id();
        ArchitectureProvider provider = registry.find(ComponentKind.ARCHITECTURE, id, ArchitectureProvider.class)
                .orElseThrow(() -> new IllegalStateException("architecture '" + id + "' is no longer installed"));
        Dataset train = context.dataset(Split.TRAIN);
        Block copy = provider.build(provider.settingsSchema().validate(context.spec().model().settings(),
                "model.settings"), new ArchitectureContext(train.exampleShape(), train.numClasses()));
        Map<String, float[]> values = new LinkedHashMap<>();
        try (NDManager scratch = context.manager().newSubManager();
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            copy.loadParameters(scratch, in);
            for (Pair<String, Parameter> entry : copy.getParameters()) {
                values.put(entry.getKey(), entry.getValue().getArray().toFloatArray());
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            // The reader's own message may quote bytes of the file: name the failure's kind only.
            throw new IllegalArgumentException("settings.checkpoint: " + file + " does not hold weights of this "
                    + id + " network (" + e.getClass().getSimpleName() + ")");
        }
        return values;
    }
}
