package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.analysis.AnalysisProvider;
import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;

/**
 * The Hessian spectrum of a real run against the closed-form Hessian of softmax regression, and
 * the curvature analyses scheduled in a real run through the command line, and re-run on its
 * checkpoint: they record their measures, restore the weights (training goes on unchanged), and
 * the reparameterization audit finds the function unchanged while the top eigenvalue is not.
 */
class CurvatureAnalysesTest {

    static final String SPECTRUM = "{\"id\": \"hessian-spectrum\", \"every\": 1, \"atInit\": true, \"settings\": "
            + "{\"topK\": 2, \"maxIterations\": 40, \"traceProbes\": 6, \"densitySteps\": 10, \"atInitialization\": true}}";
    static final String SHARPNESS = "{\"id\": \"sharpness\", \"settings\": {\"ascentSteps\": 5, \"samples\": 3, "
            + "\"bisections\": 8}}";
    static final String AUDIT = "{\"id\": \"reparameterization-audit\", \"settings\": {\"sampleSize\": 200, "
            + "\"traceProbes\": 4, \"ascentSteps\": 3, \"maxIterations\": 30}}";

    @TempDir
    Path workspace;

    /**
     * A linear model (p = 3 * 20 + 3 = 63) trained on the mixture, with its spectrum measured at
     * initialization and after each epoch beside {@link SoftmaxRegressionHessian}'s dense reference on
     * the same weights. Lanczos with 63 steps spans the whole space, so its top eigenvalues are the
     * dense ones up to float32 products (1e-4 relative); Hutch++ with 3 * 63 products projects onto
     * a basis of the whole space and is exact up to rounding; Hutchinson's mean of m Rademacher
     * probes has the variance 2 (||H||_F^2 - sum H_ii^2) / m computed from the dense H, and is
     * asserted within 5 of its standard deviations (a failure chance below 1e-6 under normality).
     */
    @Test
    void theSpectrumOfSoftmaxRegressionIsTheDenseHessiansSpectrum() throws Exception {
        ServiceRegistration<AnalysisProvider> registration = TestAnalyses.register("test.hessian-reference",
                SoftmaxRegressionHessian::reference);
        try {
            Path file = workspace.resolve("linear.json");
            String spectrum = "{\"id\": \"hessian-spectrum\", \"every\": 1, \"atInit\": true, \"settings\": "
                    + "{\"topK\": 3, \"maxIterations\": 63, \"tolerance\": 1e-6, \"trace\": \"both\", "
                    + "\"traceProbes\": 189, \"densitySteps\": 10}}";
            String reference = "{\"id\": \"test.hessian-reference\", \"every\": 1, \"atInit\": true}";
            Files.writeString(file, String.format(RunBehaviourTest.MIXTURE, 5, 2, "[" + spectrum + ", " + reference + "]")
                    .replace("\"hidden\": [32, 32]", "\"hidden\": []"));
            CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
            assertEquals(0, run.exitCode(), run::toString);
            Path folder = CommandLineRun.runFolders(workspace).get(0);
            for (int epoch = 0; epoch <= 2; epoch++) {
                JsonNode measured = RunRecords.analysis(folder, 0, "hessian-spectrum", epoch);
                JsonNode dense = RunRecords.analysis(folder, 1, "test.hessian-reference", epoch);
                JsonNode scalars = measured.get("scalars");
                assertEquals(63, scalars.get("parameters").asInt(), scalars::toString);
                JsonNode eigenvalues = measured.get("series").get("eigenvalues");
                JsonNode expected = dense.get("series").get("eigenvalues");
                double top = expected.get(0).asDouble();
                for (int i = 0; i < 3; i++) {
                    assertEquals(expected.get(i).asDouble(), eigenvalues.get(i).asDouble(), 1e-4 * top,
                            "epoch " + epoch + " eigenvalue " + i);
                }
                double trace = dense.get("scalars").get("trace").asDouble();
                assertEquals(trace, scalars.get("trace.hutchpp").asDouble(), 1e-4 * trace, "Hutch++ is exact here");
                double sd = Math.sqrt(dense.get("scalars").get("hutchinson.variancePerProbe").asDouble() / 189);
                assertEquals(trace, scalars.get("trace").asDouble(), 5 * sd, "Hutchinson within 5 sd");
                // Ritz values lie inside the spectrum (Cauchy interlacing).
                assertTrue(scalars.get("density.max").asDouble() <= top * (1 + 1e-4), scalars::toString);
                assertTrue(scalars.get("density.min").asDouble() >= expected.get(62).asDouble() - 1e-4 * top,
                        scalars::toString);
            }
        } finally {
            registration.unregister();
        }
    }

