package carnot.models.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
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
 * The small convolutional network of Zhang et al. (2017), "small AlexNet": for each entry of
 * {@code channels} a k x k convolution ('same' padding, stride 1), the activation, optional batch
 * normalization, and a 3 x 3 max-pool of stride 2 (padding 1, so the side halves rounding up);
 * then flatten, the fully connected {@code hidden} layers (384 and 192 in the paper) each followed
 * by the activation and optional dropout, and a linear layer to the K logits. Zhang et al. use
 * local response normalization where this offers batch normalization. Examples must be images
 * {@code (C, H, W)}.
 */
@Component(service = ArchitectureProvider.class, property = Provider.ID + "=cnn")
public final class CnnProvider implements ArchitectureProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integerList("channels", new int[] {64, 64}, "output channels of each convolution layer").min(1),
            Setting.integer("kernel", 5, "convolution kernel side k (odd)").min(1).max(15),
            Setting.integerList("hidden", new int[] {384, 192}, "widths of the fully connected layers").min(1),
            Layers.activationSetting(),
            Setting.bool("batchNorm", false, "batch normalization after each convolution and hidden layer "
                    + "(Ioffe & Szegedy 2015)"),
            Layers.dropoutSetting(),
            Layers.initSetting(),
            Layers.initScaleSetting());

    @Override
    public String title() {
        return "Small CNN (small AlexNet)";
    }

    @Override
    public String description() {
        return "Convolution-pool blocks then fully connected layers, the CIFAR-10 'small AlexNet' of Zhang et al. "
                + "(2017): channels=[64,64], kernel 5, hidden=[384,192].";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Block build(Settings settings, ArchitectureContext context) {
        Layers.imageShape("cnn", context.exampleShape());
        int k = settings.getInt("kernel");
        if (k % 2 == 0) {
            throw new IllegalArgumentException("model.settings.kernel: expected an odd integer, got " + k);
        }
        boolean batchNorm = settings.getBoolean("batchNorm");
        String activation = settings.getString("activation");
        SequentialBlock net = new SequentialBlock();
        for (int channels : settings.getIntList("channels")) {
            net.add(Conv2d.builder().setKernelShape(new Shape(k, k)).optPadding(new Shape(k / 2, k / 2))
                    .setFilters(channels).build());
            net.add(Layers.activation(activation));
            if (batchNorm) {
                net.add(BatchNorm.builder().build());
            }
            net.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        }
        Layers.fullyConnectedHead(net, settings.getIntList("hidden"), batchNorm, activation,
                settings.getDouble("dropout"), context.numClasses());
        Layers.initialize(net, settings);
        return net;
    }

    /** Never homogeneous: every convolution and linear layer has a bias. */
    @Override
    public Optional<ModelStructure> structure(Settings settings, ArchitectureContext context, Block initialized) {
        return Optional.of(Structures.of(initialized, settings.getString("activation"), 0));
    }
}
