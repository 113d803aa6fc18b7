package carnot.models.internal;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import carnot.api.component.Setting;

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
