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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * CIFAR-10 in its binary version (Krizhevsky 2009; {@code cifar-10-batches-bin}): each file is a
 * sequence of 3073-byte records, one label byte (0-9) then 3072 pixel bytes, the 1024 red, 1024
 * green and 1024 blue values of a 32 x 32 image in row-major order. Examples are (3, 32, 32) with
 * pixels scaled to [0, 1]. It cannot be downloaded here: point {@code folder} at a copy. For
 * subsets use the {@code subsample} perturbation.
 */
@Component(service = DatasetProvider.class, property = Provider.ID + "=cifar10")
public final class Cifar10Provider implements DatasetProvider {

    static final int SIDE = 32;
    static final int RECORD = 1 + 3 * SIDE * SIDE;

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.text("folder", "cifar-10-batches-bin", "folder with the binary batch files"),
            Setting.text("trainFiles", "data_batch_1.bin,data_batch_2.bin,data_batch_3.bin,data_batch_4.bin,"
                    + "data_batch_5.bin", "training batch files, comma-separated"),
            Setting.text("testFiles", "test_batch.bin", "test batch files, comma-separated"));

    @Override
    public String title() {
        return "CIFAR-10 (binary batches)";
    }

    @Override
    public String description() {
        return "The CIFAR-10 binary batch files (Krizhevsky 2009) from a folder; 3 x 32 x 32 images in [0,1], "
                + "10 classes.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits load(Settings settings, DatasetContext context) throws DatasetException {
        Path folder = Path.of(settings.getString("folder"));
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder + ": no such folder (dataset.settings.folder: the folder holding "
                    + "data_batch_1.bin ... test_batch.bin)");
        }
        Dataset train = read(folder, settings.getString("trainFiles"), "cifar10/train");
        context.monitor().checkCancelled();
        Dataset test = read(folder, settings.getString("testFiles"), "cifar10/test");
        return new DatasetSplits(train, test);
    }

    static Dataset read(Path folder, String fileList, String name) throws DatasetException {
        List<byte[]> contents = new ArrayList<>();
        long records = 0;
        for (String entry : fileList.split(",")) {
            Path file = folder.resolve(entry.strip());
            byte[] bytes = DataFiles.readAllBytes(file);
            if (bytes.length == 0 || bytes.length % RECORD != 0) {
                throw new DatasetException(file + ": not a CIFAR-10 binary batch: " + bytes.length
                        + " bytes is not a positive multiple of the " + RECORD + "-byte record (1 label + 3072 pixels)");
            }
            for (int r = 0; r < bytes.length / RECORD; r++) {
                int label = bytes[r * RECORD] & 0xFF;
                if (label > 9) {
                    throw new DatasetException(file + ": record " + r + " has label " + label + "; CIFAR-10 labels are"
                            + " 0-9");
                }
            }
            contents.add(bytes);
            records += bytes.length / RECORD;
        }
        int pixels = RECORD - 1;
        if (records * pixels > Integer.MAX_VALUE) {
            throw new DatasetException(name + ": " + records + " records are too many for one array");
        }
        float[] features = new float[(int) records * pixels];
        int[] labels = new int[(int) records];
        int example = 0;
        for (byte[] bytes : contents) {
            for (int r = 0; r < bytes.length / RECORD; r++, example++) {
                labels[example] = bytes[r * RECORD] & 0xFF;
                for (int j = 0; j < pixels; j++) {
                    features[example * pixels + j] = (bytes[r * RECORD + 1 + j] & 0xFF) / 255f;
                }
            }
        }
        return Dataset.of(name, new int[] {3, SIDE, SIDE}, 10, features, labels);
    }
}