    @Test
    void spectrumSharpnessAndAuditRunDuringTrainingAndOnTheCheckpoint() throws Exception {
        Path file = workspace.resolve("curvature.json");
        Files.writeString(file, String.format(RunBehaviourTest.MIXTURE, 5, 2,
                "[" + SPECTRUM + ", " + SHARPNESS + ", " + AUDIT + "]"));
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(0, run.exitCode(), run::toString);
        Path folder = CommandLineRun.runFolders(workspace).get(0);

        for (int epoch = 0; epoch <= 2; epoch++) {
            JsonNode spectrum = RunRecords.analysis(folder, 0, "hessian-spectrum", epoch).get("scalars");
            assertTrue(spectrum.has("topEigenvalue"), () -> "epoch with no spectrum: " + spectrum);
        }
        JsonNode result = RunRecords.analysis(folder, 0, "hessian-spectrum", 2);
        JsonNode scalars = result.get("scalars");
        JsonNode eigenvalues = result.get("series").get("eigenvalues");
        assertEquals(2, eigenvalues.size());
        assertTrue(eigenvalues.get(0).asDouble() >= eigenvalues.get(1).asDouble(), eigenvalues::toString);
        assertEquals(scalars.get("topEigenvalue").asDouble(), eigenvalues.get(0).asDouble(), 0);
        assertTrue(scalars.get("trace").asDouble() > 0, scalars::toString);
        // The density's nodes are Ritz values: none above the top eigenvalue (Cauchy interlacing).
        assertTrue(scalars.get("density.max").asDouble() <= eigenvalues.get(0).asDouble() * (1 + 1e-2),
                scalars::toString);
        assertTrue(scalars.has("init.topEigenvalue") && scalars.has("init.trace"), scalars::toString);
        assertEquals(RunRecords.analysis(folder, 0, "hessian-spectrum", 0).get("scalars").get("topEigenvalue")
                .asDouble(), scalars.get("init.topEigenvalue").asDouble(),
                1e-3 * Math.abs(scalars.get("init.topEigenvalue").asDouble()),
                "curvature at initialization = the spectrum of epoch 0");

        JsonNode sharpness = RunRecords.analysis(folder, 1, "sharpness", 2).get("scalars");
        assertTrue(sharpness.get("epsSharpness").asDouble() > 0, sharpness::toString);
        assertTrue(sharpness.get("pacBayes.sigma").asDouble() > 0, sharpness::toString);

        JsonNode audit = RunRecords.analysis(folder, 2, "reparameterization-audit", 2).get("scalars");
        assertEquals(1, audit.get("functionUnchanged").asInt(), audit::toString);
        assertTrue(audit.get("topEigenvalue.ratio").asDouble() > 2, audit::toString);
        assertTrue(Math.abs(audit.get("weightNorm.ratio").asDouble() - 1) > 0.1, audit::toString);

        // The same analysis on the saved checkpoint: same weights, data and seed, same spectrum.
        CommandLineRun analyze = CommandLineRun.carnot("analyze", folder.toString(), "--analysis", "hessian-spectrum",
                "--settings", "{\"topK\": 2, \"maxIterations\": 40, \"traceProbes\": 6, \"densitySteps\": 10, "
                        + "\"warmStart\": false}");
        assertEquals(0, analyze.exitCode(), analyze::toString);
        JsonNode again = RunRecords.analysis(folder, 3, "hessian-spectrum", 2).get("scalars");
        assertEquals(scalars.get("topEigenvalue").asDouble(), again.get("topEigenvalue").asDouble(),
                1e-3 * scalars.get("topEigenvalue").asDouble());
    }
}
