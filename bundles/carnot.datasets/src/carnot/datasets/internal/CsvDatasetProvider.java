package carnot.datasets.internal;

import carnot.api.component.ProgressMonitor;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.DatasetSplits;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Numeric CSV files (RFC 4180 without quoted delimiters) from a folder the user names: one example
 * per line, one column holding the integer class label, every other column a feature, optionally
 * a header line. Features may be reshaped (e.g. 784 columns to (1, 28, 28)) and scaled.
 */
@Component(service = DatasetProvider.class, property = Provider.ID + "=csv")
public final class CsvDatasetProvider implements DatasetProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.text("folder", null, "folder holding the CSV files"),
            Setting.text("trainFile", "train.csv", "training examples"),
            Setting.text("testFile", "test.csv", "test examples"),
            Setting.choice("delimiter", "comma", "field separator", "comma", "semicolon", "tab", "whitespace"),
            Setting.choice("header", "auto", "first line holds column names: auto = when it is not all numbers",
                    "auto", "yes", "no"),
            Setting.integer("labelColumn", -1, "0-based column of the label; negative counts from the end (-1 = last)"),
            Setting.integerList("shape", new int[0], "shape of one example; [] = (number of feature columns)").min(1),
            Setting.number("scale", 1.0, "factor applied to every feature (e.g. 1/255 for pixels)").greaterThan(0),
            Setting.integer("classes", 0, "number of classes; 0 = the largest label + 1").min(0));

    @Override
    public String title() {
        return "CSV files";
    }

    @Override
    public String description() {
        return "Numeric CSV files (one example per line, one integer label column) from a folder you name; optional "
                + "header line, reshaping and scaling.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits load(Settings settings, DatasetContext context) throws DatasetException {
        Path folder = DataFiles.folder(settings.getString("folder"));
        Format format = new Format(switch (settings.getString("delimiter")) {
            case "comma" -> Pattern.compile(",");
            case "semicolon" -> Pattern.compile(";");
            case "tab" -> Pattern.compile("\t");
            default -> Pattern.compile("\\s+");
        }, settings.getString("header"), settings.getInt("labelColumn"), (float) settings.getDouble("scale"));
        Path trainFile = folder.resolve(settings.getString("trainFile"));
        Path testFile = folder.resolve(settings.getString("testFile"));
        Table train = read(trainFile, format, context.monitor());
        Table test = read(testFile, format, context.monitor());
        if (train.featureColumns != test.featureColumns) {
            throw new DatasetException(testFile + " has " + test.featureColumns + " feature columns, but " + trainFile
                    + " has " + train.featureColumns);
        }
        int[] shape = settings.getIntList("shape");
        if (shape.length == 0) {
            shape = new int[] {train.featureColumns};
        } else if (Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) != train.featureColumns) {
            throw new DatasetException("settings.shape: " + Arrays.toString(shape) + " holds "
                    + Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) + " values, but " + trainFile
                    + " has " + train.featureColumns + " feature columns");
        }
        int classes = DataFiles.classes(settings.getInt("classes"), train.labels, test.labels, trainFile, testFile);
        String base = folder.getFileName() == null ? "csv" : folder.getFileName().toString();
        return new DatasetSplits(Dataset.of(base + "/train", shape, classes, train.features, train.labels),
                Dataset.of(base + "/test", shape, classes, test.features, test.labels));
    }

    private record Format(Pattern delimiter, String header, int labelColumn, float scale) {
    }

    private record Table(int featureColumns, float[] features, int[] labels) {
    }

    static Table read(Path file, Format format, ProgressMonitor monitor) throws DatasetException {
        FloatBuffer features = new FloatBuffer();
        long[] labels = new long[1024];
        int rows = 0;
        int columns = -1;
        int labelColumn = -1;
        int lineNumber = 0;
        int firstDataLine = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] fields = format.delimiter().split(trimmed, -1);
                if (columns < 0) {
                    boolean header = switch (format.header()) {
                        case "yes" -> true;
                        case "no" -> false;
                        default -> !Arrays.stream(fields).allMatch(CsvDatasetProvider::isNumber);
                    };
                    columns = fields.length;
                    if (columns < 2) {
                        throw new DatasetException(file + ":" + lineNumber + ": " + columns + " column; expected a "
                                + "label column and at least one feature column (settings.delimiter: "
                                + format.delimiter().pattern().replace("\t", "\\t") + ")");
                    }
                    labelColumn = format.labelColumn() < 0 ? columns + format.labelColumn() : format.labelColumn();
                    if (labelColumn < 0 || labelColumn >= columns) {
                        throw new DatasetException("settings.labelColumn: " + format.labelColumn() + " is outside "
                                + "the " + columns + " columns of " + file + "; expected -" + columns + " to "
                                + (columns - 1));
                    }
                    if (header) {
                        continue;
                    }
                    firstDataLine = lineNumber;
                }
                if (fields.length != columns) {
                    throw new DatasetException(file + ":" + lineNumber + ": " + fields.length + " fields, expected "
                            + columns + (firstDataLine > 0 ? " as on line " + firstDataLine : ""));
                }
                if (rows == labels.length) {
                    labels = Arrays.copyOf(labels, rows * 2);
                }
                for (int c = 0; c < columns; c++) {
                    String field = unquote(fields[c]);
                    if (c == labelColumn) {
                        labels[rows] = label(field, file, lineNumber, c);
                    } else {
                        features.add(number(field, file, lineNumber, c) * format.scale());
                    }
                }
                rows++;
                if ((rows & 0xFFF) == 0) {
                    monitor.checkCancelled();
                }
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (rows == 0) {
            throw new DatasetException(file + ": no examples (" + lineNumber + " lines, none with data)");
        }
        return new Table(columns - 1, features.toArray(), DataFiles.labels(Arrays.copyOf(labels, rows), file));
    }

    private static String unquote(String field) {
        String value = field.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).strip();
        }
        return value;
    }

    private static boolean isNumber(String field) {
        try {
            Double.parseDouble(unquote(field));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static float number(String field, Path file, int line, int column) throws DatasetException {
        try {
            float value = Float.parseFloat(field);
            if (Float.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DatasetException(file + ":" + line + ", column " + (column + 1) + ": '" + field
                + "' is not a finite number");
    }

    private static long label(String field, Path file, int line, int column) throws DatasetException {
        try {
            double value = Double.parseDouble(field);
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return (long) value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DatasetException(file + ":" + line + ", column " + (column + 1) + ": label '" + field
                + "' is not an integer class index");
    }

    /** A growable float array. */
    private static final class FloatBuffer {
        private float[] values = new float[1 << 12];
        private int size;

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
