package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.RunStatus;
import carnot.workspace.ExperimentFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every catalogue component built from an experiment file by its id, through DS, and trained
 * for real on small data; the training-loop options; bad settings refused before training.
 */
class CatalogueRunsTest {

    @TempDir
    Path workspace;

    /** 512 real Fashion-MNIST training images (seeded subset), 128 test images. */
    private static final String IMAGES = """
            {"id": "idx", "settings": {"folder": "/usr/share/datasets/fashion-mnist", "trainSize": 512}}""";
    private static final String SMALL_TEST = """
            {"id": "subsample", "settings": {"trainSize": 512, "testSize": 128}}""";
    private static final String MIXTURE = """
            {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 10, "trainSize": 200, "testSize": 100,
             "separation": 6.0}}""";

    private static String experiment(String dataset, String perturbations, String model, String optimizer,
            String loss, String regularizers, String training) {
        return """
                {"name": "catalogue", "seed": 7, "dataset": %s, "perturbations": [%s], "model": %s,
                 "optimizer": %s, "loss": %s, "regularizers": [%s], "training": %s}
                """.formatted(dataset, perturbations, model, optimizer, loss, regularizers, training);
    }

    private static String images(String perturbations, String model, String optimizer, String loss,
            String regularizers) {
        return experiment(IMAGES, perturbations.isEmpty() ? SMALL_TEST : SMALL_TEST + ", " + perturbations, model,
                optimizer, loss, regularizers, "{\"epochs\": 1, \"batchSize\": 64}");
    }

    private ExperimentRuns.Finished run(String json) throws Exception {
        ExperimentRuns.Finished finished = ExperimentRuns.run(workspace,
                ExperimentFiles.parse(Path.of("catalogue.json"), json), ProgressMonitor.NONE);
        assertEquals(RunStatus.COMPLETED, finished.outcome().status(), () -> finished.outcome().message() + " in " + json);
        return finished;
    }

    @Test
    void everyImageComponentTrainsFromItsId() throws Exception {
        String mlp = "{\"id\": \"mlp\", \"settings\": {\"hidden\": [32]}}";
        String cnn = "{\"id\": \"cnn\", \"settings\": {\"channels\": [4, 8], \"hidden\": [16], \"batchNorm\": true,"
                + " \"dropout\": 0.2}}";
        String sgd = "{\"id\": \"sgd\", \"settings\": {\"learningRate\": 0.05}}";
        List<String> experiments = List.of(
                images("", cnn, sgd, "\"cross-entropy\"", ""),
                images("{\"id\": \"label-corruption\", \"settings\": {\"probability\": 0.5}}", mlp, sgd,
                        "\"cross-entropy\"", ""),
                images("\"shuffled-pixels\"", mlp, sgd, "\"cross-entropy\"", ""),
                images("\"random-pixels\"", mlp, sgd, "\"cross-entropy\"", ""),
                images("\"gaussian-inputs\"", mlp, sgd, "\"cross-entropy\"", ""),
                images("{\"id\": \"normalize\", \"settings\": {\"method\": \"per-feature\"}}", mlp, sgd,
                        "\"cross-entropy\"", ""),
                images("{\"id\": \"class-subset\", \"settings\": {\"classes\": [0, 9]}}", mlp, sgd,
                        "{\"id\": \"logistic\"}", ""),
                images("", mlp, "{\"id\": \"nesterov\", \"settings\": {\"learningRate\": 0.02}}",
                        "{\"id\": \"hinge\", \"settings\": {\"form\": \"weston-watkins\"}}",
                        "{\"id\": \"augmentation\", \"settings\": {\"padding\": 2}}"),
                images("", mlp, "{\"id\": \"adam\", \"settings\": {\"learningRate\": 0.001, \"schedule\": \"cosine\"}}",
                        "{\"id\": \"square\"}", "\"weight-decay\""),
                // The exponential loss's gradients grow like exp(-margin): a small step.
                images("", mlp, "{\"id\": \"sgd\", \"settings\": {\"learningRate\": 0.001}}",
                        "{\"id\": \"exponential\", \"settings\": {\"form\": \"one-vs-all\"}}", ""),
                images("", mlp, sgd, "{\"id\": \"cross-entropy\", \"settings\": {\"labelSmoothing\": 0.1}}", ""));
        for (String json : experiments) {
            ExperimentRuns.Finished finished = run(json);
            EpochMetrics last = finished.metrics().get(finished.metrics().size() - 1);
            assertTrue(Double.isFinite(last.trainLoss()), json);
            assertTrue(last.trainError() < 0.9 || json.contains("pixels") || json.contains("gaussian-inputs")
                    || json.contains("label-corruption"), () -> "learns something: " + last + " in " + json);
        }
    }

