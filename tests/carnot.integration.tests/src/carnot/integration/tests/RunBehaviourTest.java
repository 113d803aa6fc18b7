package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.analysis.AnalysisProvider;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.RunStatus;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;

/** Seeds, cancellation, failing analyses and the registry, on small synthetic runs. */
class RunBehaviourTest {

    @TempDir
    Path workspace;

    static final String MIXTURE = """
            {
              "name": "mixture",
              "seed": %d,
              "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 20, "trainSize": 300,
                          "testSize": 300, "separation": 3.0}},
              "model": {"id": "mlp", "settings": {"hidden": [32, 32]}},
              "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
              "loss": "cross-entropy",
              "training": {"epochs": %d, "batchSize": 32},
              "analyses": %s
            }
            """;

    private ExperimentSpec spec(long seed, int epochs, String analyses) throws Exception {
        return ExperimentFiles.parse(Path.of("mixture.json"), String.format(MIXTURE, seed, epochs, analyses));
    }

    private List<EpochMetrics> run(ExperimentSpec spec) throws Exception {
        ExperimentRuns.Finished finished = ExperimentRuns.run(workspace, spec, ProgressMonitor.NONE);
        assertEquals(RunStatus.COMPLETED, finished.outcome().status(), finished.outcome().message());
        return finished.metrics();
    }

    @Test
    void registryListsEveryProviderDsFound() {
        ComponentRegistry registry = Osgi.service(ComponentRegistry.class);
        assertEquals(List.of("cifar10", "csv", "gaussian-mixture", "hierarchical", "idx", "npy", "separable",
                "teacher-student"), registry.ids(ComponentKind.DATASET));
        assertEquals(List.of("class-subset", "gaussian-inputs", "label-corruption", "normalize", "random-pixels",
                "remove-example", "replace-example", "resample", "shuffled-pixels", "subsample"),
                registry.ids(ComponentKind.PERTURBATION));
        assertEquals(List.of("cnn", "linear", "locally-connected", "mlp", "random-features", "resnet"),
                registry.ids(ComponentKind.ARCHITECTURE));
        assertEquals(List.of("adam", "nesterov", "sgd"), registry.ids(ComponentKind.OPTIMIZER));
        assertEquals(List.of("cross-entropy", "exponential", "hinge", "logistic", "square"),
                registry.ids(ComponentKind.LOSS));
        assertEquals(List.of("augmentation", "early-stopping", "weight-decay"),
                registry.ids(ComponentKind.REGULARIZER));
        assertTrue(registry.ids(ComponentKind.ANALYSIS).containsAll(
                List.of("bounds", "hessian-spectrum", "implicit-bias", "interpolation", "kernel-baseline", "margins",
                        "min-norm", "normalized-margins", "norms", "outputs", "pac-bayes-bound", "perceptron",
                        "plane", "reparameterization-audit", "sharpness", "slices")),
                registry.ids(ComponentKind.ANALYSIS)::toString);
        assertEquals("carnot.models", registry.describe(ComponentKind.ARCHITECTURE, "mlp").orElseThrow().bundle());
        CommandLineRun list = CommandLineRun.carnot("components");
        assertEquals(0, list.exitCode(), list::toString);
        for (ComponentKind kind : ComponentKind.values()) {
            for (String id : registry.ids(kind)) {
                assertTrue(list.out().contains(id), () -> id + " missing from: " + list.out());
            }
        }
        for (String id : Set.of("idx", "gaussian-mixture", "mlp", "sgd", "cross-entropy", "weight-decay", "margins")) {
            assertTrue(list.out().contains(id), () -> id + " missing from: " + list.out());
        }
        assertTrue(list.out().contains("learningRate     default 0.01"), list::toString);
    }

    @Test
    void theSeedFixesTheRun() throws Exception {
        List<EpochMetrics> first = run(spec(11, 3, "[]"));
        List<EpochMetrics> second = run(spec(11, 3, "[]"));
        List<EpochMetrics> other = run(spec(12, 3, "[]"));
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).trainLoss(), second.get(i).trainLoss(), 0, "same seed, same losses");
            assertEquals(first.get(i).testError(), second.get(i).testError(), 0);
        }
        assertNotEquals(first.get(3).trainLoss(), other.get(3).trainLoss(), "another seed, another run");
        assertTrue(first.get(3).trainError() < first.get(0).trainError(), "it learns");
    }

    @Test
    void aFailingAnalysisDoesNotTakeDownTheRun() throws Exception {
        ServiceRegistration<AnalysisProvider> registration = TestAnalyses.register("test.failing", context -> {
            throw new IllegalStateException("deliberate failure at epoch " + context.epoch());
        });
        try {
            Path file = workspace.resolve("failing.json");
            Files.writeString(file, String.format(MIXTURE, 3, 2, "[{\"id\": \"test.failing\", \"every\": 1}, "
                    + "{\"id\": \"margins\", \"every\": 1}]"));
            CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
            assertEquals(0, run.exitCode(), run::toString);
            Path folder = CommandLineRun.runFolders(workspace).get(0);
            assertEquals("completed", RunRecords.status(folder).status());
            String status = Files.readString(folder.resolve("status.json"));
            assertTrue(status.contains("deliberate failure at epoch 2"), status);
            assertTrue(Files.exists(folder.resolve("analyses/1-margins/epoch-0002.json")), "the other analysis ran");
        } finally {
            registration.unregister();
        }
        assertTrue(Osgi.service(ComponentRegistry.class).describe(ComponentKind.ANALYSIS, "test.failing").isEmpty(),
                "an unregistered provider leaves the registry");
    }

    @Test
    void cancellationStopsTheRunAndIsRecorded() throws Exception {
        AtomicInteger steps = new AtomicInteger();
        ProgressMonitor cancelAfterFiveSteps = new ProgressMonitor() {
            @Override
            public void worked(String task, long done, long total) {
                steps.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return steps.get() >= 5;
            }
        };
        ExperimentRuns.Finished finished = ExperimentRuns.run(workspace, spec(5, 50, "[]"), cancelAfterFiveSteps);
        assertEquals(RunStatus.CANCELLED, finished.outcome().status());
        assertEquals("cancelled", RunRecords.status(finished.folder()).status());
        assertTrue(steps.get() < 20, "stopped within a step of the request");
    }
}
