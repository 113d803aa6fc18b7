package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.EpochMetrics;
import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved experiment P16 on real Fashion-MNIST, with the outcomes Goodfellow et al. and Li et al. report. */
class P16LandscapeTest {

    @TempDir
    Path workspace;

    @Test
    void theLineFromInitializationFallsWithoutABarrierAndThePlaneIsABasinAroundTheTrainedWeights() throws Exception {
        CommandLineRun run = CommandLineRun.carnot("run", SavedStudiesTest.experiment("p16-landscape.json").toString(),
                "--workspace", workspace.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run::toString);
        Path folder = CommandLineRun.runFolders(workspace).get(0);
        List<EpochMetrics> metrics = RunRecords.metrics(folder);
        EpochMetrics last = metrics.get(metrics.size() - 1);

        JsonNode line = RunRecords.analysis(folder, 0, "interpolation", last.epoch());
        JsonNode alpha = line.get("series").get("alpha");
        JsonNode loss = line.get("series").get("train.loss");
        int zero = 5;
        int one = 15;
        assertEquals(0.0, alpha.get(zero).asDouble(), 0);
        assertEquals(1.0, alpha.get(one).asDouble(), 0);
        assertEquals(last.trainLoss(), loss.get(one).asDouble(), 1e-6 * last.trainLoss());
        double drop = loss.get(zero).asDouble() - loss.get(one).asDouble();
        assertTrue(drop > 1, "training lowered the loss along the line: " + loss);
        double barrier = line.get("scalars").get("train.barrier").asDouble();
        assertTrue(barrier < 0.02 * drop, "no barrier between initialization and solution: " + barrier + ", " + loss);
        assertTrue(loss.get(20).asDouble() > loss.get(one).asDouble(), "beyond the solution the loss rises again");

        JsonNode plane = RunRecords.analysis(folder, 1, "plane", last.epoch());
        JsonNode surface = plane.get("series").get("train.loss");
        int lowest = 0;
        for (int i = 1; i < surface.size(); i++) {
            lowest = surface.get(i).asDouble() < surface.get(lowest).asDouble() ? i : lowest;
        }
        // SGD stops near, not exactly at, a minimum: the lowest grid point is the centre (5, 5) or next to it.
        assertTrue(Math.abs(lowest / 11 - 5) <= 1 && Math.abs(lowest % 11 - 5) <= 1, "lowest point " + lowest / 11
                + ", " + lowest % 11 + " of " + surface);
        double origin = plane.get("scalars").get("train.loss.origin").asDouble();
        assertEquals(origin, surface.get(5 * 11 + 5).asDouble(), 1e-12);
        assertTrue(plane.get("scalars").get("train.loss.max").asDouble() > 2 * origin, "a basin: " + surface);
        for (int corner : new int[] {0, 10, 110, 120}) {
            assertTrue(surface.get(corner).asDouble() > 1.5 * origin, "the corners are high: " + surface);
        }
    }
}