    @Test
    void randomFeaturesTrainOnlyTheHeadAndTheLinearModelStartsAtZero() throws Exception {
        ExperimentRuns.Finished features = run(images("", "{\"id\": \"random-features\", \"settings\": {\"features\": 64}}",
                "{\"id\": \"sgd\", \"settings\": {\"learningRate\": 0.1}}", "\"cross-entropy\"", ""));
        JsonNode provenance = new ObjectMapper().readTree(features.folder().resolve("provenance.json").toFile());
        assertEquals(10 * (64 + 1), provenance.get("parameterCount").asLong(), "p counts the trained head only");
        assertTrue(features.metrics().get(1).trainLoss() < features.metrics().get(0).trainLoss() - 0.2,
                () -> "the head learns: " + features.metrics());
        ExperimentRuns.Finished linear = run(images("", "\"linear\"", "\"sgd\"", "\"cross-entropy\"", ""));
        EpochMetrics init = linear.metrics().get(0);
        assertEquals(Math.log(10), init.trainLoss(), 1e-5, "zero weights: uniform outputs, loss log K");
        assertEquals(10 * (784 + 1), new ObjectMapper().readTree(linear.folder().resolve("provenance.json").toFile())
                .get("parameterCount").asLong());
    }

    @Test
    void provenanceRecordsTheDerivationChain() throws Exception {
        ExperimentRuns.Finished finished = run(images("{\"id\": \"label-corruption\", \"settings\": {\"probability\": 1.0}}",
                "\"mlp\"", "\"sgd\"", "\"cross-entropy\"", ""));
        JsonNode provenance = new ObjectMapper().readTree(finished.folder().resolve("provenance.json").toFile());
        JsonNode chain = provenance.get("perturbations");
        assertEquals(2, chain.size(), provenance::toPrettyString);
        assertEquals("subsample", chain.get(0).get("id").asText());
        assertEquals("label-corruption", chain.get(1).get("id").asText());
        assertEquals(1.0, chain.get(1).get("settings").get("probability").asDouble());
        assertEquals(chain.get(1).get("trainSha256").asText(), provenance.get("data").get("train").get("sha256").asText());
        assertEquals(chain.get(0).get("testSha256").asText(), chain.get(1).get("testSha256").asText(),
                "label corruption leaves the test set alone");
        assertNotEquals(chain.get(0).get("trainSha256").asText(), chain.get(1).get("trainSha256").asText());
        assertNotEquals(chain.get(0).get("seed").asLong(), chain.get(1).get("seed").asLong(), "one seed per step");
        assertTrue(provenance.get("baseData").get("train").get("sha256").isTextual());
        String spec = Files.readString(finished.folder().resolve("spec.json"));
        assertTrue(spec.contains("\"perturbations\""), spec);
    }

