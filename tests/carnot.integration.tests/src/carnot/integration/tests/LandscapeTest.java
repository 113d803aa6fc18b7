package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.analysis.landscape.internal.FilterNormalization;
import carnot.analysis.landscape.internal.FilterNormalizedPlaneProvider;
import carnot.analysis.landscape.internal.LinearInterpolationProvider;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Split;
import carnot.api.component.Settings;
import carnot.api.datasets.Dataset;
import carnot.api.experiment.EpochMetrics;
import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;

/**
 * The landscape analyses in real runs: interpolation and plane reproduce the losses the run
 * recorded at their known points, and on a linear model with the square loss they equal the
 * closed forms computed here from the weights and the data.
 */
class LandscapeTest {

    /** f(x) = Wx + b from zero, square loss, 3 epochs on a 3-class mixture: an exact quadratic landscape. */
    static final String LINEAR_SQUARE = """
            {
              "name": "linear-square",
              "seed": %d,
              "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 6, "trainSize": 90,
                          "testSize": 30, "separation": 2.0}},
              "model": "linear",
              "optimizer": {"id": "sgd", "settings": {"learningRate": 0.02, "momentum": 0.0}},
              "loss": "square",
              "training": {"epochs": 3, "batchSize": 10},
              "analyses": %s
            }
            """;

    @TempDir
    Path workspace;

