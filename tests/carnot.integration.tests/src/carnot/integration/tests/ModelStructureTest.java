package carnot.integration.tests;

import static carnot.integration.tests.Components.engine;
import static carnot.integration.tests.Components.provider;
import static carnot.integration.tests.Components.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import carnot.api.component.ComponentKind;
import carnot.api.component.Settings;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.api.models.LayerKind;
import carnot.api.models.ModelParameter;
import carnot.api.models.ModelStructure;
import carnot.api.models.ParameterRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every built-in architecture's structure against one derived by hand from its definition: layers in
 * order with their kinds, parameter names (DJL's: child key, '_', name), roles, shapes and trainable
 * flags, the activation, and the homogeneity degree (L + 1 exactly when bias-free, ReLU and not
 * normalized).
 */
class ModelStructureTest {

    private static ModelStructure structure(String id, Map<String, Object> raw, int[] exampleShape, int classes) {
        ArchitectureProvider provider = provider(ComponentKind.ARCHITECTURE, id, ArchitectureProvider.class);
        Settings settings = settings(provider, raw);
        ArchitectureContext context = new ArchitectureContext(exampleShape, classes);
        Block block = provider.build(settings, context);
        try (NDManager manager = engine().newBaseManager()) {
            long[] dims = new long[exampleShape.length + 1];
            dims[0] = 1;
            for (int i = 0; i < exampleShape.length; i++) {
                dims[i + 1] = exampleShape[i];
            }
            block.initialize(manager, DataType.FLOAT32, new Shape(dims));
            ModelStructure structure = provider.structure(settings, context, block).orElseThrow();
            assertEquals(block.getParameters().keys(), structure.parameters().stream().map(ModelParameter::name)
                    .toList(), id + ": every parameter, in the network's order");
            return structure;
        }
    }

    private static void assertParameter(ModelParameter p, String name, ParameterRole role, long... shape) {
        assertEquals(name, p.name());
        assertEquals(role, p.role(), name);
        assertArrayEquals(shape, p.shape(), name);
    }

    /** mlp 784-16-8-10 without biases: flatten, linear, relu, linear, relu, linear; degree 3. */
    @Test
    void aBiasFreeReluMlpIsHomogeneousOfDegreeLPlusOne() {
        ModelStructure s = structure("mlp", Map.of("hidden", List.of(16, 8), "bias", false), new int[] {1, 28, 28}, 10);
        assertEquals(List.of(LayerKind.RESHAPE, LayerKind.LINEAR, LayerKind.ACTIVATION, LayerKind.LINEAR,
                LayerKind.ACTIVATION, LayerKind.LINEAR), s.layers().stream().map(l -> l.kind()).toList());
        assertEquals("relu", s.layers().get(2).description());
        List<ModelParameter> p = s.parameters();
        assertEquals(3, p.size());
        assertParameter(p.get(0), "02Linear_weight", ParameterRole.WEIGHT, 16, 784);
        assertParameter(p.get(1), "04Linear_weight", ParameterRole.WEIGHT, 8, 16);
        assertParameter(p.get(2), "06Linear_weight", ParameterRole.WEIGHT, 10, 8);
        assertTrue(s.biasFree());
        assertEquals(3, s.homogeneityDegree());
        assertEquals(3, s.weightLayers());
        assertEquals("relu", s.activation());
        assertEquals(16 * 784 + 8 * 16 + 10 * 8, s.trainableParameterCount());
    }

    /** The same with biases, with tanh, with batch norm: not homogeneous, for the reason each breaks it. */
    @Test
    void biasesTanhAndBatchNormBreakHomogeneity() {
        ModelStructure biased = structure("mlp", Map.of("hidden", List.of(16)), new int[] {8}, 3);
        assertFalse(biased.biasFree());
        assertEquals(0, biased.homogeneityDegree());
        assertParameter(biased.parameters().get(1), "02Linear_bias", ParameterRole.BIAS, 16);
        ModelStructure tanh = structure("mlp", Map.of("hidden", List.of(16), "bias", false, "activation", "tanh"),
                new int[] {8}, 3);
        assertTrue(tanh.biasFree());
        assertEquals(0, tanh.homogeneityDegree());
        assertEquals("tanh", tanh.activation());
        ModelStructure normalized = structure("mlp", Map.of("hidden", List.of(16), "bias", false, "batchNorm", true),
                new int[] {8}, 3);
        assertEquals(0, normalized.homogeneityDegree());
        // BatchNorm: gamma (scale), beta (shift), and the running statistics, not trained.
        List<ModelParameter> bn = normalized.layers().get(2).parameters();
        assertEquals(LayerKind.NORMALIZATION, normalized.layers().get(2).kind());
        assertEquals(List.of(ParameterRole.NORM_SCALE, ParameterRole.NORM_SHIFT, ParameterRole.OTHER,
                ParameterRole.OTHER), bn.stream().map(ModelParameter::role).toList());
        assertEquals(List.of(true, true, false, false), bn.stream().map(ModelParameter::trainable).toList());
        assertFalse(normalized.biasFree(), "beta is an additive offset");
    }

    /** Weight normalization w = g v / ||v||: weight and length per layer, still degree L + 1 jointly. */
    @Test
    void weightNormalizedLayersKeepTheDegree() {
        ModelStructure s = structure("mlp", Map.of("hidden", List.of(6), "bias", false, "weightNorm", true),
                new int[] {4}, 3);
        assertParameter(s.parameters().get(0), "02WeightNormLinear_weight", ParameterRole.WEIGHT, 6, 4);
        assertParameter(s.parameters().get(1), "02WeightNormLinear_g", ParameterRole.OTHER, 6);
        assertEquals(2, s.homogeneityDegree());
    }

    /** The linear model is homogeneous of degree 1 without its bias; the identity activation. */
    @Test
    void theLinearModel() {
        ModelStructure s = structure("linear", Map.of("bias", false), new int[] {5}, 2);
        assertEquals(List.of(LayerKind.RESHAPE, LayerKind.LINEAR), s.layers().stream().map(l -> l.kind()).toList());
        assertParameter(s.parameters().get(0), "02Linear_weight", ParameterRole.WEIGHT, 2, 5);
        assertEquals("identity", s.activation());
        assertEquals(1, s.homogeneityDegree());
        assertEquals(0, structure("linear", Map.of(), new int[] {5}, 2).homogeneityDegree());
    }

    /** cnn: conv (5x5, 'same'), relu, max-pool per stage, then the fully connected head; biases everywhere. */
    @Test
    void theCnnAndTheLocallyConnectedNetwork() {
        ModelStructure cnn = structure("cnn", Map.of("channels", List.of(4), "hidden", List.of(12), "kernel", 3),
                new int[] {1, 8, 8}, 10);
        assertEquals(List.of(LayerKind.CONVOLUTION, LayerKind.ACTIVATION, LayerKind.POOLING, LayerKind.RESHAPE,
                LayerKind.LINEAR, LayerKind.ACTIVATION, LayerKind.LINEAR), cnn.layers().stream().map(l -> l.kind())
                        .toList());
        assertParameter(cnn.parameters().get(0), "01Conv2d_weight", ParameterRole.WEIGHT, 4, 1, 3, 3);
        assertParameter(cnn.parameters().get(1), "01Conv2d_bias", ParameterRole.BIAS, 4);
        // 8x8 -> max-pool 3x3 stride 2 padding 1 -> 4x4: 4 * 16 = 64 inputs to the hidden layer.
        assertParameter(cnn.parameters().get(2), "05Linear_weight", ParameterRole.WEIGHT, 12, 64);
        assertEquals(0, cnn.homogeneityDegree());
        ModelStructure local = structure("locally-connected", Map.of("channels", List.of(2), "kernel", 3, "hidden",
                List.of(5), "pool", false), new int[] {1, 4, 4}, 3);
        // One 3x3 filter bank of 2 outputs per location: (16 locations, 2, 1 * 3 * 3); bias per (channel, location).
        assertParameter(local.parameters().get(0), "01LocallyConnected2d_weight", ParameterRole.WEIGHT, 16, 2, 9);
        assertParameter(local.parameters().get(1), "01LocallyConnected2d_bias", ParameterRole.BIAS, 2, 4, 4);
        assertEquals(LayerKind.LOCALLY_CONNECTED, local.layers().get(0).kind());
    }

    /** ResNet: each residual unit one RESIDUAL layer; random features: the frozen layer is not trainable. */
    @Test
    void theResNetAndRandomFeatures() {
        ModelStructure resnet = structure("resnet", Map.of("channels", List.of(4), "blocks", 1), new int[] {1, 8, 8}, 3);
        assertEquals(List.of(LayerKind.CONVOLUTION, LayerKind.NORMALIZATION, LayerKind.ACTIVATION, LayerKind.RESIDUAL,
                LayerKind.ACTIVATION, LayerKind.POOLING, LayerKind.LINEAR), resnet.layers().stream().map(l -> l.kind())
                        .toList());
        assertEquals(0, resnet.homogeneityDegree());
        ModelStructure features = structure("random-features", Map.of("features", 7), new int[] {3}, 2);
        ModelParameter frozen = features.parameters().get(0);
        assertParameter(frozen, "02Linear_weight", ParameterRole.WEIGHT, 7, 3);
        assertFalse(frozen.trainable());
        assertEquals(2 * 7 + 2, features.trainableParameterCount());
    }
}
