package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ComponentKind;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetProvider;
import carnot.integration.tests.ExperimentRuns.Finished;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file readers ({@code csv}, {@code npy}) and the synthetic datasets ({@code separable},
 * {@code teacher-student}, {@code hierarchical}) built from experiment files by id through DS and
 * trained on for real; a bad setting of each refused before any run folder exists.
 */
class CatalogueDatasetsTest {

    @TempDir
    Path workspace;

    private static String experiment(String dataset, String model, double learningRate, int epochs) {
        return """
                {"name": "datasets", "seed": 4, "dataset": %s, "model": %s,
                 "optimizer": {"id": "sgd", "settings": {"learningRate": %s, "momentum": 0.9}},
                 "loss": "cross-entropy", "training": {"epochs": %d, "batchSize": 50}}
                """.formatted(dataset, model, learningRate, epochs);
    }

    /**
     * n points in [-1, 1]^4 labelled by the sign of x1 + x2 - x3 - x4 (a rule a linear model fits);
     * returns {features (n x 4), labels}.
     */
    private static Object[] rule(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * 4];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (2 * random.nextDouble() - 1);
            }
            y[i] = x[i * 4] + x[i * 4 + 1] - x[i * 4 + 2] - x[i * 4 + 3] > 0 ? 1 : 0;
        }
        return new Object[] {x, y};
    }

    private static void writeCsv(Path file, Object[] data) throws Exception {
        float[] x = (float[]) data[0];
        long[] y = (long[]) data[1];
        StringBuilder text = new StringBuilder("x1,x2,x3,x4,label\n");
        for (int i = 0; i < y.length; i++) {
            text.append(x[i * 4]).append(',').append(x[i * 4 + 1]).append(',').append(x[i * 4 + 2]).append(',')
                    .append(x[i * 4 + 3]).append(',').append(y[i]).append('\n');
        }
        Files.writeString(file, text);
    }

    /**
     * SHA-256 of the layout {@code Dataset#sha256} documents (little-endian int32 rank, dims and class
     * count, int32 labels, float32 features), built here from the generated values rather than from
     * what a provider read. Its implementation is checked against coreutils in DatasetHashTest.
     */
    private static String layoutSha256(int[] shape, Object[] data) throws Exception {
        float[] x = (float[]) data[0];
        long[] y = (long[]) data[1];
        ByteBuffer bytes = ByteBuffer.allocate(4 * (shape.length + 2 + y.length + x.length)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(shape.length);
        for (int dim : shape) {
            bytes.putInt(dim);
        }
        bytes.putInt(2);
        for (long label : y) {
            bytes.putInt((int) label);
        }
        for (float value : x) {
            bytes.putFloat(value);
        }
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    }

    /** A .npy version 1.0 file: magic, version, header length, header padded to 64 bytes, data. */
    private static void writeNpy(Path file, String descr, int[] shape, ByteBuffer data) throws Exception {
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (");
        for (int dim : shape) {
            header.append(dim).append(", ");
        }
        header.append("), }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + text.length + data.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text);
        out.put(data.rewind());
        Files.write(file, out.array());
    }

    private static void writeNpyPair(Path folder, String split, Object[] data) throws Exception {
        float[] x = (float[]) data[0];
        long[] y = (long[]) data[1];
        ByteBuffer features = ByteBuffer.allocate(4 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : x) {
            features.putFloat(v);
        }
        ByteBuffer labels = ByteBuffer.allocate(8 * y.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : y) {
            labels.putLong(v);
        }
        writeNpy(folder.resolve("x_" + split + ".npy"), "<f4", new int[] {y.length, 2, 2}, features);
        writeNpy(folder.resolve("y_" + split + ".npy"), "<i8", new int[] {y.length}, labels);
    }

    @Test
    void csvAndNpyFilesTrainALinearModel() throws Exception {
        Path data = Files.createDirectories(workspace.resolve("data"));
        writeCsv(data.resolve("train.csv"), rule(400, 1));
        writeCsv(data.resolve("test.csv"), rule(200, 2));
        writeNpyPair(data, "train", rule(400, 1));
        writeNpyPair(data, "test", rule(200, 2));
        Finished csv = ExperimentRuns.complete(workspace, experiment("{\"id\": \"csv\", \"settings\": {\"folder\": \""
                + data + "\"}}", "\"linear\"", 0.2, 6));
        Finished npy = ExperimentRuns.complete(workspace, experiment("{\"id\": \"npy\", \"settings\": {\"folder\": \""
                + data + "\"}}", "\"linear\"", 0.2, 6));
        assertTrue(csv.last().testError() < 0.1, () -> "a linear rule: " + csv.last());
        assertEquals(layoutSha256(new int[] {4}, rule(400, 1)), csv.provenance().get("data").get("train").get("sha256")
                .asText(), "the recorded hash is of the CSV's values in Dataset's documented layout");
        assertEquals(layoutSha256(new int[] {2, 2}, rule(400, 1)), npy.provenance().get("data").get("train")
                .get("sha256").asText(), "the same values as a 2 x 2 array hash with their shape");
        // The same numbers (the CSV holds Float.toString, which round-trips) in another layout: same losses.
        assertEquals(csv.last().trainLoss(), npy.last().trainLoss(), 1e-5, "csv and npy hold the same data");
        assertEquals(2 * (4 + 1), npy.provenance().get("parameterCount").asLong(), "linear: 2 x (4 + 1)");
    }

    @Test
    void syntheticDatasetsAreLearnable() throws Exception {
        // Margin 0.1 on the unit ball: a linear model separates it (perceptron bound 100 mistakes).
        Finished separable = ExperimentRuns.complete(workspace, experiment("""
                {"id": "separable", "settings": {"dimension": 10, "trainSize": 500, "testSize": 200, "margin": 0.1}}""",
                "\"linear\"", 0.5, 6));
        assertTrue(separable.last().trainError() < 0.03, () -> "separable: " + separable.last());
        // A student with the teacher's architecture, from a random start.
        Finished teacher = ExperimentRuns.complete(workspace, experiment("""
                {"id": "teacher-student", "settings": {"dimension": 10, "hidden": [16], "trainSize": 1000,
                 "testSize": 500}}""", "{\"id\": \"mlp\", \"settings\": {\"hidden\": [16]}}", 0.05, 8));
        // Against the best constant prediction on the same test set (a random teacher's classes need not balance).
        DatasetProvider provider = Components.provider(ComponentKind.DATASET, "teacher-student", DatasetProvider.class);
        Dataset test = provider.load(Components.settings(provider, Map.of("dimension", 10, "hidden", List.of(16),
                "trainSize", 1000, "testSize", 500)), new DatasetContext(4, ProgressMonitor.NONE)).test();
        double positives = Arrays.stream(test.labels()).sum() / (double) test.size();
        double constant = Math.min(positives, 1 - positives);
        assertTrue(teacher.last().testError() < 0.6 * constant, () -> "teacher-student, constant predictor error "
                + constant + ": " + teacher.metrics());
        Finished tree = ExperimentRuns.complete(workspace, experiment("""
                {"id": "hierarchical", "settings": {"levels": 2, "trainSize": 1000, "testSize": 500}}""",
                "{\"id\": \"mlp\", \"settings\": {\"hidden\": [64, 64]}}", 0.05, 8));
        assertTrue(tree.last().testError() < 0.3, () -> "hierarchical (balanced classes, chance 0.5): "
                + tree.metrics());
    }

    @Test
    void badDatasetSettingsAreRefusedBeforeARunFolderExists() throws Exception {
        String[][] cases = {
            {"{\"id\": \"separable\", \"settings\": {\"margin\": 2.0}}",
                "dataset: settings.margin: expected a number < settings.radius (1.0), got 2.0"},
            {"{\"id\": \"hierarchical\", \"settings\": {\"function\": \"sum\"}}",
                "dataset.settings.function: expected one of random-smooth, product, got \"sum\""},
            {"{\"id\": \"teacher-student\", \"settings\": {\"hidden\": [0]}}",
                "dataset.settings.hidden[0]: expected a list of integers with every element >= 1, got 0"},
            {"\"csv\"", "dataset.settings.folder: required; expected a string"},
            {"{\"id\": \"npy\", \"settings\": {\"folder\": \"" + workspace.resolve("nothing") + "\"}}",
                "dataset: " + workspace.resolve("nothing") + ": no such folder"},
        };
        for (String[] bad : cases) {
            Path file = workspace.resolve("bad.json");
            Files.writeString(file, experiment(bad[0], "\"linear\"", 0.1, 1));
            CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(run.err().contains(bad[1]), () -> "expected '" + bad[1] + "' in: " + run);
            assertTrue(CommandLineRun.runFolders(workspace).isEmpty(), "no run folder");
        }
    }
}
