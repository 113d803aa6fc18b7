package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.DatasetSplits;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.engine.internal.DjlRuntime;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny real experiment on real Fashion-MNIST images, through the real command line, DS
 * services and DJL engine; then its recorded margins are checked against margins recomputed
 * here, independently, from logits of the saved checkpoint.
 */
class FashionMnistRunTest {

    static final String EXPERIMENT = """
            {
              "name": "tiny-fashion",
              "seed": 7,
              "dataset": {"id": "idx", "settings": {"trainSize": 2000, "testSize": 1000}},
              "model": {"id": "mlp", "settings": {"hidden": [64]}},
              "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
              "loss": "cross-entropy",
              "regularizers": [{"id": "weight-decay", "settings": {"lambda": 0.0001}}],
              "training": {"epochs": 3, "batchSize": 100},
              "analyses": [{"id": "margins", "every": 1, "atInit": true, "settings": {"bins": 20}}]
            }
            """;

    @TempDir
    static Path workspace;

    static CommandLineRun run;
    static Path folder;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void runTheExperiment() throws Exception {
        Path file = workspace.resolve("tiny-fashion.json");
        Files.writeString(file, EXPERIMENT);
        run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<Path> folders = CommandLineRun.runFolders(workspace);
        assertEquals(1, folders.size(), () -> "one run folder expected: " + folders);
        folder = folders.get(0);
        assertTrue(run.out().contains(folder.toString()), "the command prints where its run folder is");
    }

    @Test
    void theRunIsCompleteAndLearned() throws Exception {
        RunRecords.Status status = RunRecords.status(folder);
        assertEquals("completed", status.status());
        assertEquals(3, status.epochsCompleted());
        var metrics = RunRecords.metrics(folder);
        assertEquals(4, metrics.size(), "epochs 0 (initial) to 3");
        assertEquals(List.of(0, 1, 2, 3), metrics.stream().map(m -> m.epoch()).toList());
        assertEquals(60, metrics.get(3).step(), "2000 / 100 steps per epoch, 3 epochs");
        // Ten balanced classes: about 0.9 error at initialization, far less after 3 epochs.
        assertTrue(metrics.get(0).trainError() > 0.7, () -> "initial error " + metrics.get(0).trainError());
        assertTrue(metrics.get(3).trainError() < 0.3, () -> "final error " + metrics.get(3).trainError());
        assertTrue(metrics.get(3).testError() < 0.35, () -> "final test error " + metrics.get(3).testError());
        assertEquals(5, Files.readAllLines(folder.resolve("metrics.csv")).size(), "header + 4 rows");
    }

    @Test
    void specAndProvenanceAreRecorded() throws Exception {
        ExperimentSpec spec = ExperimentFiles.read(folder.resolve("spec.json"));
        assertEquals(7, spec.seed());
        assertEquals(Boolean.TRUE, spec.model().settings().get("bias"), "defaults are filled in");
        assertEquals("/usr/share/datasets/fashion-mnist", spec.dataset().settings().get("folder"));
        JsonNode provenance = JSON.readTree(folder.resolve("provenance.json").toFile());
        assertEquals(784 * 64 + 64 + 64 * 10 + 10, provenance.get("parameterCount").asLong());
        assertEquals(2000, provenance.get("trainSize").asInt());
        assertEquals("PyTorch", provenance.at("/engine/name").asText());
        assertEquals(7, provenance.at("/seeds/experiment").asLong());
        String hash = provenance.at("/data/train/sha256").asText();
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        // The recorded hash identifies the data: loading the same settings again gives it back.
        DatasetProvider idx = Osgi.service(ComponentRegistry.class)
                .find(ComponentKind.DATASET, "idx", DatasetProvider.class).orElseThrow();
        DatasetSplits again = idx.load(idx.settingsSchema().validate(spec.dataset().settings(), "dataset.settings"),
                new DatasetContext(7, ProgressMonitor.NONE));
        assertEquals(hash, again.train().sha256());
        assertTrue(provenance.get("components").toString().contains("carnot.analysis.margins"));
    }

