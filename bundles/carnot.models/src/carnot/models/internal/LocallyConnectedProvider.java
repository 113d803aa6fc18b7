package carnot.models.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
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
 * The {@code cnn} architecture with every convolution replaced by a locally connected layer of the
 * same kernel, padding and channels ({@link LocallyConnected2d}): the same receptive fields and
 * depth, no weight sharing. With {@code cnn} and {@code mlp} it gives the local / convolutional /
 * dense comparison of Poggio et al. (2017) for separating the roles of locality and weight
 * sharing. Each layer has (H W) times the weights of the convolution it replaces.
 */
@Component(service = ArchitectureProvider.class, property = Provider.ID + "=locally-connected")
public final class LocallyConnectedProvider implements ArchitectureProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integerList("channels", new int[] {16, 16}, "output channels of each locally connected layer")
                    .min(1),
            Setting.integer("kernel", 5, "kernel side k (odd); 'same' zero padding, stride 1").min(1).max(15),
            Setting.bool("pool", true, "a 3 x 3 max-pool of stride 2 after each layer, as in cnn"),
            Setting.integerList("hidden", new int[] {128}, "widths of the fully connected layers").min(1),
            Layers.activationSetting(),
            Setting.bool("batchNorm", false, "batch normalization after each layer (Ioffe & Szegedy 2015)"),
            Layers.dropoutSetting(),
            Layers.initSetting(),
            Layers.initScaleSetting());

    @Override
    public String title() {
        return "Locally connected network";
    }

    @Override
    public String description() {
        return "The small CNN without weight sharing: each location has its own filters (local, not "
                + "convolutional; Poggio et al. 2017).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Block build(Settings settings, ArchitectureContext context) {
        int inChannels = Layers.imageShape("locally-connected", context.exampleShape())[0];
        int k = settings.getInt("kernel");
        if (k % 2 == 0) {
            throw new IllegalArgumentException("model.settings.kernel: expected an odd integer, got " + k);
        }
        boolean batchNorm = settings.getBoolean("batchNorm");
        String activation = settings.getString("activation");
        String init = settings.getString("init");
        double scale = settings.getDouble("initScale");
        SequentialBlock net = new SequentialBlock();
        for (int channels : settings.getIntList("channels")) {
            net.add(new LocallyConnected2d(channels, k, 1, k / 2,
                    Layers.initializer(init, scale, (long) inChannels * k * k, (long) channels * k * k)));
            net.add(Layers.activation(activation));
            if (batchNorm) {
                net.add(BatchNorm.builder().build());
            }
            if (settings.getBoolean("pool")) {
                net.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
            }
            inChannels = channels;
        }
        Layers.fullyConnectedHead(net, settings.getIntList("hidden"), batchNorm, activation,
                settings.getDouble("dropout"), context.numClasses());
        Layers.initialize(net, settings);
        return net;
    }

    /** Never homogeneous: every layer has a bias. */
    @Override
    public Optional<ModelStructure> structure(Settings settings, ArchitectureContext context, Block initialized) {
        return Optional.of(Structures.of(initialized, settings.getString("activation"), 0));
    }
}
