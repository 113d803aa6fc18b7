package carnot.ui.internal.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.ui.internal.explorer.WorkspaceTree.Experiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTreeTest {

    @TempDir
    Path workspace;

    @Test
    void experimentsWithTheirRunsNewestFirstAndRunsWithoutAFile() throws IOException {
        WorkspaceFixture.writeExperiment(workspace, "experiments/a.json", "alpha");
        WorkspaceFixture.writeExperiment(workspace, "b.json", "beta");
        Files.writeString(workspace.resolve("notes.json"), "{\"just\": \"data\"}");
        Files.writeString(workspace.resolve("broken.json"), "{\"name\": ");
        WorkspaceFixture.writeExperiment(workspace, "plugins/ignored.json", "ignored");
        WorkspaceFixture.writeRun(workspace, "alpha", "20261101-100000-seed1", "completed", 3);
        Path live = WorkspaceFixture.writeRun(workspace, "alpha", "20261102-100000-seed1", "running", 1);
        WorkspaceFixture.writeRun(workspace, "gone", "20261103-100000-seed1", "failed", 0);
        Files.createDirectories(workspace.resolve("runs/alpha/not-a-run"));

        List<Experiment> tree;
        try (carnot.workspace.internal.FolderLock writer = carnot.workspace.internal.FolderLock.acquire(live, "a training process")) {
            tree = WorkspaceTree.scan(workspace);
        }
        // Liveness: the same status without a process holding the folder is a run whose process died.
        assertEquals(List.of("interrupted", "completed"), WorkspaceTree.scan(workspace).get(0).runs().stream()
                .map(WorkspaceTree.Run::status).toList());

        assertEquals(List.of("alpha", "beta", "gone"), tree.stream().map(Experiment::name).toList());
        Experiment alpha = tree.get(0);
        assertEquals(workspace.resolve("experiments/a.json"), alpha.file());
        assertEquals(List.of("20261102-100000-seed1", "20261101-100000-seed1"),
                alpha.runs().stream().map(WorkspaceTree.Run::runId).toList());
        assertEquals(List.of("running", "completed"), alpha.runs().stream().map(WorkspaceTree.Run::status).toList());
        assertTrue(tree.get(1).runs().isEmpty());
        assertNull(tree.get(2).file());
        assertEquals("gone (no experiment file)", tree.get(2).label());
    }

    @Test
    void operationsStayInsideTheWorkspaceAndCheckNames() throws IOException {
        Path file = WorkspaceFixture.writeExperiment(workspace, "experiments/a.json", "alpha");
        Path run = WorkspaceFixture.writeRun(workspace, "alpha", "20261101-100000-seed1", "completed", 2);
        WorkspaceOperations operations = new WorkspaceOperations(workspace);

        Path copy = operations.duplicateExperiment(file, "alpha-copy");
        assertEquals(workspace.resolve("experiments/alpha-copy.json"), copy);
        assertEquals("alpha-copy", WorkspaceTree.experimentName(copy));
        assertEquals("alpha", WorkspaceTree.experimentName(file));
        assertEquals("alpha-copy2", WorkspaceOperations.freeName(file.getParent(), "alpha"));

        Path renamed = operations.renameExperiment(copy, "gamma");
        assertFalse(Files.exists(copy));
        assertEquals("gamma", WorkspaceTree.experimentName(renamed));

        Path runCopy = operations.duplicateRun(run, "kept");
        assertEquals(Files.readString(run.resolve("metrics.jsonl")), Files.readString(runCopy.resolve("metrics.jsonl")));
        Path runRenamed = operations.renameRun(runCopy, "kept2");
        assertTrue(WorkspaceTree.isRun(runRenamed));

        IOException bad = assertThrows(IOException.class, () -> operations.duplicateExperiment(file, "../escape"));
        assertTrue(bad.getMessage().contains("not allowed"), bad.getMessage());
        assertThrows(IOException.class, () -> operations.deleteRun(workspace.resolve("experiments")));
        assertThrows(IOException.class, () -> operations.deleteExperiment(workspace.getParent().resolve("x.json")));
        assertThrows(IOException.class, () -> operations.duplicateExperiment(file, "gamma"));

        operations.deleteRun(runRenamed);
        assertFalse(Files.exists(runRenamed));
        operations.deleteExperiment(renamed);
        assertFalse(Files.exists(renamed));
    }
}
