package carnot.models.internal;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import org.osgi.service.component.annotations.Component;

/**
 * A fully connected network: flatten, then for each hidden width a linear layer and the
 * activation, then a linear layer to the K logits. {@code hidden = []} is a linear model.
 * Weights are initialized by the chosen scheme; biases start at zero.
 * <ul>
 * <li>{@code he}: N(0, 2 / fan_in) (He et al. 2015), the usual choice for ReLU;</li>
 * <li>{@code xavier}: U(-a, a) with a = sqrt(6 / (fan_in + fan_out)) (Glorot & Bengio 2010); DJL's
 * Xavier scales by sqrt(magnitude / ((fan_in + fan_out) / 2)), hence magnitude 3.</li>
 * </ul>
 */
@Component(service = ArchitectureProvider.class, property = Provider.ID + "=mlp")
public final class MlpProvider implements ArchitectureProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integerList("hidden", new int[] {512}, "hidden layer widths, input to output; [] = linear model")
                    .min(1),
            Setting.choice("activation", "relu", "nonlinearity after each hidden layer", "relu", "tanh", "sigmoid",
                    "gelu"),
            Setting.bool("bias", true, "add a bias to every linear layer"),
            Setting.choice("init", "he", "weight initialization", "he", "xavier"));

    @Override
    public String title() {
        return "Multilayer perceptron";
    }

    @Override
    public String description() {
        return "Fully connected network with the given hidden widths and activation; the MLPs of Zhang et al. "
                + "(2017) are hidden=[512] and [512,512,512].";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Block build(Settings settings, ArchitectureContext context) {
        boolean bias = settings.getBoolean("bias");
        SequentialBlock net = new SequentialBlock();
        net.add(Blocks.batchFlattenBlock(context.inputSize()));
        for (int width : settings.getIntList("hidden")) {
            net.add(Linear.builder().setUnits(width).optBias(bias).build());
            net.add(activation(settings.getString("activation")));
        }
        net.add(Linear.builder().setUnits(context.numClasses()).optBias(bias).build());
        net.setInitializer(initializer(settings.getString("init")), Parameter.Type.WEIGHT);
        net.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return net;
    }

    static Initializer initializer(String scheme) {
        return switch (scheme) {
            case "he" -> new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN,
                    2);
            case "xavier" -> new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                    XavierInitializer.FactorType.AVG, 3);
            default -> throw new IllegalArgumentException("unknown init " + scheme);
        };
    }

    private static Block activation(String name) {
        return switch (name) {
            case "relu" -> Activation.reluBlock();
            case "tanh" -> Activation.tanhBlock();
            case "sigmoid" -> Activation.sigmoidBlock();
            case "gelu" -> Activation.geluBlock();
            default -> throw new IllegalArgumentException("unknown activation " + name);
        };
    }
}
