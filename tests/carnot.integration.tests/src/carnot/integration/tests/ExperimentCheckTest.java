package carnot.integration.tests;

import static carnot.integration.tests.Components.engine;
import static carnot.integration.tests.Components.provider;
import static carnot.integration.tests.Components.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.api.component.ComponentKind;
import carnot.api.component.ProgressMonitor;
import carnot.api.component.Settings;
import carnot.api.experiment.ExperimentCheck;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.PreparedRun;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.api.models.ModelParameter;
import carnot.api.models.ModelStructure;
import carnot.engine.internal.ShapeOnlyNetwork;
import carnot.workspace.ExperimentFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ExperimentRunner.check} (what {@code carnot validate} prints: header-only data, network shapes
 * without libtorch) against {@code prepare} (data loaded, network initialized in libtorch) on the same
 * experiments, for every built-in architecture; and the shape-only network against DJL's initialized
 * one: parameter count, every parameter's name, role and shape, and the checkpoint's bytes.
 */
class ExperimentCheckTest {

    /** Every built-in architecture, several settings of the MLP; examples of Fashion-MNIST's shape. */
    private static final List<String> MODELS = List.of(
            "{\"id\": \"mlp\", \"settings\": {\"hidden\": [512], \"activation\": \"relu\"}}",
            "{\"id\": \"mlp\", \"settings\": {\"hidden\": [64, 32], \"activation\": \"tanh\", \"bias\": false, "
                    + "\"batchNorm\": true, \"dropout\": 0.2}}",
            "{\"id\": \"mlp\", \"settings\": {\"hidden\": [16], \"activation\": \"gelu\", \"weightNorm\": true}}",
            "{\"id\": \"mlp\", \"settings\": {\"hidden\": [], \"bias\": false}}",
            "{\"id\": \"linear\", \"settings\": {}}",
            "{\"id\": \"random-features\", \"settings\": {\"features\": 64}}",
            "{\"id\": \"cnn\", \"settings\": {\"channels\": [4], \"hidden\": [12], \"kernel\": 3}}",
            "{\"id\": \"locally-connected\", \"settings\": {\"channels\": [2], \"kernel\": 3, \"hidden\": [8]}}",
            "{\"id\": \"resnet\", \"settings\": {\"channels\": [4], \"blocks\": 1}}");

    private static ExperimentSpec experiment(String model, String optimizer, String analyses) throws Exception {
        return ExperimentFiles.parse(Path.of("check.json"), """
                {"name": "check", "seed": 11,
                 "dataset": {"id": "idx", "settings": {"trainSize": 300, "testSize": 200}},
                 "model": %s, "optimizer": %s, "loss": "cross-entropy",
                 "training": {"epochs": 4, "batchSize": 32, "checkpointEvery": 2},
                 "analyses": %s}
                """.formatted(model, optimizer, analyses));
    }

    private static ExperimentCheck prepared(ExperimentSpec spec) throws InvalidExperimentException {
        try (PreparedRun run = Osgi.service(ExperimentRunner.class).prepare(spec, ProgressMonitor.NONE)) {
            return ExperimentCheck.of(run);
        }
    }

    @Test
    void checkingTellsWhatPreparingTellsForEveryArchitecture() throws Exception {
        ExperimentRunner runner = Osgi.service(ExperimentRunner.class);
        String[] optimizers = {"{\"id\": \"sgd\", \"settings\": {\"learningRate\": 0.05, \"momentum\": 0.9}}",
            "{\"id\": \"adam\", \"settings\": {}}"};
        for (String model : MODELS) {
            for (String optimizer : optimizers) {
                ExperimentSpec spec = experiment(model, optimizer,
                        "[{\"id\": \"margins\", \"every\": 2, \"settings\": {\"bins\": 20}}]");
                ExperimentCheck checked = runner.check(spec, ProgressMonitor.NONE);
                ExperimentCheck expected = prepared(spec);
                String what = model + " with " + optimizer;
                assertEquals(expected.parameterCount(), checked.parameterCount(), what);
                if (model.contains("weightNorm")) {
                    // libtorch's probe cannot follow a weight-normalized layer (it computes g = |v| from the
                    // one-value arrays the probe hands out), so preparing estimates no memory for the run at
                    // all and counts only the analysis's snapshot; the shape-only walk follows it.
                    assertTrue(expected.memoryEstimate().peakBytes() < checked.memoryEstimate().peakBytes(), what);
                    // ... which has at least the baselines: JVM, framework, libtorch (about 360 MB)
                    assertTrue(checked.memoryEstimate().peakBytes() > (300L << 20), what);
                } else {
                    assertEquals(expected.memoryEstimate().summary(), checked.memoryEstimate().summary(), what);
                    assertEquals(expected.memoryEstimate().heapToReserve(), checked.memoryEstimate().heapToReserve(),
                            what);
                    assertEquals(expected.memoryEstimate().processBytes(), checked.memoryEstimate().processBytes(),
                            what);
                }
                assertEquals(expected.checkpointEstimate(), checked.checkpointEstimate(), what);
                assertEquals(ExperimentFiles.toText(expected.resolvedSpec()),
                        ExperimentFiles.toText(checked.resolvedSpec()), what);
            }
        }
    }

