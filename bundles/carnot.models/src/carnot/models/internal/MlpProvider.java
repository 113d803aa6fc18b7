package carnot.models.internal;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.api.models.ModelStructure;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * A fully connected network: flatten, then for each hidden width a linear layer and the
 * activation, then a linear layer to the K logits. {@code hidden = []} is a linear model.
 * Optional batch normalization after each hidden linear layer and dropout after each hidden
 * activation; optional weight normalization of every linear layer ({@link WeightNormLinear}).
 * Weights are initialized by the chosen scheme (see {@link Layers}); biases start at zero.
 */
@Component(service = ArchitectureProvider.class, property = Provider.ID + "=mlp")
public final class MlpProvider implements ArchitectureProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integerList("hidden", new int[] {512}, "hidden layer widths, input to output; [] = linear model")
                    .min(1),
            Layers.activationSetting(),
            Setting.bool("bias", true, "add a bias to every linear layer"),
            Setting.number("dropout", 0.0, "dropout probability before each hidden-to-next linear layer, "
                    + "training only (Srivastava et al. 2014); 0 = off").min(0).max(0.99),
            Setting.bool("batchNorm", false, "batch normalization after each hidden linear layer (Ioffe & "
                    + "Szegedy 2015)"),
            Setting.bool("weightNorm", false, "weight normalization w = g v/||v|| of every linear layer's units "
                    + "(Salimans & Kingma 2016)"),
            Layers.initSetting(),
            Layers.initScaleSetting());

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
        double dropout = settings.getDouble("dropout");
        for (int width : settings.getIntList("hidden")) {
            net.add(linear(width, bias, settings.getBoolean("weightNorm")));
            if (settings.getBoolean("batchNorm")) {
                net.add(BatchNorm.builder().build());
            }
            net.add(Layers.activation(settings.getString("activation")));
            if (dropout > 0) {
                net.add(Dropout.builder().optRate((float) dropout).build());
            }
        }
        net.add(linear(context.numClasses(), bias, settings.getBoolean("weightNorm")));
        Layers.initialize(net, settings);
        return net;
    }

    private static Block linear(int units, boolean bias, boolean weightNorm) {
        return weightNorm ? new WeightNormLinear(units, bias) : Linear.builder().setUnits(units).optBias(bias).build();
    }

    /**
     * Positively homogeneous of degree L + 1 (the number of linear layers) when bias-free, ReLU (or no
     * hidden layer) and without batch normalization; dropout is the identity in evaluation mode and a
     * weight-normalized layer w = g v/||v|| is degree 1 in (g, v) jointly.
     */
    @Override
    public Optional<ModelStructure> structure(Settings settings, ArchitectureContext context, Block initialized) {
        int[] hidden = settings.getIntList("hidden");
        String activation = hidden.length == 0 ? "identity" : settings.getString("activation");
        return Optional.of(Structures.of(initialized, activation, Structures.degree(hidden.length + 1, activation,
                !settings.getBoolean("bias"), settings.getBoolean("batchNorm"))));
    }
}
