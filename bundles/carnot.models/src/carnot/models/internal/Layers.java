package carnot.models.internal;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import carnot.api.component.Setting;
import carnot.api.component.Settings;

/**
 * The activation and initialization choices every architecture offers, so that the same
 * setting means the same thing in each.
 * <ul>
 * <li>{@code he}: N(0, s^2 * 2 / fan_in) (He et al. 2015), the usual choice for ReLU;</li>
 * <li>{@code xavier}: U(-a, a) with a = s * sqrt(6 / (fan_in + fan_out)) (Glorot & Bengio 2010);
 * DJL's Xavier scales by sqrt(magnitude / ((fan_in + fan_out) / 2)), hence magnitude 3 s^2;</li>
 * <li>{@code scaled}: N(0, s^2 / fan_in), the "standard" parameterization whose scale s sets
 * the lazy (large s) or rich (small s) regime (Chizat, Oyallon & Bach 2019).</li>
 * </ul>
 * s is the {@code initScale} setting (default 1). For convolutions fan_in is
 * in_channels * kernel_h * kernel_w.
 */
final class Layers {

    static final String[] ACTIVATIONS = {"relu", "tanh", "sigmoid", "gelu"};

    private Layers() {
    }

    static Setting activationSetting() {
        return Setting.choice("activation", "relu", "nonlinearity after each hidden layer", ACTIVATIONS);
    }

    static Setting initSetting() {
        return Setting.choice("init", "he", "weight initialization: he N(0,2s^2/fan_in), xavier U(+-s sqrt(6/(fan_in"
                + "+fan_out))), scaled N(0,s^2/fan_in)", "he", "xavier", "scaled");
    }

    static Setting dropoutSetting() {
        return Setting.number("dropout", 0.0, "dropout probability after each hidden layer, training only; 0 = off")
                .min(0).max(0.99);
    }

    static Setting initScaleSetting() {
        return Setting.number("initScale", 1.0, "factor s multiplying the initial weights' standard deviation")
                .greaterThan(0).max(1000);
    }

    static Initializer initializer(String scheme, double scale) {
        float s2 = (float) (scale * scale);
        return switch (scheme) {
            case "he" -> new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN,
                    2 * s2);
            case "xavier" -> new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                    XavierInitializer.FactorType.AVG, 3 * s2);
            case "scaled" -> new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                    XavierInitializer.FactorType.IN, s2);
            default -> throw new IllegalArgumentException("unknown init " + scheme);
        };
    }

    /**
     * The scheme as an initializer with explicit fans, for parameters whose shape does not say
     * them (DJL's Xavier reads fan_in from dimension 1 onwards).
     */
    static Initializer initializer(String scheme, double scale, long fanIn, long fanOut) {
        return (manager, shape, dataType) -> switch (scheme) {
            case "he" -> manager.randomNormal(0, (float) (scale * Math.sqrt(2.0 / fanIn)), shape, dataType);
            case "scaled" -> manager.randomNormal(0, (float) (scale / Math.sqrt(fanIn)), shape, dataType);
            case "xavier" -> {
                float a = (float) (scale * Math.sqrt(6.0 / (fanIn + fanOut)));
                yield manager.randomUniform(-a, a, shape, dataType);
            }
            default -> throw new IllegalArgumentException("unknown init " + scheme);
        };
    }

    /** Weights by the {@code init} and {@code initScale} settings, biases from zero. */
    static void initialize(SequentialBlock net, Settings settings) {
        net.setInitializer(initializer(settings.getString("init"), settings.getDouble("initScale")),
                Parameter.Type.WEIGHT);
        net.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
    }

    /**
     * The fully connected end of a convolutional network: flatten, then per hidden width a linear
     * layer, optional batch normalization, the activation and optional dropout, then a linear
     * layer to the K logits.
     */
    static void fullyConnectedHead(SequentialBlock net, int[] hidden, boolean batchNorm, String activation,
            double dropout, int classes) {
        net.add(Blocks.batchFlattenBlock());
        for (int width : hidden) {
            net.add(Linear.builder().setUnits(width).build());
            if (batchNorm) {
                net.add(BatchNorm.builder().build());
            }
            net.add(activation(activation));
            if (dropout > 0) {
                net.add(Dropout.builder().optRate((float) dropout).build());
            }
        }
        net.add(Linear.builder().setUnits(classes).build());
    }

    /** The (channels, height, width) of an image example, or an error naming the architecture. */
    static int[] imageShape(String architecture, int[] shape) {
        if (shape.length != 3) {
            throw new IllegalArgumentException(architecture + " needs image examples of shape (channels, height, "
                    + "width), got " + java.util.Arrays.toString(shape));
        }
        return shape;
    }

    static Block activation(String name) {
        return switch (name) {
            case "relu" -> Activation.reluBlock();
            case "tanh" -> Activation.tanhBlock();
            case "sigmoid" -> Activation.sigmoidBlock();
            case "gelu" -> Activation.geluBlock();
            default -> throw new IllegalArgumentException("unknown activation " + name);
        };
    }
}
