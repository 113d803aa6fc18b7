package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.analysis.landscape.TrajectoryPlane;
import carnot.api.analysis.AnalysisResult;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.CheckpointAnalyzer;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.PreparedRun;
import carnot.report.internal.TrajectoryFigures;
import carnot.workspace.AnalysisResults;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optimization trajectories (Li et al. 2018, Section 7) in a real run that keeps its weights every
 * epoch: the kept checkpoints, the disk estimate, and the trajectory analysis against EJML's SVD of
 * the stacked checkpoints read back from the run folder.
 */
class TrajectoryTest {

    static final String RUN = """
            {
              "name": "trajectory",
              "seed": 3,
              "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 20, "trainSize": 300,
                          "testSize": 300, "separation": 3.0}},
              "model": {"id": "mlp", "settings": {"hidden": [16]}},
              "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
              "loss": "cross-entropy",
              "training": {"epochs": 6, "batchSize": 32, "checkpointEvery": %d},
              "analyses": [{"id": "trajectory", "every": 0, "settings": {"points": 7}}]
            }
            """;

    @TempDir
    Path workspace;

    @Test
    void thePathOnItsPcaPlaneMatchesTheSvdOfTheSavedCheckpoints() throws Exception {
        Path file = workspace.resolve("trajectory.json");
        Files.writeString(file, String.format(RUN, 1));
        CommandLineRun validate = CommandLineRun.carnot("validate", file.toString());
        assertEquals(0, validate.exitCode(), validate::toString);
        assertTrue(validate.out().contains("checkpoints every 1 epoch and at epoch 0: at most 7 files of"),
                validate::toString);
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString(), "-q");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("checkpoints every 1 epoch"), run::toString);
        Path folder = CommandLineRun.runFolders(workspace).get(0);
        TreeMap<Integer, Path> checkpoints = RunRecords.checkpoints(folder);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), List.copyOf(checkpoints.keySet()));
        ExperimentSpec spec = ExperimentFiles.read(folder.resolve(RunRecorder.SPEC));
        try (PreparedRun prepared = Osgi.service(ExperimentRunner.class).prepare(spec, ProgressMonitor.NONE)) {
            assertEquals(Files.size(checkpoints.get(0)), prepared.checkpointEstimate().bytesEach(),
                    "the estimate is the size of a checkpoint file");
            assertEquals(7, prepared.checkpointEstimate().files());
        }

        TrajectoryPlane plane = TrajectoryPlane.from(AnalysisResults.read(folder, 0, TrajectoryPlane.ID, 6));
        int k = plane.epochs().length;
        assertEquals(7, k);
        assertEquals(0, plane.pathX()[k - 1], 0, "the final weights are the origin");
        assertEquals(0, plane.pathY()[k - 1], 0);
        List<EpochMetrics> metrics = RunRecords.metrics(folder);
        assertEquals(metrics.get(0).trainLoss(), plane.pathLoss()[0], 1e-5, "the loss at epoch 0's checkpoint");
        assertEquals(metrics.get(6).trainLoss(), plane.pathLoss()[k - 1], 1e-5, "the loss at the final weights");

        // The checkpoints read back as flat parameter vectors, their offsets stacked and centered, EJML's SVD.
        CheckpointAnalyzer analyzer = Osgi.service(CheckpointAnalyzer.class);
        double[][] theta = new double[k][];
        for (Map.Entry<Integer, Path> c : checkpoints.entrySet()) {
            AnalysisResult outputs = analyzer.analyze(spec, c.getKey(), Files.readAllBytes(c.getValue()),
                    new ComponentSpec("outputs", Map.of("split", "train", "exampleIndices", List.of(0), "parameters", true)),
                    ProgressMonitor.NONE);
            theta[c.getKey()] = outputs.series().get("parameters");
        }
        int p = theta[0].length;
        DMatrixRMaj offsets = new DMatrixRMaj(k, p);
        DMatrixRMaj centered = new DMatrixRMaj(k, p);
        for (int i = 0; i < p; i++) {
            double mean = 0;
            for (int t = 0; t < k; t++) {
                offsets.set(t, i, (float) theta[t][i] - (float) theta[k - 1][i]);
                mean += offsets.get(t, i);
            }
            for (int t = 0; t < k; t++) {
                centered.set(t, i, offsets.get(t, i) - mean / k);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(k, p, false, true, true);
        assertTrue(svd.decompose(centered));
        DMatrixRMaj vt = svd.getV(null, true);
        DMatrixRMaj w = svd.getW(null);
        SingularOps_DDRM.descendingOrder(null, false, w, vt, true);
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += w.get(c, c) * w.get(c, c);
        }
        assertEquals(w.get(0, 0) * w.get(0, 0) / total, plane.explained1(), 1e-6);
        assertEquals(w.get(1, 1) * w.get(1, 1) / total, plane.explained2(), 1e-6);
        double[][] recorded = {plane.pathX(), plane.pathY()};
        for (int c = 0; c < 2; c++) {
            // Each checkpoint's coordinate: its offset projected on the singular vector, up to the vector's sign.
            double[] projection = new double[k];
            for (int t = 0; t < k; t++) {
                for (int i = 0; i < p; i++) {
                    projection[t] += offsets.get(t, i) * vt.get(c, i);
                }
            }
            double sign = Math.signum(projection[0]) == Math.signum(recorded[c][0]) ? 1 : -1;
            for (int t = 0; t < k; t++) {
                assertEquals(sign * projection[t], recorded[c][t], 1e-4 * Math.abs(recorded[c][0]) + 1e-6,
                        "direction " + (c + 1) + ", epoch " + t);
            }
        }

        // The same analysis re-run from the saved checkpoints reproduces the training-time result.
        CommandLineRun analyze = CommandLineRun.carnot("analyze", folder.toString(), "--analysis", "trajectory",
                "--epoch", "6", "--settings", "{\"points\": 7}");
        assertEquals(0, analyze.exitCode(), analyze::toString);
        assertEquals(RunRecords.analysis(folder, 0, "trajectory", 6).get("series"),
                RunRecords.analysis(folder, 1, "trajectory", 6).get("series"));
        CommandLineRun report = CommandLineRun.carnot("report", folder.toString());
        assertEquals(0, report.exitCode(), report::toString);
        assertTrue(Files.isRegularFile(folder.resolve("report/figures/trajectory-0-epoch-6.png")));

        // The report draws the plane from the recorded JSON, without the landscape add-on's classes:
        // what it reads is what the add-on's own reader reads.
        TrajectoryFigures.Plane drawn = TrajectoryFigures.Plane.of(AnalysisResults.read(folder, 0, TrajectoryFigures.ID, 6));
        assertEquals(TrajectoryPlane.ID, TrajectoryFigures.ID);
        assertArrayEquals(plane.epochs(), drawn.epochs());
        assertArrayEquals(plane.pathX(), drawn.pathX());
        assertArrayEquals(plane.pathY(), drawn.pathY());
        assertArrayEquals(plane.gridX(), drawn.gridX());
        assertArrayEquals(plane.gridY(), drawn.gridY());
        assertArrayEquals(plane.loss(), drawn.loss());
        assertEquals(plane.explained1(), drawn.explained1());
        assertEquals(plane.explained2(), drawn.explained2());
    }

    @Test
    void withoutKeptCheckpointsTheAnalysisSaysWhatToSet() throws Exception {
        Path file = workspace.resolve("no-trajectory.json");
        Files.writeString(file, String.format(RUN, 0));
        CommandLineRun validate = CommandLineRun.carnot("validate", file.toString());
        assertEquals(2, validate.exitCode(), validate::toString);
        assertTrue(validate.err().contains("trajectory needs the weights kept along the path: set "
                + "training.checkpointEvery"), validate::toString);
        CommandLineRun run = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString(), "-q");
        assertEquals(2, run.exitCode(), "refused before anything trains: " + run);
        assertTrue(CommandLineRun.runFolders(workspace).isEmpty(), "no run folder for a refused experiment");
    }
}
