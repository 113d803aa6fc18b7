package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the real command line: each is a clear error (exit code 2) that names the
 * file, the field and what is allowed, and no run folder is created.
 */
class BadInputTest {

    @TempDir
    Path workspace;

    private static final String GOOD = """
            {
              "name": "bad-input",
              "seed": 1,
              "dataset": {"id": "gaussian-mixture", "settings": {"trainSize": 64, "testSize": 16}},
              "model": {"id": "mlp", "settings": {"hidden": [8]}},
              "optimizer": {"id": "sgd", "settings": {"learningRate": 0.1}},
              "loss": "cross-entropy",
              "training": {"epochs": 1, "batchSize": 16}
            }
            """;

    private CommandLineRun runExperiment(String json) throws IOException {
        Path file = workspace.resolve("experiment.json");
        Files.writeString(file, json);
        return CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
    }

    private void assertBadInput(CommandLineRun run, String... fragments) throws IOException {
        assertEquals(2, run.exitCode(), run::toString);
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), () -> "expected '" + fragment + "' in: " + run);
        }
        assertTrue(CommandLineRun.runFolders(workspace).isEmpty(), "no run folder may be left behind");
    }

    @Test
    void theGoodExperimentRuns() throws IOException {
        CommandLineRun run = runExperiment(GOOD);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, CommandLineRun.runFolders(workspace).size());
    }

    @Test
    void unknownComponentIdListsTheInstalledIds() throws IOException {
        assertBadInput(runExperiment(GOOD.replace("\"mlp\"", "\"resnet-9000\"")), "experiment.json",
                "model.id", "unknown architecture 'resnet-9000'", "installed: cnn, linear, locally-connected, mlp, random-features, resnet");
    }

    @Test
    void malformedJsonGivesLineAndColumn() throws IOException {
        // Line 4 loses its closing brace.
        String broken = GOOD.replace("\"testSize\": 16}},", "\"testSize\": 16},");
        CommandLineRun run = runExperiment(broken);
        assertBadInput(run, "experiment.json:", "malformed JSON");
        assertTrue(run.err().matches("(?s).*experiment\\.json:\\d+:\\d+: malformed JSON.*"), run::toString);
    }

    @Test
    void negativeLearningRateNamesTheFieldAndTheAllowedValues() throws IOException {
        assertBadInput(runExperiment(GOOD.replace("\"learningRate\": 0.1", "\"learningRate\": -0.1")),
                "optimizer.settings.learningRate", "a number > 0", "got -0.1");
    }

    @Test
    void unknownSettingListsTheAllowedKeys() throws IOException {
        assertBadInput(runExperiment(GOOD.replace("\"hidden\": [8]", "\"hiden\": [8]")), "model.settings.hiden",
                "allowed keys: hidden, activation, bias, dropout, batchNorm, weightNorm, init, initScale");
    }

    @Test
    void zeroWidthIsRejected() throws IOException {
        assertBadInput(runExperiment(GOOD.replace("\"hidden\": [8]", "\"hidden\": [0]")), "model.settings.hidden[0]",
                ">= 1");
    }

    @Test
    void missingDatasetFolderIsNamed() throws IOException {
        String json = GOOD.replace("{\"id\": \"gaussian-mixture\", \"settings\": {\"trainSize\": 64, \"testSize\": 16}}",
                "{\"id\": \"idx\", \"settings\": {\"folder\": \"/nonexistent/mnist\"}}");
        assertBadInput(runExperiment(json), "dataset", "/nonexistent/mnist does not exist");
    }

    @Test
    void truncatedIdxFileIsNamed() throws IOException {
        Path data = Files.createDirectories(workspace.resolve("mnist"));
        writeImages(data.resolve("train-images-idx3-ubyte"), 10, 10);
        writeLabels(data.resolve("train-labels-idx1-ubyte"), 10);
        writeImages(data.resolve("t10k-images-idx3-ubyte"), 5, 3); // header says 5 images, file holds 3
        writeLabels(data.resolve("t10k-labels-idx1-ubyte"), 5);
        String json = GOOD.replace("{\"id\": \"gaussian-mixture\", \"settings\": {\"trainSize\": 64, \"testSize\": 16}}",
                "{\"id\": \"idx\", \"settings\": {\"folder\": \"" + data + "\"}}");
        assertBadInput(runExperiment(json), "t10k-images-idx3-ubyte", "truncated IDX file",
                "promises 5 entries");
    }

    @Test
    void nameThatWouldEscapeTheWorkspaceIsRejected() throws IOException {
        assertBadInput(runExperiment(GOOD.replace("\"bad-input\"", "\"../../etc\"")), "name", "is not allowed");
    }

    @Test
    void unknownTopLevelKeyIsRejected() throws IOException {
        assertBadInput(runExperiment(GOOD.replace("\"seed\": 1,", "\"seed\": 1, \"script\": \"rm -rf /\",")),
                "script", "unknown key");
    }

    @Test
    void missingFileIsNamed() {
        CommandLineRun run = CommandLineRun.carnot("run", workspace.resolve("nope.json").toString(), "--workspace",
                workspace.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("nope.json: no such file"), run::toString);
    }

    /** Writes an IDX image file: header for {@code promised} 4x4 images, then {@code actual} of them. */
    static void writeImages(Path file, int promised, int actual) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(0x00000803);
            out.writeInt(promised);
            out.writeInt(4);
            out.writeInt(4);
            for (int i = 0; i < actual * 16; i++) {
                out.writeByte(i % 256);
            }
        }
    }

    static void writeLabels(Path file, int count) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(0x00000801);
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                out.writeByte(i % 10);
            }
        }
    }
}
