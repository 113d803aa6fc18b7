package carnot.integration.tests;

import static carnot.integration.tests.Components.engine;
import static carnot.integration.tests.Components.provider;
import static carnot.integration.tests.Components.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import carnot.analysis.norms.PathNorm;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.component.ComponentKind;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;

/** The {@code norms} analysis on real networks and runs, against independent computations. */
class NormsAnalysisTest {

    @TempDir
    Path workspace;

    private static Block mlp(Map<String, Object> raw, NDManager manager, boolean randomBiases) {
        ArchitectureProvider provider = provider(ComponentKind.ARCHITECTURE, "mlp", ArchitectureProvider.class);
        Block block = provider.build(settings(provider, raw), new ArchitectureContext(new int[] {3}, 2));
        if (randomBiases) {
            block.setInitializer(new NormalInitializer(0.5f), Parameter.Type.BIAS);
        }
        engine().setRandomSeed(4);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        return block;
    }

    /** Row-major (out, in) weights and biases, in order. */
    private static List<float[]> values(Block block) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            values.add(entry.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /**
     * sum over every path (input unit or bias unit) -> ... -> output of the product of the squared
     * weights along it, enumerated path by path for a 3-5-4-2 network.
     */
    private static double pathSum(List<float[]> p) {
        float[] w1 = p.get(0), b1 = p.get(1), w2 = p.get(2), b2 = p.get(3), w3 = p.get(4), b3 = p.get(5);
        double sum = 0;
        for (int l = 0; l < 2; l++) {
            sum += sq(b3[l]);
            for (int k = 0; k < 4; k++) {
                sum += sq(b2[k]) * sq(w3[l * 4 + k]);
                for (int j = 0; j < 5; j++) {
                    sum += sq(b1[j]) * sq(w2[k * 5 + j]) * sq(w3[l * 4 + k]);
                    for (int i = 0; i < 3; i++) {
                        sum += sq(w1[j * 3 + i]) * sq(w2[k * 5 + j]) * sq(w3[l * 4 + k]);
                    }
                }
            }
        }
        return sum;
    }

    private static double sq(float v) {
        return (double) v * v;
    }

    @Test
    void pathNormIsTheSquareRootOfTheSumOverPaths() {
        try (NDManager manager = engine().newBaseManager()) {
            Block block = mlp(Map.of("hidden", List.of(5, 4)), manager, true);
            List<float[]> before = values(block);
            double expected = Math.sqrt(pathSum(before));
            double got = PathNorm.l2(block, new int[] {3}, "relu", manager).orElseThrow();
            assertEquals(expected, got, 1e-5 * expected);
            assertTrue(before.get(1)[0] != 0, "the biases' paths are exercised");
            List<float[]> after = values(block);
            for (int i = 0; i < before.size(); i++) {
                assertTrue(java.util.Arrays.equals(before.get(i), after.get(i)), "parameters untouched");
            }
            assertTrue(PathNorm.l2(block, new int[] {3}, "tanh", manager).isEmpty(), "tanh: not a path sum");
            Block normalized = mlp(Map.of("hidden", List.of(5), "batchNorm", true), manager, false);
            assertTrue(PathNorm.l2(normalized, new int[] {3}, "relu", manager).isEmpty(), "batch norm: undefined");
        }
    }

    /**
     * Recomputes, in the same run and on the same weights, every layer's Frobenius norm by loops,
     * its spectral norm by power iteration on W^T W, its distance from the initial weights, the
     * total distance and the path norm by explicit paths — independently of EJML and of the
     * squared forward pass.
     */
    private static AnalysisResult reference(carnot.api.analysis.AnalysisContext context) {
        AnalysisResult.Builder result = AnalysisResult.builder();
        double total = 0;
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> entry : context.model().getParameters()) {
            Parameter parameter = entry.getValue();
            float[] w = parameter.getArray().toFloatArray();
            values.add(w);
            float[] w0 = context.initialParameters().get(entry.getKey());
            double distance = 0;
            for (int i = 0; i < w.length; i++) {
                distance += sq(w[i] - w0[i]);
            }
            total += distance;
            if (parameter.getType() != Parameter.Type.WEIGHT) {
                continue;
            }
            long[] shape = parameter.getArray().getShape().getShape();
            int rows = (int) shape[0];
            int cols = w.length / rows;
            double frobenius = 0;
            for (float v : w) {
                frobenius += sq(v);
            }
            result.scalar(entry.getKey() + ".frobenius", Math.sqrt(frobenius));
            result.scalar(entry.getKey() + ".spectral", PowerIteration.spectralNorm(w, rows, cols));
            result.scalar(entry.getKey() + ".distanceFromInit", Math.sqrt(distance));
        }
        result.scalar("distanceFromInit", Math.sqrt(total));
        return result.build();
    }

