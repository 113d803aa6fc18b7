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
import carnot.datasets.internal.NpyFiles.NpyArray;
import java.nio.file.Path;
import java.util.Arrays;
import org.osgi.service.component.annotations.Component;

/**
 * Four NumPy {@code .npy} files from a folder the user names (what {@code numpy.save} writes):
 * features of shape (n, d1, ..., dk), so that each example has shape (d1, ..., dk), and integer
 * class labels of shape (n,). Features are float32, float64, uint8, int8, int32 or int64, multiplied
 * by {@code scale} (1/255 for uint8 images); labels are integers in [0, classes). See
 * {@link NpyFiles} for the format.
 */
@Component(service = DatasetProvider.class, property = Provider.ID + "=npy")
public final class NpyDatasetProvider implements DatasetProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.text("folder", null, "folder holding the .npy files"),
            Setting.text("trainFeatures", "x_train.npy", "training features, shape (n, ...)"),
            Setting.text("trainLabels", "y_train.npy", "training labels, shape (n,)"),
            Setting.text("testFeatures", "x_test.npy", "test features, shape (m, ...)"),
            Setting.text("testLabels", "y_test.npy", "test labels, shape (m,)"),
            Setting.number("scale", 1.0, "factor applied to every feature (e.g. 1/255 for uint8 pixels)")
                    .greaterThan(0),
            Setting.integer("classes", 0, "number of classes; 0 = the largest label + 1").min(0));

    @Override
    public String title() {
        return "NumPy .npy arrays";
    }

    @Override
    public String description() {
        return "Features (n, ...) and labels (n,) from four .npy files (NumPy format 1.0-3.0, C order; float32, "
                + "float64, uint8, int8, int32, int64) in a folder you name.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits load(Settings settings, DatasetContext context) throws DatasetException {
        Path folder = DataFiles.folder(settings.getString("folder"));
        float scale = (float) settings.getDouble("scale");
        context.monitor().worked("reading " + folder, 0, 2);
        Part train = read(folder, settings.getString("trainFeatures"), settings.getString("trainLabels"), scale);
        context.monitor().checkCancelled();
        Part test = read(folder, settings.getString("testFeatures"), settings.getString("testLabels"), scale);
        context.monitor().worked("reading " + folder, 2, 2);
        if (!Arrays.equals(train.exampleShape, test.exampleShape)) {
            throw new DatasetException(folder.resolve(settings.getString("testFeatures")) + ": examples have shape "
                    + NpyFiles.describeShape(test.exampleShape) + ", but the training examples have shape "
                    + NpyFiles.describeShape(train.exampleShape));
        }
        int classes = DataFiles.classes(settings.getInt("classes"), train.labels, test.labels,
                folder.resolve(settings.getString("trainLabels")), folder.resolve(settings.getString("testLabels")));
        String base = folder.getFileName() == null ? "npy" : folder.getFileName().toString();
        return new DatasetSplits(Dataset.of(base + "/train", train.exampleShape, classes, train.features, train.labels),
                Dataset.of(base + "/test", test.exampleShape, classes, test.features, test.labels));
    }

    private record Part(int[] exampleShape, float[] features, int[] labels) {
    }

    private static Part read(Path folder, String featuresName, String labelsName, float scale) throws DatasetException {
        Path featuresFile = folder.resolve(featuresName);
        Path labelsFile = folder.resolve(labelsName);
        NpyArray x = NpyFiles.read(featuresFile);
        NpyArray y = NpyFiles.read(labelsFile);
        if (x.shape().length < 2) {
            throw new DatasetException(featuresFile + ": features have shape " + NpyFiles.describeShape(x.shape())
                    + "; expected (examples, ...) with at least 2 dimensions");
        }
        if (y.shape().length != 1) {
            throw new DatasetException(labelsFile + ": labels have shape " + NpyFiles.describeShape(y.shape())
                    + "; expected (examples,)");
        }
        if (x.shape()[0] != y.shape()[0]) {
            throw new DatasetException(featuresFile + " holds " + x.shape()[0] + " examples but " + labelsFile
                    + " holds " + y.shape()[0] + " labels");
        }
        int[] exampleShape = Arrays.copyOfRange(x.shape(), 1, x.shape().length);
        for (int dim : exampleShape) {
            if (dim == 0) {
                throw new DatasetException(featuresFile + ": features have shape " + NpyFiles.describeShape(x.shape())
                        + "; every example dimension must be positive");
            }
        }
        float[] features = x.floats();
        if (scale != 1f) {
            for (int i = 0; i < features.length; i++) {
                features[i] *= scale;
            }
        }
        for (int i = 0; i < features.length; i++) {
            if (!Float.isFinite(features[i])) {
                throw new DatasetException(featuresFile + ": value " + i + " (example " + i / Math.max(1,
                        features.length / x.shape()[0]) + ") is " + features[i] + "; features must be finite");
            }
        }
        return new Part(exampleShape, features, DataFiles.labels(y.longs(labelsFile), labelsFile));
    }
}
