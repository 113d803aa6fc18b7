package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generalization-analysis phenomena of SCIENCE.md at CI size ({@code experiments/ci/}: P4
 * margins, P5 implicit bias, P6 minimum-norm interpolation, P8 stability, P12 perceptron, P14
 * validation bound), run through the real command line, each asserting the outcome its paper or
 * theorem predicts. The full-size versions are the files of the same name in {@code experiments/}.
 */
class SavedAnalysesExperimentsTest {

    @TempDir
    Path workspace;

    /**
     * P4, Bartlett, Foster and Telgarsky (2017, Figures 1 and 2): the same bias-free MLP fit to zero
     * training error on true and on random labels. The random-label fit needs a larger spectral
     * complexity R_A, and its training margins divided by R_A ||X||_2 / n are smaller than the
     * true-label fit's; the raw margins are not compared (they need not order the two). The run's
     * report charts the margin histograms.
     */
    @Test
    void p4RandomLabelsHaveSmallerNormalizedMargins(TestReporter reporter) throws Exception {
        Path trueRun = SavedExperiments.run("ci/p4-margins-true.json",
                Files.createDirectories(workspace.resolve("true")));
        Path randomRun = SavedExperiments.run("ci/p4-margins-random.json",
                Files.createDirectories(workspace.resolve("random")));
        JsonNode[] raw = new JsonNode[2];
        JsonNode[] normalized = new JsonNode[2];
        JsonNode[] bounds = new JsonNode[2];
        Path[] runs = {trueRun, randomRun};
        for (int i = 0; i < 2; i++) {
            raw[i] = SavedExperiments.lastScalars(runs[i], 0, "margins");
            normalized[i] = SavedExperiments.lastScalars(runs[i], 1, "normalized-margins");
            bounds[i] = SavedExperiments.lastScalars(runs[i], 2, "bounds");
            reporter.publishEntry(String.format("p4 %s: raw median %.4f, R_A %.4g, normalized median %.4g q05 %.4g, test error %.3f, "
                    + "spectral bound %.4g", i == 0 ? "true" : "random", raw[i].get("train.median").asDouble(),
                    normalized[i].get("spectralComplexity").asDouble(),
                    normalized[i].get("train.spectral.median").asDouble(),
                    normalized[i].get("train.spectral.q05").asDouble(), bounds[i].get("testError").asDouble(),
                    bounds[i].get("spectral.bound").asDouble()));
            assertEquals(0, bounds[i].get("trainError").asDouble(), 0, "both fit their training labels exactly");
            assertEquals(1, bounds[i].get("spectral.applies").asInt(), "bias-free ReLU MLP: the theorem's form");
        }
        assertTrue(bounds[1].get("testError").asDouble() > 0.8, "random labels: test error at chance");
        assertTrue(normalized[1].get("spectralComplexity").asDouble() > normalized[0].get("spectralComplexity")
                .asDouble(), "fitting random labels takes a larger spectral complexity");
        assertTrue(normalized[1].get("train.spectral.median").asDouble() < normalized[0].get("train.spectral.median")
                .asDouble(), "normalized margins: random below true");
        assertTrue(normalized[1].get("train.spectral.q05").asDouble() < normalized[0].get("train.spectral.q05")
                .asDouble(), "and in the lower tail the bound uses");
        assertTrue(bounds[1].get("spectral.bound").asDouble() > bounds[0].get("spectral.bound").asDouble(),
                "the spectral bound is larger for random labels");
        // The report charts the histograms an analysis recorded at its last epoch.
        CommandLineRun report = CommandLineRun.carnot("report", randomRun.toString(), "--output",
                workspace.resolve("report").toString());
        assertEquals(0, report.exitCode(), report::toString);
        assertTrue(Files.isRegularFile(workspace.resolve(
                "report/figures/1-normalized-margins-train.spectral.histogram.png")), report::toString);
        assertTrue(Files.readString(workspace.resolve("report/report.html")).contains("train.spectral.histogram"));
    }

