package carnot.datasets.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.DatasetSplits;
import carnot.api.datasets.DatasetSummary;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * MNIST-format image classification data (MNIST, Fashion-MNIST, KMNIST) from the four
 * standard IDX files in a folder the user names. Pixels are scaled to [0, 1]. A subset of size
 * n is a uniformly random subset drawn without replacement with the experiment's seed (the
 * examples keep their file order), so class proportions match the full set in expectation.
 */
@Component(service = DatasetProvider.class, property = Provider.ID + "=idx")
public final class IdxDatasetProvider implements DatasetProvider {

    static final String DEFAULT_FOLDER = "/usr/share/datasets/fashion-mnist";

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.text("folder", DEFAULT_FOLDER, "folder with the four IDX files (optionally .gz)"),
            Setting.text("trainImages", "train-images-idx3-ubyte", "training images file"),
            Setting.text("trainLabels", "train-labels-idx1-ubyte", "training labels file"),
            Setting.text("testImages", "t10k-images-idx3-ubyte", "test images file"),
            Setting.text("testLabels", "t10k-labels-idx1-ubyte", "test labels file"),
            Setting.integer("trainSize", 0, "training examples to use; 0 = all").min(0),
            Setting.integer("testSize", 0, "test examples to use; 0 = all").min(0),
            Setting.integer("classes", 10, "number of classes; every label must be below it").min(2));

    @Override
    public String title() {
        return "IDX images (MNIST, Fashion-MNIST)";
    }

    @Override
    public String description() {
        return "Reads the standard IDX files (LeCun et al.) from a folder; default: Debian's Fashion-MNIST "
                + "(Xiao, Rasul & Vollgraf 2017). Pixels scaled to [0,1]; optional seeded random subsets.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits load(Settings settings, DatasetContext context) throws DatasetException {
        Path folder = Path.of(settings.getString("folder"));
        int classes = settings.getInt("classes");
        String base = folder.getFileName() == null ? "idx" : folder.getFileName().toString();
        context.monitor().worked("reading " + folder, 0, 2);
        Dataset train = read(folder, settings.getString("trainImages"), settings.getString("trainLabels"),
                settings.getInt("trainSize"), classes, base + "/train", new SplittableRandom(context.seed()));
        context.monitor().worked("reading " + folder, 1, 2);
        Dataset test = read(folder, settings.getString("testImages"), settings.getString("testLabels"),
                settings.getInt("testSize"), classes, base + "/test", new SplittableRandom(context.seed() + 1));
        context.monitor().worked("reading " + folder, 2, 2);
        return new DatasetSplits(train, test);
    }

    /**
     * Header-only: the files' headers, their lengths, the labels of the chosen examples and the
     * subset, as {@link #load} checks them, without reading the images' pixels.
     */
    @Override
    public DatasetSummary summary(Settings settings, DatasetContext context) throws DatasetException {
        Path folder = Path.of(settings.getString("folder"));
        int classes = settings.getInt("classes");
        String base = folder.getFileName() == null ? "idx" : folder.getFileName().toString();
        Selection train = select(folder, settings.getString("trainImages"), settings.getString("trainLabels"),
                settings.getInt("trainSize"), classes, base + "/train", new SplittableRandom(context.seed()), false);
        Selection test = select(folder, settings.getString("testImages"), settings.getString("testLabels"),
                settings.getInt("testSize"), classes, base + "/test", new SplittableRandom(context.seed() + 1), false);
        return new DatasetSummary(train.name(), test.name(), train.exampleShape(), classes, train.chosen().length,
                test.chosen().length);
    }

    /**
     * The examples a split uses and their labels, checked.
     *
     * @param images the images' dimensions and, when {@code decode}, their pixels (else an empty array)
     */
    private record Selection(String name, IdxFiles.IdxTensor images, int[] chosen, int[] labels) {
        int[] exampleShape() {
            return new int[] {1, images.dimensions()[1], images.dimensions()[2]};
        }
    }

    private static Selection select(Path folder, String imagesName, String labelsName, int size, int classes,
            String name, SplittableRandom random, boolean decode) throws DatasetException {
        Path imagesFile = IdxFiles.locate(folder, imagesName);
        Path labelsFile = IdxFiles.locate(folder, labelsName);
        IdxFiles.IdxTensor images = decode ? IdxFiles.read(imagesFile, 3, Integer.MAX_VALUE)
                : new IdxFiles.IdxTensor(IdxFiles.dimensions(imagesFile, 3), new byte[0]);
        IdxFiles.IdxTensor labels = IdxFiles.read(labelsFile, 1, Integer.MAX_VALUE);
        if (images.count() != labels.count()) {
            throw new DatasetException(imagesFile + " holds " + images.count() + " images but " + labelsFile + " holds "
                    + labels.count() + " labels");
        }
        int total = images.count();
        if (size > total) {
            throw new DatasetException(name + ": asked for " + size + " examples, but " + imagesFile + " holds only "
                    + total);
        }
        int[] chosen = size == 0 || size == total ? identity(total) : sortedSample(total, size, random);
        int[] y = new int[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            int label = labels.values()[chosen[i]] & 0xFF;
            if (label >= classes) {
                throw new DatasetException(labelsFile + ": label " + label + " of example " + chosen[i]
                        + " is not below dataset.settings.classes = " + classes);
            }
            y[i] = label;
        }
        String derived = chosen.length == total ? name : name + "[random " + chosen.length + " of " + total + "]";
        return new Selection(derived, images, chosen, y);
    }

    private static Dataset read(Path folder, String imagesName, String labelsName, int size, int classes, String name,
            SplittableRandom random) throws DatasetException {
        Selection selection = select(folder, imagesName, labelsName, size, classes, name, random, true);
        int[] chosen = selection.chosen();
        int[] shape = selection.exampleShape();
        int pixels = shape[1] * shape[2];
        float[] features = new float[chosen.length * pixels];
        byte[] raw = selection.images().values();
        for (int i = 0; i < chosen.length; i++) {
            int source = chosen[i];
            for (int j = 0; j < pixels; j++) {
                features[i * pixels + j] = (raw[source * pixels + j] & 0xFF) / 255f;
            }
        }
        return Dataset.of(selection.name(), shape, classes, features, selection.labels());
    }

    private static int[] identity(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    /** Floyd's algorithm would do; a partial Fisher-Yates over indices is simpler and exact. */
    static int[] sortedSample(int total, int size, SplittableRandom random) {
        int[] all = identity(total);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(total - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        int[] chosen = java.util.Arrays.copyOf(all, size);
        java.util.Arrays.sort(chosen);
        return chosen;
    }
}
