package carnot.training.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.regularizers.Regularizer;
import carnot.api.regularizers.RegularizerProvider;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * Data augmentation as a regularizer: every training minibatch (never an evaluation pass) is
 * transformed afresh by random crops with zero padding and/or horizontal flips
 * ({@link ImageAugmentation}); the "random crop" of Zhang et al. (2017) Table 1 is padding 4 on
 * 32 x 32 CIFAR images. Draws come from the run's seeded augmentation generator.
 */
@Component(service = RegularizerProvider.class, property = Provider.ID + "=augmentation")
public final class AugmentationProvider implements RegularizerProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.choice("transforms", "crop-flip", "which augmentations", "crop-flip", "crop", "flip"),
            Setting.integer("padding", 4, "random crop: zero padding p, shifts uniform in [-p, p]").min(1).max(64));

    @Override
    public String title() {
        return "Data augmentation (crop, flip)";
    }

    @Override
    public String description() {
        return "Random crops with zero padding and horizontal flips of every training batch (Krizhevsky et al. 2012;"
                + " Zhang et al. 2017 Table 1).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Regularizer create(Settings settings) {
        String transforms = settings.getString("transforms");
        int padding = transforms.contains("crop") ? settings.getInt("padding") : 0;
        boolean flip = transforms.contains("flip");
        return new Regularizer() {
            @Override
            public void augment(float[] features, int count, int[] exampleShape, SplittableRandom random) {
                ImageAugmentation.augment(features, count, exampleShape, padding, flip, random);
            }
        };
    }
}
