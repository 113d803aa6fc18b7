package carnot.models.internal;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.api.models.ModelStructure;
import java.util.Optional;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * A small residual network in the CIFAR style of He, Zhang, Ren & Sun (2016, section 4.2): a 3 x 3
 * convolution stem, then one stage per entry of {@code channels}, each of {@code blocks} basic
 * residual units
 *
 * <pre>y = relu(F(x) + S(x)),  F = conv3x3 - BN - relu - conv3x3 - BN</pre>
 *
 * where the first unit of every stage after the first halves the resolution (stride 2) and S is a
 * 1 x 1 convolution + BN projection when the shape changes ("option B"), the identity otherwise;
 * then global average pooling and a linear layer to the K logits. channels = [16, 32, 64] with n
 * blocks is ResNet-(6n+2) (n = 3: ResNet-20). With {@code zeroInitResidual} the last BN scale of
 * every F starts at 0 (Goyal et al. 2017), so every identity-shortcut unit starts as y = relu(x);
 * without batch normalization the last convolution of F starts at 0 instead. Convolutions have no
 * bias where a BN follows.
 */
@Component(service = ArchitectureProvider.class, property = Provider.ID + "=resnet")
public final class ResNetProvider implements ArchitectureProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integerList("channels", new int[] {16, 32, 64}, "channels of each stage; stages after the first "
                    + "halve the resolution").min(1),
            Setting.integer("blocks", 1, "residual units per stage n (ResNet-(6n+2) with three stages)").min(1).max(50),
            Setting.bool("batchNorm", true, "batch normalization in every unit (He et al. 2016)"),
            Setting.bool("zeroInitResidual", false, "start the last BN scale (or conv) of every residual branch at "
                    + "0, so units start as identities (Goyal et al. 2017)"),
            Layers.initSetting(),
            Layers.initScaleSetting());

    @Override
    public String title() {
        return "Small ResNet";
    }

    @Override
    public String description() {
        return "CIFAR-style residual network (He et al. 2016): conv stem, stages of basic residual units, global "
                + "average pooling; channels=[16,32,64], blocks n gives ResNet-(6n+2).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Block build(Settings settings, ArchitectureContext context) {
        Layers.imageShape("resnet", context.exampleShape());
        boolean batchNorm = settings.getBoolean("batchNorm");
        boolean zeroInit = settings.getBoolean("zeroInitResidual");
        int[] channels = settings.getIntList("channels");
        SequentialBlock net = new SequentialBlock();
        net.add(conv(channels[0], 3, 1, !batchNorm));
        if (batchNorm) {
            net.add(BatchNorm.builder().build());
        }
        net.add(Activation.reluBlock());
        List<Block> zeroAtInit = new java.util.ArrayList<>();
        int in = channels[0];
        for (int stage = 0; stage < channels.length; stage++) {
            for (int b = 0; b < settings.getInt("blocks"); b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                net.add(residualUnit(in, channels[stage], stride, batchNorm, zeroAtInit));
                in = channels[stage];
            }
        }
        net.add(Pool.globalAvgPool2dBlock());
        net.add(Linear.builder().setUnits(context.numClasses()).build());
        Layers.initialize(net, settings);
        if (zeroInit) {
            for (Block block : zeroAtInit) {
                block.setInitializer(Initializer.ZEROS, batchNorm ? Parameter.Type.GAMMA : Parameter.Type.WEIGHT);
            }
        }
        return net;
    }

    /**
     * One basic unit relu(F(x) + S(x)) from {@code in} to {@code out} channels.
     *
     * @param lastOfBranch receives the block whose parameters end F (its last BN, or its last
     *                     convolution without BN), for zero initialization
     */
    public static Block residualUnit(int in, int out, int stride, boolean batchNorm, List<Block> lastOfBranch) {
        SequentialBlock branch = new SequentialBlock();
        branch.add(conv(out, 3, stride, !batchNorm));
        if (batchNorm) {
            branch.add(BatchNorm.builder().build());
        }
        branch.add(Activation.reluBlock());
        Block last = conv(out, 3, 1, !batchNorm);
        branch.add(last);
        if (batchNorm) {
            last = BatchNorm.builder().build();
            branch.add(last);
        }
        lastOfBranch.add(last);
        Block shortcut;
        if (stride != 1 || in != out) {
            SequentialBlock projection = new SequentialBlock();
            projection.add(conv(out, 1, stride, !batchNorm));
            if (batchNorm) {
                projection.add(BatchNorm.builder().build());
            }
            shortcut = projection;
        } else {
            shortcut = Blocks.identityBlock();
        }
        SequentialBlock unit = new SequentialBlock();
        unit.add(new ParallelBlock(results -> new NDList(results.get(0).singletonOrThrow()
                .add(results.get(1).singletonOrThrow())), List.of(branch, shortcut)));
        unit.add(Activation.reluBlock());
        return unit;
    }

    private static Block conv(int filters, int kernel, int stride, boolean bias) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2)).setFilters(filters).optBias(bias).build();
    }

    /** Never homogeneous: shortcuts add terms of different degrees (and there are biases or batch norms). */
    @Override
    public Optional<ModelStructure> structure(Settings settings, ArchitectureContext context, Block initialized) {
        return Optional.of(Structures.of(initialized, "relu", 0));
    }
}