    @Test
    void aRealRunRecordsNormsThatMatchAnIndependentComputation() throws Exception {
        ServiceRegistration<AnalysisProvider> registration = TestAnalyses.register("test.norms-reference",
                NormsAnalysisTest::reference);
        try {
            Path file = workspace.resolve("norms.json");
            Files.writeString(file, String.format(RunBehaviourTest.MIXTURE, 8, 2,
                    "[{\"id\": \"norms\", \"every\": 1, \"atInit\": true}, "
                            + "{\"id\": \"test.norms-reference\", \"every\": 1, \"atInit\": true}]"));
            CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
            assertEquals(0, run.exitCode(), run::toString);
            Path folder = CommandLineRun.runFolders(workspace).get(0);
            for (int epoch = 0; epoch <= 2; epoch++) {
                JsonNode norms = RunRecords.analysis(folder, 0, "norms", epoch).get("scalars");
                JsonNode expected = RunRecords.analysis(folder, 1, "test.norms-reference", epoch).get("scalars");
                Iterator<String> names = expected.fieldNames();
                int compared = 0;
                while (names.hasNext()) {
                    String name = names.next();
                    double want = expected.get(name).asDouble();
                    assertTrue(norms.has(name), () -> name + " missing from " + norms);
                    assertEquals(want, norms.get(name).asDouble(), 1e-6 * Math.max(1, Math.abs(want)),
                            "epoch " + epoch + " " + name);
                    compared++;
                }
                assertEquals(3 * 3 + 1, compared, "three layers, three quantities each, and the total distance");
                if (epoch == 0) {
                    assertEquals(0, norms.get("distanceFromInit").asDouble(), 0, "epoch 0 is the initialization");
                } else {
                    assertTrue(norms.get("distanceFromInit").asDouble() > 0.1, norms::toString);
                }
                assertTrue(norms.has("pathNorm") && norms.get("pathNorm").asDouble() > 0, norms::toString);
                List<String> layers = new ArrayList<>();
                for (Iterator<String> all = expected.fieldNames(); all.hasNext();) {
                    String name = all.next();
                    if (name.endsWith(".frobenius")) {
                        layers.add(name.substring(0, name.length() - ".frobenius".length()));
                    }
                }
                for (int i = 1; i < layers.size(); i++) {
                    double now = norms.get(layers.get(i) + ".frobenius").asDouble();
                    double before = norms.get(layers.get(i - 1) + ".frobenius").asDouble();
                    assertEquals(now / before, norms.get(layers.get(i) + ".frobeniusRatio").asDouble(), 1e-12);
                }
            }
        } finally {
            registration.unregister();
        }
    }

    /**
     * Du, Hu and Lee (2018, Theorem 2.1): under gradient flow on a ReLU network,
     * ||W_{i+1}||_F^2 - (||W_i||_F^2 + ||b_i||^2) stays constant. Gradient descent with step lr
     * changes it by lr^2 (||g_{i+1}||^2 - ||g_i||^2 - ||g_{b_i}||^2) per step, so over the same flow
     * time lr * steps its drift is first order in lr: a quarter of the step with four times the
     * steps must leave about a quarter of the drift, while the weights travel the same way.
     */
    @Test
    void gradientDescentKeepsTheLayersBalancedToFirstOrderInTheStep(TestReporter reporter) throws Exception {
        double[] coarse = balanceDrift(0.08, 20);
        double[] fine = balanceDrift(0.02, 80);
        for (int i = 0; i < coarse.length / 2; i++) {
            double coarseDrift = coarse[2 * i];
            double fineDrift = fine[2 * i];
            double moved = fine[2 * i + 1];
            reporter.publishEntry(String.format("balance pair %d: drift %.3g (lr 0.08) -> %.3g (lr 0.02); ||W||_F^2 moved %.3g", i,
                    coarseDrift, fineDrift, moved));
            assertTrue(moved > 10 * fineDrift, "the weights moved far more than the invariant");
            assertTrue(fineDrift < 0.4 * coarseDrift, "first order in the step");
            assertEquals(moved, coarse[2 * i + 1], 0.2 * moved, "the same flow");
        }
    }

    /** Per consecutive layer pair: |gap(end) - gap(0)| and |(||W||_F^2)(end) - (||W||_F^2)(0)|. */
    private double[] balanceDrift(double learningRate, int steps) throws Exception {
        Path folder = Files.createDirectories(workspace.resolve("lr" + learningRate));
        Path file = folder.resolve("balance.json");
        String json = String.format(java.util.Locale.ROOT, RunBehaviourTest.MIXTURE, 2, steps,
                "[{\"id\": \"norms\", \"every\": 0, \"atInit\": true, \"settings\": {\"spectral\": false}}]")
                .replace("\"momentum\": 0.9", "\"momentum\": 0.0")
                .replace("\"learningRate\": 0.05", "\"learningRate\": " + learningRate)
                .replace("\"batchSize\": 32", "\"batchSize\": 32, \"fullBatch\": true");
        Files.writeString(file, json);
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", folder.toString());
        assertEquals(0, run.exitCode(), run::toString);
        Path runFolder = CommandLineRun.runFolders(folder).get(0);
        JsonNode start = RunRecords.analysis(runFolder, 0, "norms", 0).get("scalars");
        JsonNode end = RunRecords.analysis(runFolder, 0, "norms", steps).get("scalars");
        List<Double> values = new ArrayList<>();
        for (Iterator<String> names = end.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (name.endsWith(".balanceGap")) {
                String layer = name.substring(0, name.length() - ".balanceGap".length());
                values.add(Math.abs(end.get(name).asDouble() - start.get(name).asDouble()));
                values.add(Math.abs(Math.pow(end.get(layer + ".frobenius").asDouble(), 2)
                        - Math.pow(start.get(layer + ".frobenius").asDouble(), 2)));
            }
        }
        assertEquals(4, values.size(), "two consecutive layer pairs in a 20-32-32-3 network");
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
