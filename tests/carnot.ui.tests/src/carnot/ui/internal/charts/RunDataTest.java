package carnot.ui.internal.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.ui.internal.explorer.WorkspaceFixture;
import carnot.workspace.internal.FolderLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How recorded analysis files become curves, series, histograms and grids (no display needed). */
class RunDataTest {

    @TempDir
    Path workspace;

    private static void write(Path file, String text) throws Exception {
        WorkspaceFixture.write(file, text);
    }

    @Test
    void abscissaeGridsAndRepeatedAnalysesByTheirRecordedNames() throws Exception {
        Path run = WorkspaceFixture.writeRun(workspace, "e", "r", "completed", 3);
        // Hessian slices as carnot.analysis.landscape records them: t, one line per eigenvector.
        write(run.resolve("analyses/0-slices/epoch-0003.json"), """
                {"scalars": {"u1.eigenvalue": 5.0},
                 "series": {"eigenvalues": [5.0, 2.0], "t": [-1, 0, 1], "train.loss.u1": [3, 1, 3]}}
                """);
        // The row/column convention, with its shape scalars.
        write(run.resolve("analyses/1-custom/epoch-0003.json"), """
                {"scalars": {"surface.rows": 2, "surface.cols": 3, "kept": 1},
                 "series": {"surface": [1, 2, 3, 4, 5, 6], "surface.y": [10, 20]}}
                """);
        // The Hessian spectrum as carnot.analysis.curvature records it: a density on its grid.
        write(run.resolve("analyses/3-hessian/epoch-0003.json"), """
                {"scalars": {}, "series": {"eigenvalues": [9, 4], "density.grid": [0, 1, 2],
                 "density.values": [0.1, 0.5, 0.2]}}
                """);
        // A re-analysis of slices, and a series against "x" alone.
        write(run.resolve("analyses/2-slices/epoch-0003.json"), """
                {"scalars": {"u1.eigenvalue": 5.5}, "series": {"x": [0, 2], "f": [7, 8]}}
                """);

        RunData data = new RunData(run).read();

        assertEquals(List.of("trainLoss", "trainError", "testLoss", "testError", "learningRate", "seconds",
                "generalizationGap", "slices.u1.eigenvalue", "custom.kept", "slices#2.u1.eigenvalue"),
                List.copyOf(data.curves().keySet()));
        RunData.Series line = data.series().get("slices.train.loss.u1").last();
        assertArrayEquals(new double[] {-1, 0, 1}, line.x(), "against t");
        assertEquals("t", line.xName());
        assertNull(data.series().get("slices.eigenvalues").last().x(), "another length: against the index");
        assertArrayEquals(new double[] {0, 2}, data.series().get("slices#2.f").last().x(), "against x alone");
        assertEquals("x", data.series().get("slices#2.f").last().xName());

        assertArrayEquals(new double[] {0, 1, 2}, data.series().get("hessian.density.values").last().x(),
                "against its sibling grid");
        assertEquals("density.grid", data.series().get("hessian.density.values").last().xName());
        assertEquals("density.grid", RunCharts.series("hessian.density.values", 3,
                data.series().get("hessian.density.values").last(), false).xTitle(), "the recorded abscissa titles the axis");
        assertEquals("density.values", RunCharts.series("hessian.density.values", 3,
                data.series().get("hessian.density.values").last(), false).yTitle());
        assertEquals(List.of("slices.eigenvalues", "slices.train.loss.u1", "slices#2.f", "hessian.eigenvalues",
                "hessian.density.values"), List.copyOf(data.series().keySet()), "axes are not listed as series");

        RunData.Grid grid = data.grids().get("custom.surface").last();
        assertEquals(2, grid.rows());
        assertEquals(3, grid.cols());
        assertEquals(6.0, grid.at(1, 2), "row-major");
        assertArrayEquals(new double[] {10, 20}, grid.y());
        assertArrayEquals(new double[] {0, 1, 2}, grid.x(), "no S.x: the column index");
        assertTrue(data.problems().isEmpty(), data.problems().toString());
    }

    @Test
    void earlyStoppingsValidationSplitIsDrawnWithTheLearningCurves() throws Exception {
        Path run = WorkspaceFixture.writeRun(workspace, "e", "r", "completed", 2);
        // As RunRecorder writes validation.jsonl for the early-stopping regularizer.
        write(run.resolve("validation.jsonl"), """
                {"epoch":0,"size":200,"loss":2.39,"error":0.92}
                {"epoch":1,"size":200,"loss":0.86,"error":0.29}
                {"epoch":2,"size":200,"loss":0.73,"error":0.28}
                """);
        RunData data = new RunData(run).read();
        assertArrayEquals(new double[] {0, 1, 2}, data.curves().get(RunData.VALIDATION_LOSS).epochs());
        assertArrayEquals(new double[] {2.39, 0.86, 0.73}, data.curves().get(RunData.VALIDATION_LOSS).values());
        assertArrayEquals(new double[] {0.92, 0.29, 0.28}, data.curves().get(RunData.VALIDATION_ERROR).values());
        List<String> lossLines = RunCharts.curves("Loss", "loss", data.curves(), RunCharts.LOSSES, false).series()
                .stream().map(ChartSpec.Line::name).toList();
        assertEquals(List.of("trainLoss", "testLoss", "validationLoss"), lossLines);
        assertTrue(data.problems().isEmpty(), data.problems().toString());
    }

    /**
     * Read through the run service's reader, with liveness: a run whose status says running is
     * live only while a process holds its folder's lock; once the holder is gone (kill -9 leaves
     * exactly this) it reads as interrupted and is no longer followed. Reading again adds what was
     * recorded since and names a result file that cannot be read.
     */
    @Test
    void readingAgainSeesWhatWasAddedWithLivenessAndNamesWhatCannotBeRead() throws Exception {
        Path run = WorkspaceFixture.writeRun(workspace, "e", "r", "running", 1);
        write(run.resolve("analyses/0-a/epoch-0001.json"), "{\"scalars\": {\"v\": 1}}");
        RunData data = new RunData(run);
        try (FolderLock lock = FolderLock.acquire(run, "a training process")) {
            data.read();
            assertTrue(data.live());
            assertEquals("running", data.status());
            assertArrayEquals(new double[] {1}, data.curves().get("a.v").values());

            write(run.resolve("analyses/0-a/epoch-0002.json"), "{\"scalars\": {\"v\": 2.5}}");
            write(run.resolve("analyses/0-a/epoch-0003.json"), "{\"scalars\": {\"v\": ");
            data.read();
            assertEquals(1, data.problems().size(), data.problems().toString());
            assertTrue(data.problems().get(0).contains("epoch-0003.json"), data.problems().toString());
            assertArrayEquals(new double[] {1, 2.5}, data.curves().get("a.v").values());
        }
        data.read();
        assertEquals("interrupted", data.status(), "the status says running, but nobody holds the lock");
        assertFalse(data.live());
        assertTrue(data.message().startsWith("the process stopped without recording its end"), data.message());

        Files.writeString(run.resolve("status.json"), "{\"status\": \"completed\"}");
        data.read();
        assertEquals("completed", data.status());
    }
}