    /**
     * P5, Soudry et al. (2018): gradient descent on the logistic loss from zero on separable data.
     * At every record the angle to the hard-margin SVM direction falls and the normalized margin
     * rises, staying below the SVM's (their ratio below 1).
     */
    @Test
    void p5GradientDescentTurnsTowardsTheSvmDirection(TestReporter reporter) throws Exception {
        Path folder = SavedExperiments.run("ci/p5-implicit-bias.json", workspace);
        assertEquals(0, SavedExperiments.scalars(folder, 0, "implicit-bias", 0).get("norm").asDouble(), 0, "from 0");
        double previousAngle = Math.PI;
        double previousRatio = 0;
        for (int epoch = 40; epoch <= 200; epoch += 40) {
            JsonNode s = SavedExperiments.scalars(folder, 0, "implicit-bias", epoch);
            double angle = s.get("angle").asDouble();
            double ratio = s.get("marginRatio").asDouble();
            reporter.publishEntry(String.format("p5 epoch %d angle %.5f margin ratio %.5f", epoch, angle, ratio));
            assertTrue(angle < previousAngle, "the angle falls at epoch " + epoch + ": " + s);
            assertTrue(ratio > previousRatio && ratio < 1, "the normalized margin rises towards the SVM's: " + s);
            previousAngle = angle;
            previousRatio = ratio;
        }
    }

    /** P6: SGD from zero on under-determined least squares reaches the pseudoinverse solution to 1e-4. */
    @Test
    void p6SgdFromZeroReachesThePseudoinverseSolution(TestReporter reporter) throws Exception {
        Path folder = SavedExperiments.run("ci/p6-min-norm.json", workspace);
        JsonNode last = SavedExperiments.scalars(folder, 0, "min-norm", 100);
        reporter.publishEntry("p6 " + last);
        assertTrue(last.get("relativeDistance").asDouble() <= 1e-4, "reaches X^+ T to 1e-4: " + last);
        assertTrue(last.get("outsideRowSpace").asDouble() < 1e-5, "from zero, SGD never leaves the row space");
        assertTrue(SavedExperiments.scalars(folder, 0, "min-norm", 25).get("relativeDistance").asDouble()
                > last.get("relativeDistance").asDouble(), "and gets there by converging");
    }

    /** P12, Novikoff (1962): the perceptron converges with at most (R / gamma)^2 mistakes. */
    @Test
    void p12PerceptronMistakesStayWithinTheBound(TestReporter reporter) throws Exception {
        JsonNode s = SavedExperiments.scalars(SavedExperiments.run("ci/p12-perceptron.json", workspace), 0,
                "perceptron", 1);
        reporter.publishEntry("p12 " + s);
        assertEquals(1, s.get("converged").asInt());
        assertTrue(s.get("mistakes").asDouble() >= 1);
        assertTrue(s.get("mistakes").asDouble() <= s.get("bound").asDouble(), s::toString);
    }

    /**
     * P14, Kawaguchi, Kaelbling and Bengio (2017): with |F_val| = 1 and m = 500 validation images the
     * bound validation error + sqrt(ln(1/delta) / 2m) holds for the expected error with probability
     * at least 1 - delta = 0.95 over the draw of the validation set; the other 500 test images
     * estimate that error, and the (fixed-seed) run lies in the 95% event. The VC bound is vacuous
     * (p > m) and the spectral margin bound exceeds 1 on the same network.
     */
    @Test
    void p14TheValidationBoundHoldsAndIsInformative(TestReporter reporter) throws Exception {
        JsonNode s = SavedExperiments.lastScalars(SavedExperiments.run("ci/p14-validation-bound.json", workspace), 0,
                "bounds");
        reporter.publishEntry("p14 " + s);
        assertEquals(500, s.get("validation.m").asInt());
        double bound = s.get("validation.bound").asDouble();
        assertEquals(s.get("validation.error").asDouble() + Math.sqrt(Math.log(1 / 0.05) / 1000), bound, 1e-12);
        assertTrue(Double.isFinite(bound) && bound < 0.5, "finite and informative: " + bound);
        assertTrue(bound >= s.get("validation.heldOutError").asDouble(), "above the error on the other half");
        assertEquals(1, s.get("vc.vacuous").asInt(), "p = 50,890 parameters > m = 1,000");
        assertTrue(s.get("spectral.bound").asDouble() > 1, s::toString);
    }

