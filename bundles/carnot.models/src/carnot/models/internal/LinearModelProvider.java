package carnot.models.internal;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
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
 * The linear model {@code f(x) = W x + b} on the flattened input, initialized at zero by default:
 * gradient descent from zero on the square loss then stays in the row space of the data and ends
 * at the minimum-norm interpolant (Zhang et al. 2017, section 5), and on separable data with the
 * logistic or exponential loss its direction tends to the hard-margin SVM (Soudry et al. 2018).
 */
@Component(service = ArchitectureProvider.class, property = Provider.ID + "=linear")
public final class LinearModelProvider implements ArchitectureProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.bool("bias", true, "add a bias b"),
            Setting.choice("init", "zero", "initial weights: zero, or he/xavier/scaled as for the mlp", "zero", "he",
                    "xavier", "scaled"),
            Layers.initScaleSetting());

    @Override
    public String title() {
        return "Linear model";
    }

    @Override
    public String description() {
        return "f(x) = Wx + b on the flattened input, from zero by default (min-norm and max-margin experiments).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Block build(Settings settings, ArchitectureContext context) {
        String init = settings.getString("init");
        SequentialBlock net = new SequentialBlock();
        net.add(Blocks.batchFlattenBlock(context.inputSize()));
        net.add(Linear.builder().setUnits(context.numClasses()).optBias(settings.getBoolean("bias")).build());
        net.setInitializer(init.equals("zero") ? Initializer.ZEROS
                : Layers.initializer(init, settings.getDouble("initScale")), Parameter.Type.WEIGHT);
        net.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return net;
    }

    /** Homogeneous of degree 1 without the bias. */
    @Override
    public Optional<ModelStructure> structure(Settings settings, ArchitectureContext context, Block initialized) {
        return Optional.of(Structures.of(initialized, "identity", Structures.degree(1, "identity",
                !settings.getBoolean("bias"), false)));
    }
}
