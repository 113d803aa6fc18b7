package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.RunStatus;
import carnot.api.runs.RunService;
import carnot.api.runs.RunInfo;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume: a run stopped mid-epoch continues on the next {@code carnot run} of the same file from
 * its last saved epoch and ends with exactly the metrics and weights of an uninterrupted run.
 * (releng/resume-kill-test.sh does the same with kill -9 on the product.)
 */
class ResumeTest {

    @TempDir
    Path root;

    static final String EXPERIMENT = """
            {
              "name": "resumable",
              "seed": 5,
              "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 12, "trainSize": 240,
                          "testSize": 200, "separation": 2.0}},
              "model": {"id": "mlp", "settings": {"hidden": [24, 24], "dropout": 0.2}},
              "optimizer": %s,
              "loss": "cross-entropy",
              "training": {"epochs": 5, "batchSize": 32},
              "analyses": [{"id": "margins", "every": 2, "atInit": true}]
            }
            """;

    @Test
    void sgdWithMomentumAndACosineScheduleResumesExactly() throws Exception {
        interruptedRunContinuesToExactlyTheUninterruptedResult(
                "{\"id\": \"sgd\", \"settings\": {\"learningRate\": 0.05, \"momentum\": 0.9, \"schedule\": \"cosine\"}}");
    }

    @Test
    void adamResumesExactly() throws Exception {
        interruptedRunContinuesToExactlyTheUninterruptedResult("{\"id\": \"adam\", \"settings\": {\"learningRate\": 0.003}}");
    }

    @Test
    void nesterovResumesExactly() throws Exception {
        interruptedRunContinuesToExactlyTheUninterruptedResult("{\"id\": \"nesterov\", \"settings\": {\"learningRate\": 0.03}}");
    }

    private void interruptedRunContinuesToExactlyTheUninterruptedResult(String optimizer) throws Exception {
        String text = String.format(EXPERIMENT, optimizer);
        Path whole = Files.createDirectories(root.resolve("whole"));
        Path broken = Files.createDirectories(root.resolve("broken"));
        Files.writeString(whole.resolve("exp.json"), text);
        Files.writeString(broken.resolve("exp.json"), text);

        CommandLineRun uninterrupted = CommandLineRun.carnot("run", whole.resolve("exp.json").toString(),
                "--workspace", whole.toString(), "--quiet");
        assertEquals(0, uninterrupted.exitCode(), uninterrupted::toString);
        Path reference = single(whole);
        assertFalse(Files.exists(reference.resolve(RunRecorder.RESUME)), "a completed run drops its resume state");

        // Stop in the middle of epoch 4, after epoch 3's state was saved; then pretend the kill came
        // after epoch 4's metrics line was written but before its state was (it must be dropped).
        ExperimentSpec spec = ExperimentFiles.read(broken.resolve("exp.json"));
        ExperimentRuns.Finished stopped = ExperimentRuns.run(broken, spec, new StopIn(4));
        Path folder = stopped.folder();
        assertEquals(RunStatus.CANCELLED, stopped.outcome().status());
        assertEquals(3, stopped.outcome().epochsCompleted());
        assertEquals(3, RunRecorder.saved(folder).orElseThrow().epoch());
        String line = Files.readAllLines(folder.resolve(RunRecorder.METRICS_JSONL)).get(3).replace("\"epoch\":3",
                "\"epoch\":4");
        Files.writeString(folder.resolve(RunRecorder.METRICS_JSONL), line + "\n", StandardOpenOption.APPEND);

        CommandLineRun resumed = CommandLineRun.carnot("run", broken.resolve("exp.json").toString(),
                "--workspace", broken.toString(), "--quiet");
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.out().contains("continuing the unfinished run " + folder + " after epoch 3"), resumed::toString);
        assertEquals(List.of(folder), runFolders(broken), "no new run folder");