    /**
     * P8, Hardt, Recht and Singer (2016) where their theory applies: softmax regression (convex) by
     * full-batch GD for T = 50 steps, lr = 0.005 <= 2 / beta. With pixels in [0, 1], ||(x, 1)||^2 <=
     * 785, so L = sqrt(2 * 785) bounds the Lipschitz constant and beta = 785 / 2 the smoothness of
     * every example's loss. Theorem 3.8 (GD: the replaced example enters each step with weight 1/n):
     * every pair's parameter distance is at most 2 L T lr / n and its loss change at most L times
     * the distance. Quadrupling n shrinks the distance, the loss change on the replaced example
     * (the on-average stability, Theorem 2.2) and the measured generalization gap.
     */
    @Test
    void p8ConvexModelIsStableAsTheTheoryPredicts(TestReporter reporter) throws Exception {
        Path file = SavedExperiments.file("ci/p8-stability.json");
        CommandLineRun run = CommandLineRun.carnot("stability", file.toString(), "--workspace", workspace.toString(),
                "--sizes", "50,200", "--pairs", "2");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode study;
        try (Stream<Path> files = Files.walk(workspace.resolve("studies"))) {
            study = new ObjectMapper().readTree(files.filter(p -> p.getFileName().toString().equals("stability.json"))
                    .findFirst().orElseThrow().toFile());
        }
        reporter.publishEntry("p8 " + study.get("summaries"));
        double lipschitz = Math.sqrt(2 * 785.0);
        double lr = 0.005;
        assertTrue(lr <= 2 / (785.0 / 2), "the theorem's step-size condition");
        for (JsonNode pair : study.get("pairs")) {
            int n = pair.get("n").asInt();
            double distance = pair.get("distance").asDouble();
            assertEquals(50, pair.get("steps").asLong(), "full batch: one step per epoch");
            assertTrue(distance > 0 && distance <= 2 * lipschitz * 50 * lr / n, pair::toString);
            assertTrue(Math.abs(pair.get("lossChange").asDouble()) <= lipschitz * distance * (1 + 1e-4) + 1e-6,
                    pair::toString);
        }
        JsonNode small = study.get("summaries").get(0);
        JsonNode large = study.get("summaries").get(1);
        assertEquals(50, small.get("n").asInt());
        assertTrue(large.get("distance").asDouble() < 0.5 * small.get("distance").asDouble(), "distance ~ 1/n");
        assertTrue(large.get("absLossChange").asDouble() < small.get("absLossChange").asDouble(), "loss change");
        assertTrue(large.get("lossGap").asDouble() < small.get("lossGap").asDouble(), "the gap shrinks with n");
        List<Path> folders = CommandLineRun.runFolders(workspace);
        assertEquals(8, folders.size(), "2 sizes x 2 pairs x 2 runs");
        for (Path folder : folders) {
            assertTrue(RunRecords.status(folder).completed(), folder::toString);
            // Smith & Le's noise scale lr N / (B (1 - m)) is lr for gradient descent (B = N, m = 0).
            JsonNode status = new ObjectMapper().readTree(folder.resolve("status.json").toFile());
            assertEquals(lr, status.get("sgdNoiseScale").asDouble(), 1e-12, folder::toString);
        }
    }
}
