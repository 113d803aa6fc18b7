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
 * Random features (Rahimi & Recht 2007): {@code f(x) = A sigma(W x + b)} with the first layer W, b
 * drawn once by the init scheme (b = 0 unless {@code bias}) and frozen (no gradient, never
 * updated), and only the linear head A trained: a linear model on {@code features} random
 * nonlinear features, the kernel baseline of the deep-learning generalization debate (Belkin et
 * al. 2019). The run's parameter count p counts the trainable head only, {@code K (features + 1)}.
 */
@Component(service = ArchitectureProvider.class, property = Provider.ID + "=random-features")
public final class RandomFeaturesProvider implements ArchitectureProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("features", 1000, "number of random features (width of the frozen layer)").min(1),
            Layers.activationSetting(),
            Setting.bool("bias", false, "a random (frozen, N(0,1)) bias in the feature layer"),
            Layers.initSetting(),
            Layers.initScaleSetting());

    @Override
    public String title() {
        return "Random features";
    }

    @Override
    public String description() {
        return "A frozen random first layer and a trained linear head (Rahimi & Recht 2007).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Block build(Settings settings, ArchitectureContext context) {
        Linear features = Linear.builder().setUnits(settings.getInt("features")).optBias(settings.getBoolean("bias"))
                .build();
        features.setInitializer(Layers.initializer(settings.getString("init"), settings.getDouble("initScale")),
                Parameter.Type.WEIGHT);
        features.setInitializer(new ai.djl.training.initializer.NormalInitializer(1f), Parameter.Type.BIAS);
        features.freezeParameters(true);
        Linear head = Linear.builder().setUnits(context.numClasses()).build();
        head.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        head.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        SequentialBlock net = new SequentialBlock();
        net.add(Blocks.batchFlattenBlock(context.inputSize()));
        net.add(features);
        net.add(Layers.activation(settings.getString("activation")));
        net.add(head);
        return net;
    }

    /** Never homogeneous: the trained head has a bias. */
    @Override
    public Optional<ModelStructure> structure(Settings settings, ArchitectureContext context, Block initialized) {
        return Optional.of(Structures.of(initialized, settings.getString("activation"), 0));
    }
}