    private Path run(String json) throws Exception {
        Path file = workspace.resolve("landscape.json");
        Files.writeString(file, json);
        List<Path> before = CommandLineRun.runFolders(workspace);
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<Path> after = new ArrayList<>(CommandLineRun.runFolders(workspace));
        after.removeAll(before);
        assertEquals(1, after.size(), after::toString);
        return after.get(0);
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    @Test
    void interpolationEndsAreTheRecordedInitialAndFinalLossesAndThePlanesCentreIsTheTrainedLoss() throws Exception {
        Path folder = run(String.format(RunBehaviourTest.MIXTURE, 11, 3,
                "[{\"id\": \"interpolation\", \"every\": 0, \"settings\": {\"points\": 5, \"start\": -0.5, \"end\": 1.5}},"
                        + " {\"id\": \"plane\", \"every\": 0, \"settings\": {\"points\": 5, \"range\": 0.5}},"
                        + " {\"id\": \"margins\", \"every\": 0}]"));
        List<EpochMetrics> metrics = RunRecords.metrics(folder);
        EpochMetrics initial = metrics.get(0);
        EpochMetrics last = metrics.get(metrics.size() - 1);
        JsonNode line = RunRecords.analysis(folder, 0, "interpolation", 3);
        double[] alpha = doubles(line.get("series").get("alpha"));
        assertEquals(List.of(-0.5, 0.0, 0.5, 1.0, 1.5), java.util.Arrays.stream(alpha).boxed().toList());
        double[] trainLoss = doubles(line.get("series").get("train.loss"));
        double[] testError = doubles(line.get("series").get("test.error"));
        assertEquals(initial.trainLoss(), trainLoss[1], 1e-6 * initial.trainLoss(), "alpha 0: the initial weights");
        assertEquals(last.trainLoss(), trainLoss[3], 1e-6 * last.trainLoss(), "alpha 1: the final weights");
        assertEquals(initial.testError(), testError[1], 0);
        assertEquals(last.testError(), testError[3], 0);
        assertEquals(last.trainError(), doubles(line.get("series").get("train.error"))[3], 0);
        assertTrue(trainLoss[3] < trainLoss[1], "training lowered the loss along the line");

        JsonNode plane = RunRecords.analysis(folder, 1, "plane", 3);
        double[] surface = doubles(plane.get("series").get("train.loss"));
        assertEquals(25, surface.length);
        assertEquals(last.trainLoss(), surface[2 * 5 + 2], 1e-6 * last.trainLoss(), "(0, 0): the trained weights");
        assertEquals(last.trainLoss(), plane.get("scalars").get("train.loss.origin").asDouble(), 1e-6 * last.trainLoss());
        assertTrue(plane.get("scalars").get("train.loss.max").asDouble() > last.trainLoss(), "a minimum-like centre");
        // The landscape analyses restored the weights: the margins analysis after them sees the trained network.
        JsonNode margins = RunRecords.analysis(folder, 2, "margins", 3).get("scalars");
        assertEquals(last.trainError(), margins.get("train.fractionNonPositive").asDouble(), 1.0 / 300);
    }

    /**
     * Minimum to minimum: the line from a run's weights (alpha = 0) to another run's checkpoint
     * (alpha = 1; same data and initialization, another learning rate) ends at the other run's
     * recorded train loss; loading the other checkpoint during training and putting the run's own
     * weights back leaves the run exactly as without the analysis (every epoch's metrics equal).
     */
    @Test
    void betweenTwoRunsMinimaTheLineEndsAtTheOtherRunsLossAndTrainingIsUndisturbed() throws Exception {
        Path other = run(String.format(RunBehaviourTest.MIXTURE, 12, 3, "[]").replace("\"learningRate\": 0.05",
                "\"learningRate\": 0.02"));
        Path plain = run(String.format(RunBehaviourTest.MIXTURE, 12, 3, "[]"));
        Path checkpoint = other.resolve("checkpoints/epoch-0003.params");
        Path analysed = run(String.format(RunBehaviourTest.MIXTURE, 12, 3, "[{\"id\": \"interpolation\", \"every\": 1, "
                + "\"settings\": {\"points\": 3, \"endpoint\": \"checkpoint\", \"checkpoint\": \""
                + checkpoint.toString().replace("\\", "\\\\") + "\"}}]"));
        List<EpochMetrics> undisturbed = RunRecords.metrics(plain);
        List<EpochMetrics> withAnalysis = RunRecords.metrics(analysed);
        for (int epoch = 0; epoch <= 3; epoch++) {
            EpochMetrics a = undisturbed.get(epoch);
            EpochMetrics b = withAnalysis.get(epoch);
            assertEquals(a.trainLoss(), b.trainLoss(), 0, "epoch " + epoch);
            assertEquals(a.testLoss(), b.testLoss(), 0, "epoch " + epoch);
        }
        double[] loss = doubles(RunRecords.analysis(analysed, 0, "interpolation", 3).get("series").get("train.loss"));
        assertEquals(undisturbed.get(3).trainLoss(), loss[0], 1e-6 * loss[0], "alpha 0: this run");
        double otherLoss = RunRecords.metrics(other).get(3).trainLoss();
        assertEquals(otherLoss, loss[2], 1e-6 * otherLoss, "alpha 1: the other run's minimum");
    }

    /**
     * f(x) = W x + b from zero with the summed square loss: on the line theta(alpha) = alpha theta_1
     * the outputs are alpha f_1(x), and on the plane (bias directions zero)
     * f(x) = (W + a D_1 + b D_2) x + b_1; the loss is computed here in double from the weights and data.
     */
    @Test
    void onALinearModelWithTheSquareLossTheLandscapeIsTheClosedForm() throws Exception {
        List<double[]> differences = new ArrayList<>();
        ServiceRegistration<AnalysisProvider> registration = TestAnalyses.register("test.closed-form", context -> {
            for (float[] values : context.initialParameters().values()) {
                for (float v : values) {
                    assertEquals(0f, v, "the linear model starts at zero");
                }
            }
            float[] w = null;
            float[] b = null;
            long[] shape = null;
            Map<String, long[]> shapes = new LinkedHashMap<>();
            Map<String, float[]> trained = new LinkedHashMap<>();
            for (Pair<String, Parameter> entry : context.model().getParameters()) {
                float[] values = entry.getValue().getArray().toFloatArray();
                long[] s = entry.getValue().getArray().getShape().getShape();
                trained.put(entry.getKey(), values);
                shapes.put(entry.getKey(), s);
                if (s.length == 2) {
                    w = values;
                    shape = s;
                } else {
                    b = values;
                }
            }
            int classes = (int) shape[0];
            int d = (int) shape[1];
            Dataset train = context.dataset(Split.TRAIN);

            AnalysisResult line = analyze(new LinearInterpolationProvider(), context,
                    Map.of("points", 9, "start", -1.0, "end", 3.0, "test", false));
            double[] alphas = line.series().get("alpha");
            double[] measured = line.series().get("train.loss");
            double[] lineDiffs = new double[alphas.length];
            for (int i = 0; i < alphas.length; i++) {
                lineDiffs[i] = Math.abs(squareLoss(train, w, b, classes, d, alphas[i], null, null, 0, 0) - measured[i])
                        / Math.max(1, measured[i]);
            }
            differences.add(lineDiffs);

            int seed = 3;
            AnalysisResult plane = analyze(new FilterNormalizedPlaneProvider(), context,
                    Map.of("points", 3, "range", 2.0, "directionSeed", seed));
            Random random = new Random(FilterNormalizedPlaneProvider.directionsSeed(context.seed(), seed));
            Map<String, float[]> d1 = FilterNormalization.randomDirection(trained, shapes, random);
            Map<String, float[]> d2 = FilterNormalization.randomDirection(trained, shapes, random);
            String weightName = shapes.entrySet().stream().filter(e -> e.getValue().length == 2).findFirst()
                    .orElseThrow().getKey();
            double[] axis = plane.series().get("x");
            double[] surface = plane.series().get("train.loss");
            double[] planeDiffs = new double[surface.length];
            for (int i = 0; i < axis.length; i++) {
                for (int j = 0; j < axis.length; j++) {
                    double expected = squareLoss(train, w, b, classes, d, 1, d1.get(weightName), d2.get(weightName),
                            axis[i], axis[j]);
                    planeDiffs[i * axis.length + j] = Math.abs(expected - surface[i * axis.length + j])
                            / Math.max(1, expected);
                }
            }
            differences.add(planeDiffs);
            return AnalysisResult.builder().build();
        });
        try {
            run(String.format(LINEAR_SQUARE, 4, "[{\"id\": \"test.closed-form\", \"every\": 0}]"));
        } finally {
            registration.unregister();
        }
        assertEquals(2, differences.size(), "the closed-form analysis ran");
        for (double[] diffs : differences) {
            for (double diff : diffs) {
                assertTrue(diff < 1e-5, "landscape vs closed form, relative difference " + diff);
            }
        }
    }

    private static AnalysisResult analyze(AnalysisProvider provider, AnalysisContext context, Map<String, Object> raw)
            throws Exception {
        Settings settings = provider.settingsSchema().validate(raw, "settings");
        return provider.create(settings).analyze(context);
    }

    /**
     * Mean over the training set of sum_k (f_k(x) - [k = y])^2 with
     * f(x) = (alpha W + a D_1 + b D_2) x + alpha_b b, in double ({@code alphaWeights} scales W and b).
     */
    private static double squareLoss(Dataset data, float[] w, float[] bias, int classes, int d, double scale,
            float[] d1, float[] d2, double a, double b) {
        double sum = 0;
        float[] x = data.features();
        for (int n = 0; n < data.size(); n++) {
            for (int k = 0; k < classes; k++) {
                double f = scale * bias[k];
                for (int j = 0; j < d; j++) {
                    double weight = scale * w[k * d + j];
                    if (d1 != null) {
                        weight += a * d1[k * d + j] + b * d2[k * d + j];
                    }
                    f += weight * x[n * d + j];
                }
                double target = k == data.labels()[n] ? 1 : 0;
                sum += (f - target) * (f - target);
            }
        }
        return sum / data.size();
    }
}