    @Test
    void trainingStopsAtTheTargetTrainError() throws Exception {
        ExperimentRuns.Finished finished = run(experiment(MIXTURE, "", "{\"id\": \"mlp\", \"settings\": {\"hidden\": [32]}}",
                "{\"id\": \"sgd\", \"settings\": {\"learningRate\": 0.05}}", "\"cross-entropy\"", "",
                "{\"epochs\": 200, \"batchSize\": 20, \"until\": \"train-error\", \"target\": 0.0}"));
        EpochMetrics last = finished.metrics().get(finished.metrics().size() - 1);
        assertEquals(0.0, last.trainError(), "stopped at a perfect fit");
        assertTrue(finished.outcome().epochsCompleted() < 200, "before the epoch limit");
        for (EpochMetrics earlier : finished.metrics().subList(0, finished.metrics().size() - 1)) {
            assertTrue(earlier.trainError() > 0, "not earlier: " + earlier);
        }
        assertTrue(finished.outcome().message().startsWith("train-error <= 0.0 reached after "
                + last.epoch() + " epochs"), finished.outcome().message());
    }

    @Test
    void theBatchSizeGrowsAndTheRecordedLearningRateFollowsTheSchedule() throws Exception {
        ExperimentRuns.Finished finished = run(experiment(MIXTURE, "", "\"mlp\"",
                "{\"id\": \"sgd\", \"settings\": {\"learningRate\": 0.1, \"schedule\": \"step\", \"decayEvery\": 2,"
                        + " \"decayFactor\": 0.5}}", "\"cross-entropy\"", "",
                "{\"epochs\": 4, \"batchSize\": 20, \"batchGrowth\": 2, \"batchGrowthEvery\": 2}"));
        List<EpochMetrics> m = finished.metrics();
        // 200 examples: B = 20, 20, 40, 40 -> 10, 10, 5, 5 steps.
        assertEquals(List.of(0L, 10L, 20L, 25L, 30L), m.stream().map(EpochMetrics::step).toList());
        // The rate of each epoch's last step: 0.1 for t < 2, then 0.05.
        assertEquals(List.of(0.1, 0.1, 0.1, 0.05, 0.05), m.stream().map(EpochMetrics::learningRate).toList());
        ExperimentRuns.Finished full = run(experiment(MIXTURE, "", "\"mlp\"", "\"sgd\"", "\"cross-entropy\"", "",
                "{\"epochs\": 3, \"fullBatch\": true}"));
        assertEquals(List.of(0L, 1L, 2L, 3L), full.metrics().stream().map(EpochMetrics::step).toList(),
                "full-batch gradient descent: one step per epoch");
    }

    @Test
    void badSettingsAreClearErrorsBeforeTraining() throws Exception {
        String good = images("", "\"mlp\"", "\"sgd\"", "\"cross-entropy\"", "");
        assertRefused(good.replace("\"mlp\"", "{\"id\": \"mlp\", \"settings\": {\"hidden\": [0]}}"),
                "model.settings.hidden[0]: expected a list of integers with every element >= 1, got 0");
        assertRefused(good.replace("\"perturbations\": [", "\"perturbations\": [{\"id\": \"label-corruption\", "
                + "\"settings\": {\"probability\": 1.5}}, "),
                "perturbations[0].settings.probability: expected a number >= 0 and <= 1, got 1.5");
        assertRefused(good.replace("\"regularizers\": [", "\"regularizers\": [{\"id\": \"augmentation\", "
                + "\"settings\": {\"transforms\": \"rotate\"}}"),
                "regularizers[0].settings.transforms: expected one of crop-flip, crop, flip, got \"rotate\"");
        assertRefused(good.replace("\"perturbations\": [", "\"perturbations\": [\"pixel-magic\", "),
                "perturbations[0].id: unknown perturbation 'pixel-magic'; installed: class-subset, gaussian-inputs");
    }

    private void assertRefused(String json, String message) throws Exception {
        Path file = workspace.resolve("bad.json");
        Files.writeString(file, json);
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains(message), () -> "expected '" + message + "' in: " + run);
        assertTrue(CommandLineRun.runFolders(workspace).isEmpty(), "no run folder");
    }
}
