package carnot.models.internal;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.util.Pair;
import carnot.api.models.Layer;
import carnot.api.models.LayerKind;
import carnot.api.models.ModelParameter;
import carnot.api.models.ModelStructure;
import carnot.api.models.ParameterRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The structure of a network built by this bundle's architectures, read off the initialized block:
 * sequential blocks are walked in order, every other block is one layer (a residual unit, a
 * {@link ParallelBlock}, is one {@link LayerKind#RESIDUAL} layer holding its branches' parameters).
 * Structural names are the ones {@code Block.getParameters()} gives (child key, '_', parameter name).
 * Whether the network is homogeneous is the architecture's call: it knows its settings.
 */
final class Structures {

    private Structures() {
    }

    /**
     * @param activation        the hidden nonlinearity ({@code identity} for none)
     * @param homogeneityDegree k, or 0 when the settings make the network not positively homogeneous
     */
    static ModelStructure of(Block net, String activation, int homogeneityDegree) {
        List<Layer> layers = new ArrayList<>();
        walk(net, "", layers);
        return new ModelStructure(layers, activation, homogeneityDegree);
    }

    /**
     * The degree of a feed-forward stack of {@code weightLayers} bias-free layers with this
     * activation and no normalization: {@code weightLayers} for ReLU (relu(a z) = a relu(z) for a &gt;
     * 0) or no activation, else 0.
     */
    static int degree(int weightLayers, String activation, boolean biasFree, boolean normalized) {
        boolean homogeneousActivation = activation.equals("relu") || activation.equals("identity");
        return biasFree && !normalized && homogeneousActivation ? weightLayers : 0;
    }

    private static void walk(Block block, String prefix, List<Layer> layers) {
        if (block instanceof SequentialBlock) {
            for (Pair<String, Block> child : block.getChildren()) {
                walk(child.getValue(), prefix + child.getKey() + "_", layers);
            }
            return;
        }
        List<ModelParameter> parameters = new ArrayList<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            parameters.add(parameter(block, prefix + entry.getKey(), entry.getKey(), entry.getValue()));
        }
        String name = prefix.endsWith("_") ? prefix.substring(0, prefix.length() - 1) : block.getClass().getSimpleName();
        layers.add(new Layer(name, kind(block), description(block), parameters));
    }

    private static ModelParameter parameter(Block owner, String name, String localName, Parameter parameter) {
        ParameterRole role = ParameterRole.of(parameter.getType());
        if (owner instanceof LocallyConnected2d && localName.equals("weight")) {
            // Typed OTHER only so that the convolution initializers leave it to its own; it is the filter bank.
            role = ParameterRole.WEIGHT;
        }
        return new ModelParameter(name, role, parameter.getArray().getShape().getShape(),
                parameter.requiresGradient());
    }

    private static LayerKind kind(Block block) {
        if (block instanceof Linear || block instanceof WeightNormLinear) {
            return LayerKind.LINEAR;
        } else if (block instanceof Conv2d) {
            return LayerKind.CONVOLUTION;
        } else if (block instanceof LocallyConnected2d) {
            return LayerKind.LOCALLY_CONNECTED;
        } else if (block instanceof BatchNorm) {
            return LayerKind.NORMALIZATION;
        } else if (block instanceof Dropout) {
            return LayerKind.DROPOUT;
        } else if (block instanceof ParallelBlock) {
            return LayerKind.RESIDUAL;
        } else if (block instanceof LambdaBlock lambda) {
            String name = lambda.getName().toLowerCase(Locale.ROOT);
            if (name.contains("pool")) {
                return LayerKind.POOLING;
            } else if (name.contains("flatten")) {
                return LayerKind.RESHAPE;
            } else if (List.of("relu", "tanh", "sigmoid", "gelu").contains(name)) {
                return LayerKind.ACTIVATION;
            }
        }
        return LayerKind.OTHER;
    }

    private static String description(Block block) {
        if (block instanceof LambdaBlock lambda) {
            return lambda.getName().toLowerCase(Locale.ROOT);
        } else if (block instanceof WeightNormLinear) {
            return "weight-normalized linear";
        } else if (block instanceof ParallelBlock) {
            return "residual unit relu(F(x) + S(x))";
        }
        return block.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