    @Test
    void recordedMarginsMatchMarginsRecomputedFromTheCheckpoint() throws Exception {
        ExperimentSpec spec = ExperimentFiles.read(folder.resolve("spec.json"));
        ComponentRegistry registry = Osgi.service(ComponentRegistry.class);
        DatasetProvider idx = registry.find(ComponentKind.DATASET, "idx", DatasetProvider.class).orElseThrow();
        DatasetSplits data = idx.load(idx.settingsSchema().validate(spec.dataset().settings(), "dataset.settings"),
                new DatasetContext(spec.seed(), ProgressMonitor.NONE));
        ArchitectureProvider mlp = registry.find(ComponentKind.ARCHITECTURE, "mlp", ArchitectureProvider.class)
                .orElseThrow();
        Block block = mlp.build(mlp.settingsSchema().validate(spec.model().settings(), "model.settings"),
                new ArchitectureContext(new int[] {1, 28, 28}, 10));
        JsonNode recorded = RunRecords.analysis(folder, 0, "margins", 3);
        try (NDManager manager = Osgi.service(DjlRuntime.class).engine().newBaseManager();
                InputStream in = Files.newInputStream(folder.resolve("checkpoints/epoch-0003.params"))) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            block.loadParameters(manager, new DataInputStream(in));
            for (Map.Entry<String, Dataset> split : Map.of("train", data.train(), "test", data.test()).entrySet()) {
                Dataset d = split.getValue();
                NDArray x = manager.create(FloatBuffer.wrap(d.features()), new Shape(d.size(), 1, 28, 28));
                float[] logits = block.forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow().toFloatArray();
                double[] margins = new double[d.size()];
                for (int i = 0; i < d.size(); i++) {
                    int y = d.labels()[i];
                    double other = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < 10; k++) {
                        if (k != y) {
                            other = Math.max(other, logits[i * 10 + k]);
                        }
                    }
                    margins[i] = logits[i * 10 + y] - other;
                }
                double[] sorted = margins.clone();
                Arrays.sort(sorted);
                String p = split.getKey() + ".";
                JsonNode scalars = recorded.get("scalars");
                assertEquals(sorted[0], scalars.get(p + "min").asDouble(), 1e-4, p + "min");
                assertEquals(Arrays.stream(margins).average().orElseThrow(), scalars.get(p + "mean").asDouble(), 1e-4);
                // numpy's default quantile: linear between order statistics at q (n - 1).
                double position = 0.5 * (sorted.length - 1);
                int lo = (int) Math.floor(position);
                double median = sorted[lo] + (position - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
                assertEquals(median, scalars.get(p + "median").asDouble(), 1e-4, p + "median");
                long nonPositive = Arrays.stream(margins).filter(m -> m <= 0).count();
                assertEquals((double) nonPositive / margins.length, scalars.get(p + "fractionNonPositive").asDouble(),
                        1e-12);
                // Histogram: 20 equal bins over [min, max], counts add up to n.
                JsonNode histogram = recorded.at("/histograms/" + split.getKey() + ".histogram");
                long total = 0;
                for (JsonNode c : histogram.get("counts")) {
                    total += c.asLong();
                }
                assertEquals(d.size(), total);
                assertEquals(sorted[0], histogram.get("edges").get(0).asDouble(), 1e-4);
                assertEquals(sorted[sorted.length - 1], histogram.get("edges").get(20).asDouble(), 1e-4);
                // The training error in metrics is the fraction of non-positive margins (ties aside).
                double error = split.getKey().equals("train") ? RunRecords.metrics(folder).get(3).trainError()
                        : RunRecords.metrics(folder).get(3).testError();
                assertEquals(error, (double) nonPositive / margins.length, 2.0 / d.size());
            }
        }
    }

    @Test
    void everyAnalysisCallIsRecorded() throws Exception {
        List<String> lines = Files.readAllLines(folder.resolve("analyses.jsonl"));
        assertEquals(4, lines.size(), "at init and after each of 3 epochs");
        for (int epoch = 0; epoch <= 3; epoch++) {
            assertTrue(Files.exists(folder.resolve("analyses/0-margins/epoch-000" + epoch + ".json")));
        }
        JsonNode initial = RunRecords.analysis(folder, 0, "margins", 0);
        JsonNode last = RunRecords.analysis(folder, 0, "margins", 3);
        assertTrue(last.at("/scalars/train.median").asDouble() > initial.at("/scalars/train.median").asDouble(),
                "training widens the median margin");
    }
}
