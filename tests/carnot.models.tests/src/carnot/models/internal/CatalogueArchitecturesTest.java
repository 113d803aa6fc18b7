package carnot.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's CNN, random-features model and scaled initialization against hand computations:
 * parameter counts and output shapes layer by layer, which weights are frozen, and the variance of
 * the initial weights.
 */
class CatalogueArchitecturesTest {

    /** The providers are this bundle's own classes: built directly, their settings checked by their schema. */
    private static Settings settings(Provider provider, Map<String, Object> raw) {
        return provider.settingsSchema().validate(raw, "test");
    }

    @Test
    void cnnIsTheLayersByTheirShapesAndCountsParameters() {
        ArchitectureProvider cnn = new CnnProvider();
        Block block = cnn.build(settings(cnn, Map.of("channels", List.of(4, 6), "kernel", 3, "hidden", List.of(7))),
                new ArchitectureContext(new int[] {2, 9, 9}, 5));
        try (NDManager manager = PyTorch.engine().newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 9, 9));
            long count = block.getParameters().stream().mapToLong(p -> p.getValue().getArray().size()).sum();
            // conv 2->4 (3x3): 72 + 4; pool 9 -> 5; conv 4->6: 216 + 6; pool 5 -> 3; fc 54 -> 7: 378 + 7; 7 -> 5: 40.
            assertEquals(72 + 4 + 216 + 6 + 54 * 7 + 7 + 7 * 5 + 5, count);
            NDArray out = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomNormal(new Shape(3, 2, 9, 9))), false).singletonOrThrow();
            assertEquals(new Shape(3, 5), out.getShape());
        }
    }

    @Test
    void randomFeaturesFreezeTheFirstLayer() {
        ArchitectureProvider provider = new RandomFeaturesProvider();
        Block block = provider.build(settings(provider, Map.of("features", 5, "bias", true)),
                new ArchitectureContext(new int[] {3}, 2));
        try (NDManager manager = PyTorch.engine().newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            List<Pair<String, Parameter>> params = block.getParameters().stream().toList();
            assertEquals(List.of(false, false, true, true), params.stream().map(p -> p.getValue().requiresGradient())
                    .toList(), "W, b frozen; A, c trained");
            assertArrayEquals(new float[10], params.get(2).getValue().getArray().toFloatArray(), 0f, "head from 0");
        }
    }

    @Test
    void initScaleScalesTheStandardDeviation() {
        ArchitectureProvider mlp = new MlpProvider();
        Block block = mlp.build(settings(mlp, Map.of("hidden", List.of(400), "init", "scaled", "initScale", 3.0)),
                new ArchitectureContext(new int[] {784}, 10));
        try (NDManager manager = PyTorch.engine().newBaseManager()) {
            PyTorch.engine().setRandomSeed(2);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 784));
            Pair<String, Parameter> first = block.getParameters().get(0);
            double square = 0;
            float[] w = first.getValue().getArray().toFloatArray();
            for (float v : w) {
                square += v * v;
            }
            // scaled: N(0, s^2 / fan_in) = N(0, 9 / 784); 313,600 draws.
            assertEquals(9.0 / 784, square / w.length, 0.02 * 9.0 / 784);
        }
    }
}
