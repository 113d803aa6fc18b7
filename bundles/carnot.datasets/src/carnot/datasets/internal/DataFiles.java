package carnot.datasets.internal;

import carnot.api.datasets.DatasetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** What the file readers share: the folder, reading a file, class labels, the class count. */
final class DataFiles {

    private DataFiles() {
    }

    /** The folder a reader's {@code folder} setting names; it must exist. */
    static Path folder(String setting) throws DatasetException {
        Path folder = Path.of(setting);
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder.toAbsolutePath() + ": no such folder (settings.folder: the folder "
                    + "holding the data files)");
        }
        return folder;
    }

    /** The whole file; a missing or unreadable file is a {@link DatasetException} naming it. */
    static byte[] readAllBytes(Path file) throws DatasetException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Labels as ints; each must be a class index 0, 1, ... */
    static int[] labels(long[] values, Path file) throws DatasetException {
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 1_000_000) {
                throw new DatasetException(file + ": label " + values[i] + " of example " + i + " is not a class "
                        + "index; expected an integer in [0, 1000000]");
            }
            labels[i] = (int) values[i];
        }
        return labels;
    }

    /**
     * The class count: {@code setting} when positive (every label must be below it), otherwise the
     * largest label + 1, at least 2.
     */
    static int classes(int setting, int[] trainLabels, int[] testLabels, Path trainFile, Path testFile)
            throws DatasetException {
        if (setting > 0) {
            check(setting, trainLabels, trainFile);
            check(setting, testLabels, testFile);
            return setting;
        }
        int max = -1;
        for (int label : trainLabels) {
            max = Math.max(max, label);
        }
        for (int label : testLabels) {
            max = Math.max(max, label);
        }
        if (max < 1) {
            throw new DatasetException(trainFile + " and " + testFile + " hold " + (max < 0 ? "no labels"
                    : "only class 0") + "; a classification dataset needs labels of at least 2 classes");
        }
        return max + 1;
    }

    private static void check(int classes, int[] labels, Path file) throws DatasetException {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classes) {
                throw new DatasetException(file + ": label " + labels[i] + " of example " + i + " is outside [0, "
                        + classes + ") (settings.classes = " + classes + ")");
            }
        }
    }
}
