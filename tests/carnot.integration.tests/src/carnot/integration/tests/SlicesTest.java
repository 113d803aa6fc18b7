package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slices along the top Hessian eigenvectors: on the linear model with the square loss the loss is an
 * exact quadratic, so along a unit eigenvector u with eigenvalue lambda
 * L(t) + L(-t) - 2 L(0) = lambda t^2 at every t, computed here from the recorded slice and compared
 * with the eigenvalue the curvature service found by Lanczos.
 */
class SlicesTest {

    @TempDir
    Path workspace;

    @Test
    void onAQuadraticLossEverySliceIsTheEigenvalueParabola() throws Exception {
        Path file = workspace.resolve("slices.json");
        Files.writeString(file, String.format(LandscapeTest.LINEAR_SQUARE, 6, """
                [{"id": "slices", "every": 0, "settings": {"directions": 3, "points": 9, "range": 0.8}},
                 {"id": "slices", "every": 0, "settings": {"mode": "2d", "points": 5, "range": 0.5}}]"""));
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(0, run.exitCode(), run::toString);
        Path folder = CommandLineRun.runFolders(workspace).get(0);
        JsonNode result = RunRecords.analysis(folder, 0, "slices", 3);
        JsonNode series = result.get("series");
        JsonNode t = series.get("t");
        int c = t.size() / 2;
        double[] eigenvalues = new double[3];
        for (int d = 0; d < 3; d++) {
            eigenvalues[d] = series.get("eigenvalues").get(d).asDouble();
            JsonNode loss = series.get("train.loss.u" + (d + 1));
            double origin = loss.get(c).asDouble();
            for (int i = 1; i <= c; i++) {
                double step = t.get(c + i).asDouble();
                double symmetric = loss.get(c + i).asDouble() + loss.get(c - i).asDouble() - 2 * origin;
                assertEquals(eigenvalues[d] * step * step, symmetric, 1e-3 * eigenvalues[d] * step * step + 1e-5,
                        "u" + (d + 1) + " at t = " + step);
            }
            assertEquals(eigenvalues[d], result.get("scalars").get("u" + (d + 1) + ".secondDifference").asDouble(),
                    1e-2 * eigenvalues[d]);
        }
        assertTrue(eigenvalues[0] >= eigenvalues[1] && eigenvalues[1] >= eigenvalues[2] && eigenvalues[2] > 0,
                java.util.Arrays.toString(eigenvalues));
        double trained = RunRecords.metrics(folder).get(3).trainLoss();
        assertEquals(trained, series.get("train.loss.u1").get(c).asDouble(), 1e-6 * trained, "t = 0: the trained weights");

        JsonNode plane = RunRecords.analysis(folder, 1, "slices", 3).get("series");
        JsonNode surface = plane.get("train.loss");
        double step = plane.get("x").get(3).asDouble();
        // L(a, b) = L0 + g1 a + g2 b + (lambda_1 a^2 + lambda_2 b^2) / 2 with no cross term: the four
        // corners at (+-h, +-h) sum to 4 L0 + 2 (lambda_1 + lambda_2) h^2.
        double corners = surface.get(1 * 5 + 1).asDouble() + surface.get(1 * 5 + 3).asDouble()
                + surface.get(3 * 5 + 1).asDouble() + surface.get(3 * 5 + 3).asDouble();
        double centre = surface.get(2 * 5 + 2).asDouble();
        double expected = 2 * (plane.get("eigenvalues").get(0).asDouble() + plane.get("eigenvalues").get(1).asDouble())
                * step * step;
        assertEquals(expected, corners - 4 * centre, 1e-3 * expected + 1e-5);
    }
}