    @Test
    void checkingRefusesWhatPreparingRefuses() throws Exception {
        ExperimentRunner runner = Osgi.service(ExperimentRunner.class);
        String sgd = "{\"id\": \"sgd\", \"settings\": {\"learningRate\": 0.05}}";
        List<ExperimentSpec> bad = List.of(
                // p = 1.6e9 parameters: refused by the memory model before anything is allocated
                experiment("{\"id\": \"mlp\", \"settings\": {\"hidden\": [40000, 40000]}}", sgd, "[]"),
                // the reparameterization audit needs a ReLU network (refused from the structure)
                experiment("{\"id\": \"mlp\", \"settings\": {\"hidden\": [8], \"activation\": \"tanh\"}}", sgd,
                        "[{\"id\": \"reparameterization-audit\", \"every\": 1}]"),
                ExperimentFiles.parse(Path.of("check.json"), """
                        {"name": "check", "dataset": {"id": "idx", "settings": {"trainSize": 70000}},
                         "model": {"id": "mlp"}, "optimizer": %s, "loss": "cross-entropy",
                         "training": {"epochs": 1, "batchSize": 32}}""".formatted(sgd)));
        for (ExperimentSpec spec : bad) {
            InvalidExperimentException preparing = assertThrows(InvalidExperimentException.class, () -> prepared(spec));
            InvalidExperimentException checking = assertThrows(InvalidExperimentException.class,
                    () -> runner.check(spec, ProgressMonitor.NONE));
            assertEquals(preparing.field(), checking.field());
            // The memory this process can still get changes between the two calls.
            String available = "more than the [0-9.]+ [kMG]?B of memory available";
            assertEquals(preparing.getMessage().replaceAll(available, "AVAILABLE"),
                    checking.getMessage().replaceAll(available, "AVAILABLE"));
        }
    }

    /**
     * The feed-forward architectures are followed without libtorch, and their shapes are DJL's; the
     * CNN (pooling computes), the ResNet (residual branches joined by a function) and the locally
     * connected network (its layer's shapes are not DJL's to follow) are left to libtorch, which the
     * test above covers.
     */
    @Test
    void theShapeOnlyNetworkIsDjlsInitializedNetwork() throws Exception {
        int[] exampleShape = {1, 28, 28};
        ArchitectureContext context = new ArchitectureContext(exampleShape, 10);
        for (String model : MODELS) {
            Map<?, ?> parsed = new com.fasterxml.jackson.databind.ObjectMapper().readValue(model, Map.class);
            String id = (String) parsed.get("id");
            ArchitectureProvider provider = provider(ComponentKind.ARCHITECTURE, id, ArchitectureProvider.class);
            @SuppressWarnings("unchecked")
            Settings settings = settings(provider, (Map<String, Object>) parsed.get("settings"));
            ShapeOnlyNetwork.Shapes shapes = ShapeOnlyNetwork.of(provider.build(settings, context), exampleShape);
            if (id.equals("cnn") || id.equals("resnet") || id.equals("locally-connected")) {
                assertNull(shapes, model);
                continue;
            }
            assertNotNull(shapes, model);
            Block real = provider.build(settings, context);
            try (NDManager manager = engine().newBaseManager()) {
                real.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
                long all = 0;
                long trainable = 0;
                for (Pair<String, Parameter> p : real.getParameters()) {
                    all += p.getValue().getArray().size();
                    trainable += p.getValue().requiresGradient() ? p.getValue().getArray().size() : 0;
                }
                assertEquals(all, shapes.parameters(), model);
                assertEquals(trainable, shapes.trainable(), model);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    real.saveParameters(out);
                }
                assertEquals(bytes.size(), shapes.checkpointBytes(), model + ": the checkpoint's bytes");
                ModelStructure expected = provider.structure(settings, context, real).orElseThrow();
                ModelStructure walked = provider.structure(settings, context, shapes.network()).orElseThrow();
                assertEquals(expected.activation(), walked.activation(), model);
                assertEquals(expected.homogeneityDegree(), walked.homogeneityDegree(), model);
                assertEquals(expected.parameters().size(), walked.parameters().size(), model);
                for (int i = 0; i < expected.parameters().size(); i++) {
                    ModelParameter e = expected.parameters().get(i);
                    ModelParameter w = walked.parameters().get(i);
                    assertEquals(e.name(), w.name(), model);
                    assertEquals(e.role(), w.role(), e.name());
                    assertEquals(e.trainable(), w.trainable(), e.name());
                    assertArrayEquals(e.shape(), w.shape(), e.name());
                }
            }
        }
    }
}
