package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.integration.tests.ExperimentRuns.Finished;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping in real runs (the rule on hand-made curves is tested in the engine's fragment): a
 * run whose weights cannot move (it must stop after exactly {@code patience} epochs with epoch 0
 * best), an overfitting run whose recorded
 * validation curve must agree with the rule and whose restored weights must be bit-identical to
 * those of the same run trained to the best epoch only, checkpoint re-analysis, and bad settings.
 */
class EarlyStoppingTest {

    @TempDir
    Path workspace;

    private static String experiment(String data, String model, double learningRate, int epochs, String earlyStopping) {
        return """
                {"name": "early", "seed": 13, "dataset": %s, "perturbations": %s, "model": %s,
                 "optimizer": {"id": "sgd", "settings": {"learningRate": %s, "momentum": 0.9}},
                 "loss": "cross-entropy", "regularizers": [%s],
                 "training": {"epochs": %d, "batchSize": 10}}
                """.formatted(data, data.equals(LEARNABLE) ? NOISY_LABELS : "[]", model, learningRate, earlyStopping,
                epochs);
    }

    private static final String OVERLAPPING = """
            {"id": "gaussian-mixture", "settings": {"classes": 2, "dimension": 30, "trainSize": 80, "testSize": 200,
             "separation": 1.5}}""";
    /** Learnable (means 3 apart) but with a fifth of the training labels corrupted: a wide net memorizes them. */
    private static final String LEARNABLE = """
            {"id": "gaussian-mixture", "settings": {"classes": 2, "dimension": 30, "trainSize": 80, "testSize": 200,
             "separation": 3.0}}""";
    private static final String NOISY_LABELS = "[{\"id\": \"label-corruption\", \"settings\": {\"probability\": 0.2}}]";
    private static final String WIDE = "{\"id\": \"mlp\", \"settings\": {\"hidden\": [256, 256]}}";

    private static List<JsonNode> validationCurve(Path folder) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("validation.jsonl"))) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    private static JsonNode status(Path folder) throws Exception {
        return new ObjectMapper().readTree(folder.resolve("status.json").toFile());
    }

    /**
     * Steps of 1e-12 change the network's outputs by far less than minDelta = 1e-6: no epoch
     * improves on epoch 0.
     */
    @Test
    void weightsThatCannotMoveStopAfterPatienceEpochsWithTheInitialWeightsBest() throws Exception {
        Finished run = ExperimentRuns.complete(workspace, experiment(OVERLAPPING, "\"mlp\"", 1e-12, 50,
                "{\"id\": \"early-stopping\", \"settings\": {\"patience\": 4, \"validationFraction\": 0.25, "
                + "\"minDelta\": 1e-6}}").replace("\"training\":",
                "\"analyses\": [{\"id\": \"margins\"}], \"training\":"));
        JsonNode early = status(run.folder()).get("earlyStopping");
        assertTrue(early.get("stopped").asBoolean(), early::toString);
        assertEquals(4, early.get("stoppedAfterEpoch").asInt());
        assertEquals(4, run.outcome().epochsCompleted());
        assertEquals(0, early.get("bestEpoch").asInt());
        assertTrue(early.get("restoredBest").asBoolean());
        List<JsonNode> curve = validationCurve(run.folder());
        assertEquals(5, curve.size(), "epochs 0..4");
        for (JsonNode line : curve) {
            assertEquals(20, line.get("size").asInt(), "a quarter of 80 held out");
            assertEquals(curve.get(0).get("loss").asDouble(), line.get("loss").asDouble(), 1e-7);
        }
        assertTrue(Files.exists(run.folder().resolve("checkpoints/epoch-0000.params")), "the best (initial) weights");
        // The analysis scheduled after the last epoch ran on the weights the run ends with (the
        // restored epoch-0 ones), recorded at that epoch, and not on the discarded epoch-4 weights.
        assertTrue(Files.exists(run.folder().resolve("analyses/0-margins/epoch-0000.json")),
                "margins on the final (restored) weights");
        assertFalse(Files.exists(run.folder().resolve("analyses/0-margins/epoch-0004.json")));
        JsonNode provenance = run.provenance();
        assertEquals(60, provenance.get("trainSize").asInt(), "p/n counts the examples trained on");
        assertEquals(20, provenance.get("validation").get("size").asInt());
        assertTrue(run.outcome().message().startsWith("early stopping after epoch 4: validation-loss has not "
                + "improved for 4 epochs; best epoch 0"), run.outcome().message());
    }

    @Test
    void anOverfittingRunStopsWhereItsValidationCurveSaysAndRestoresTheBestWeights() throws Exception {
        String rule = "{\"id\": \"early-stopping\", \"settings\": {\"patience\": 3, \"validationFraction\": 0.25}}";
        Finished run = ExperimentRuns.complete(workspace, experiment(LEARNABLE, WIDE, 0.02, 60, rule));
        JsonNode early = status(run.folder()).get("earlyStopping");
        assertTrue(early.get("stopped").asBoolean(), () -> "overfits and stops: " + early);
        // The recorded curve, read independently: the first epoch with 3 epochs since the strict minimum so far.
        List<JsonNode> curve = validationCurve(run.folder());
        int best = 0;
        int stop = -1;
        for (int e = 1; e < curve.size() && stop < 0; e++) {
            if (curve.get(e).get("loss").asDouble() < curve.get(best).get("loss").asDouble()) {
                best = e;
            } else if (e - best >= 3) {
                stop = e;
            }
        }
        assertEquals(stop, early.get("stoppedAfterEpoch").asInt(), curve::toString);
        assertEquals(stop + 1, curve.size(), "no epoch after the stop");
        assertEquals(best, early.get("bestEpoch").asInt());
        assertTrue(best > 0, "training helped at first: " + curve);
        assertEquals(curve.get(best).get("loss").asDouble(), early.get("bestValue").asDouble(), 0.0);

        // The same run trained for exactly `best` epochs (same split, same seed, no stop before):
        // its final weights are the ones early stopping restored, bit for bit.
        String keepGoing = "{\"id\": \"early-stopping\", \"settings\": {\"patience\": 1000, \"validationFraction\": "
                + "0.25}}";
        Finished toBest = ExperimentRuns.complete(workspace, experiment(LEARNABLE, WIDE, 0.02, best, keepGoing));
        String name = String.format("checkpoints/epoch-%04d.params", best);
        assertArrayEquals(Files.readAllBytes(toBest.folder().resolve(name)), Files.readAllBytes(run.folder()
                .resolve(name)), "restored weights = the weights after epoch " + best);

        // Without restoring, the last weights are kept.
        Finished kept = ExperimentRuns.complete(workspace, experiment(LEARNABLE, WIDE, 0.02, 60, rule.replace(
                "\"patience\": 3", "\"patience\": 3, \"restoreBest\": false")));
        assertFalse(status(kept.folder()).get("earlyStopping").get("restoredBest").asBoolean());
        assertTrue(Files.exists(kept.folder().resolve(String.format("checkpoints/epoch-%04d.params", stop))));

        // Re-analysis of the checkpoint rebuilds the same training set (the split is held out again).
        CommandLineRun analyze = CommandLineRun.carnot("analyze", run.folder().toString(), "--analysis", "margins");
        assertEquals(0, analyze.exitCode(), analyze::toString);
    }

    @Test
    void badEarlyStoppingSettingsAreRefused() throws Exception {
        Path file = workspace.resolve("bad.json");
        Files.writeString(file, experiment(OVERLAPPING, "\"mlp\"", 0.1, 5,
                "{\"id\": \"early-stopping\", \"settings\": {\"validationFraction\": 1.5}}"));
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("regularizers[0].settings.validationFraction: expected a number > 0 and <= 0.9, "
                + "got 1.5"), run::toString);
        Files.writeString(file, experiment(OVERLAPPING, "\"mlp\"", 0.1, 5,
                "\"early-stopping\", {\"id\": \"early-stopping\", \"settings\": {\"metric\": \"validation-error\"}}"));
        run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("regularizers[1]: a second early-stopping rule"), run::toString);
        assertTrue(CommandLineRun.runFolders(workspace).isEmpty(), "no run folder");
    }
}