        List<EpochMetrics> expected = RunRecords.metrics(reference);
        List<EpochMetrics> actual = RunRecords.metrics(folder);
        assertEquals(6, actual.size());
        for (int e = 0; e < expected.size(); e++) {
            assertEquals(withoutTime(expected.get(e)), withoutTime(actual.get(e)), "epoch " + e);
        }
        assertArrayEquals(Files.readAllBytes(reference.resolve("checkpoints/epoch-0005.params")),
                Files.readAllBytes(folder.resolve("checkpoints/epoch-0005.params")), "identical final weights");
        assertEquals(Files.readAllLines(reference.resolve(RunRecorder.ANALYSES)).size(),
                Files.readAllLines(folder.resolve(RunRecorder.ANALYSES)).size());
        assertEquals(3, new com.fasterxml.jackson.databind.ObjectMapper().readTree(folder.resolve(RunRecorder.PROVENANCE).toFile())
                .path("resumedAfterEpoch").asInt());
    }

    @Test
    void freshStartsANewFolder() throws Exception {
        Files.writeString(root.resolve("exp.json"), String.format(EXPERIMENT, "\"sgd\""));
        Path folder = ExperimentRuns.run(root, ExperimentFiles.read(root.resolve("exp.json")), new StopIn(2)).folder();
        CommandLineRun run = CommandLineRun.carnot("run", root.resolve("exp.json").toString(), "--workspace",
                root.toString(), "--quiet", "--fresh");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(2, runFolders(root).size());
        assertEquals("cancelled", RunRecords.status(folder).status());
    }

    /**
     * A folder whose run a live process works in (here a child JVM holding its lock, as a second
     * {@code carnot run} of the same file would) is never continued by another: the next run of the
     * file is refused with the holder named (and --fresh offered) and nothing written. Once the holder
     * is gone (SIGKILL), the next run continues the folder.
     */
    @Test
    void aFolderLockedByALiveProcessIsNeverContinuedByAnother() throws Exception {
        Files.writeString(root.resolve("exp.json"), String.format(EXPERIMENT, "\"sgd\""));
        Path folder = ExperimentRuns.run(root, ExperimentFiles.read(root.resolve("exp.json")), new StopIn(2)).folder();
        byte[] status = Files.readAllBytes(folder.resolve(RunRecorder.STATUS));
        Process holder = LockHolders.holdInChild(folder, root);
        try {
            RunInfo info = Osgi.service(RunService.class).status(folder);
            assertEquals(holder.pid(), info.holder().orElseThrow().pid());
            assertFalse(info.resumable(), "a folder a live process holds is not resumable by another");
            CommandLineRun refused = CommandLineRun.carnot("run", root.resolve("exp.json").toString(), "--workspace",
                    root.toString(), "--quiet");
            assertEquals(2, refused.exitCode(), refused::toString);
            assertTrue(refused.err().contains(folder + " is in use by process " + holder.pid()), refused::toString);
            assertTrue(refused.err().contains("test holder"), refused::toString);
            assertTrue(refused.err().contains("--fresh"), refused::toString);
            assertEquals(List.of(folder), runFolders(root), "no folder written");
            assertArrayEquals(status, Files.readAllBytes(folder.resolve(RunRecorder.STATUS)), "the live folder untouched");
        } finally {
            holder.destroyForcibly().waitFor();
        }
        // The holder is gone (SIGKILL): the cancelled run is continued where it stopped.
        CommandLineRun resumed = CommandLineRun.carnot("run", root.resolve("exp.json").toString(), "--workspace",
                root.toString(), "--quiet");
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.out().contains("continuing the unfinished run " + folder + " after epoch 1"),
                resumed::toString);
        assertEquals("completed", RunRecords.status(folder).status());
    }

    /**
     * Issue 16 item 9: a run that failed (here: diverged) is not "continued" into the same failure
     * by the next run of the file; the command says so and points at --fresh, and writes nothing.
     */
    @Test
    void aFailedRunIsNotContinuedIntoTheSameFailure() throws Exception {
        String diverging = String.format(EXPERIMENT, "{\"id\": \"sgd\", \"settings\": {\"learningRate\": 100}}")
                .replace("\"cross-entropy\"", "\"square\"").replace("\"analyses\": [{\"id\": \"margins\", "
                        + "\"every\": 2, \"atInit\": true}]", "\"analyses\": []");
        Path file = Files.writeString(root.resolve("diverges.json"), diverging);
        CommandLineRun first = CommandLineRun.carnot("run", file.toString(), "--workspace", root.toString(), "--quiet");
        assertEquals(1, first.exitCode(), first::toString);
        Path folder = runFolders(root).get(0);
        RunRecords.Status failed = RunRecords.status(folder);
        assertEquals("failed", failed.status());
        assertTrue(failed.message().contains("diverged"), failed::message);
        byte[] status = Files.readAllBytes(folder.resolve(RunRecorder.STATUS));

        CommandLineRun again = CommandLineRun.carnot("run", file.toString(), "--workspace", root.toString(), "--quiet");
        assertEquals(1, again.exitCode(), again::toString);
        assertTrue(again.err().contains("the run in " + folder + " failed after epoch"), again::toString);
        assertTrue(again.err().contains("diverged"), again::toString);
        assertTrue(again.err().contains("--fresh starts over in a new folder"), again::toString);
        assertFalse(again.out().contains("continuing"), again::toString);
        assertEquals(List.of(folder), runFolders(root));
        assertArrayEquals(status, Files.readAllBytes(folder.resolve(RunRecorder.STATUS)));

        CommandLineRun fresh = CommandLineRun.carnot("run", file.toString(), "--workspace", root.toString(), "--quiet",
                "--fresh");
        assertEquals(1, fresh.exitCode(), fresh::toString);
        assertEquals(2, runFolders(root).size(), "--fresh tried again in a new folder");
    }

    private static EpochMetrics withoutTime(EpochMetrics m) {
        return new EpochMetrics(m.epoch(), m.step(), m.trainLoss(), m.trainError(), m.testLoss(), m.testError(),
                m.learningRate(), 0);
    }

    private static Path single(Path workspace) throws Exception {
        List<Path> folders = runFolders(workspace);
        assertEquals(1, folders.size());
        return folders.get(0);
    }

    private static List<Path> runFolders(Path workspace) throws Exception {
        try (Stream<Path> s = Files.list(workspace.resolve("runs/resumable"))) {
            return s.sorted().toList();
        }
    }

    /** Cancels after the third step of epoch {@code epoch}: a kill in the middle of an epoch. */
    private static final class StopIn implements ProgressMonitor {
        private final int epoch;
        private volatile boolean cancelled;

        StopIn(int epoch) {
            this.epoch = epoch;
        }

        @Override
        public void worked(String task, long done, long total) {
            if (task.equals("epoch " + epoch) && done >= 3) {
                cancelled = true;
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
