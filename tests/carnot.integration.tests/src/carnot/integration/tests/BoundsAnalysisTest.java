package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Predictions;
import carnot.api.analysis.Split;
import carnot.api.experiment.EpochMetrics;
import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;

/** normalized-margins, bounds and pac-bayes-bound in a real run, against quantities computed independently. */
class BoundsAnalysisTest {

    @TempDir
    Path workspace;

    /**
     * R_A by its definition with spectral norms from power iteration and (2,1) norms by loops (M_i = 0,
     * ReLU), ||X||_2 of the training inputs, the smallest raw training margin, the squared distance
     * from initialization.
     */
    private static AnalysisResult reference(AnalysisContext context) {
        double product = 1;
        double sum = 0;
        double squaredDistance = 0;
        for (Pair<String, Parameter> entry : context.model().getParameters()) {
            float[] w = entry.getValue().getArray().toFloatArray();
            float[] w0 = context.initialParameters().get(entry.getKey());
            for (int i = 0; i < w.length; i++) {
                squaredDistance += ((double) w[i] - w0[i]) * ((double) w[i] - w0[i]);
            }
            if (entry.getValue().getType() != Parameter.Type.WEIGHT) {
                continue;
            }
            int rows = (int) entry.getValue().getArray().getShape().get(0);
            int cols = w.length / rows;
            double spectral = PowerIteration.spectralNorm(w, rows, cols);
            double twoOne = 0;
            for (int r = 0; r < rows; r++) {
                double row = 0;
                for (int c = 0; c < cols; c++) {
                    row += (double) w[r * cols + c] * w[r * cols + c];
                }
                twoOne += Math.sqrt(row);
            }
            product *= spectral;
            sum += Math.cbrt(twoOne * twoOne) / Math.cbrt(spectral * spectral);
        }
        double inputs = 0;
        for (float v : context.dataset(Split.TRAIN).features()) {
            inputs += (double) v * v;
        }
        Predictions train = context.predictions(Split.TRAIN);
        double minMargin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < train.size(); i++) {
            int y = train.labels()[i];
            double other = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < train.numClasses(); k++) {
                other = k == y ? other : Math.max(other, train.logit(i, k));
            }
            minMargin = Math.min(minMargin, train.logit(i, y) - other);
        }
        return AnalysisResult.builder().scalar("complexity", product * Math.pow(sum, 1.5))
                .scalar("inputNorm", Math.sqrt(inputs)).scalar("minMargin", minMargin)
                .scalar("squaredDistance", squaredDistance).build();
    }

    @Test
    void boundsAndNormalizedMarginsMatchTheirIngredients(TestReporter reporter) throws Exception {
        ServiceRegistration<AnalysisProvider> registration = TestAnalyses.register("test.bounds-reference",
                BoundsAnalysisTest::reference);
        try {
            Path file = workspace.resolve("bounds.json");
            Files.writeString(file, String.format(RunBehaviourTest.MIXTURE, 4, 20, """
                    [{"id": "test.bounds-reference"}, {"id": "normalized-margins"}, {"id": "bounds"},
                     {"id": "pac-bayes-bound", "settings": {"samples": 2, "searchSteps": 6}}]"""));
            CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
            assertEquals(0, run.exitCode(), run::toString);
            Path folder = CommandLineRun.runFolders(workspace).get(0);
            JsonNode ref = RunRecords.analysis(folder, 0, "test.bounds-reference", 20).get("scalars");
            JsonNode normalized = RunRecords.analysis(folder, 1, "normalized-margins", 20).get("scalars");
            JsonNode bounds = RunRecords.analysis(folder, 2, "bounds", 20).get("scalars");
            JsonNode pac = RunRecords.analysis(folder, 3, "pac-bayes-bound", 20).get("scalars");
            List<EpochMetrics> metrics = RunRecords.metrics(folder);
            EpochMetrics last = metrics.get(metrics.size() - 1);
            reporter.publishEntry("normalized " + normalized + "\nbounds " + bounds + "\npac " + pac + "\nref " + ref);

            double complexity = ref.get("complexity").asDouble();
            assertEquals(complexity, normalized.get("spectralComplexity").asDouble(), 1e-6 * complexity);
            assertEquals(complexity, bounds.get("spectral.complexity").asDouble(), 1e-6 * complexity);
            double scale = complexity * ref.get("inputNorm").asDouble() / 300;
            assertEquals(ref.get("minMargin").asDouble() / scale, normalized.get("train.spectral.min").asDouble(),
                    1e-6 * Math.abs(ref.get("minMargin").asDouble() / scale));

            assertEquals(last.trainError(), bounds.get("trainError").asDouble(), 1e-12, "the run's own train error");
            assertEquals(last.testError(), bounds.get("testError").asDouble(), 1e-12);
            assertEquals(20 * 32 + 32 + 32 * 32 + 32 + 32 * 3 + 3, bounds.get("vc.dimension").asInt());
            assertEquals(1, bounds.get("vc.vacuous").asInt(), "p = 1763 > m = 300");
            assertEquals(150, bounds.get("validation.m").asInt(), "half of the 300 test examples");
            double validationError = bounds.get("validation.error").asDouble();
            assertEquals(validationError + Math.sqrt(Math.log(1 / 0.05) / 300), bounds.get("validation.bound")
                    .asDouble(), 1e-12);
            double heldOut = bounds.get("validation.heldOutError").asDouble();
            assertEquals(last.testError(), (validationError + heldOut) / 2, 1e-12, "the two halves make the test set");
            assertTrue(bounds.get("spectral.gamma").asDouble() > 0, "fitted: the 5% margin quantile is positive");
            assertTrue(bounds.get("spectral.bound").asDouble() > bounds.get("spectral.marginLoss").asDouble());
            assertTrue(bounds.get("spectral.marginLoss").asDouble() >= 0.05, "R_gamma counts margins <= gamma");

            double sigma = pac.get("sigma").asDouble();
            assertTrue(sigma >= 1e-5 && sigma <= 10, pac::toString);
            assertTrue(pac.get("perturbedTrainError").asDouble() - last.trainError() <= 0.1 + 1e-12,
                    "the flatness sigma keeps the train error within the tolerance");
            double kl = ref.get("squaredDistance").asDouble() / (2 * sigma * sigma);
            assertEquals(kl, pac.get("kl").asDouble(), 1e-6 * kl);
            assertEquals(6 * Math.log(2) + Math.log(1 + Math.pow(2, -6)), pac.get("searchCost").asDouble(), 1e-9);
        } finally {
            registration.unregister();
        }
    }
}
