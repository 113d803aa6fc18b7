package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.RunEvent;
import carnot.api.runs.LockHolder;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunState;
import carnot.workspace.internal.FolderLock;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import carnot.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-writer lock against a real second process: a child JVM that takes the same operating
 * system lock ({@code FileChannel.tryLock}) on a folder's lock file. The lock excludes a second
 * writer while the child lives, names it in the message, and is free the moment the child is killed
 * with SIGKILL, with no stale lock to clean up. Liveness follows: a status that says running is
 * {@code running} while the child holds the lock and {@code interrupted} after it died.
 */
class FolderLockTest {

    @TempDir
    Path root;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aLockHeldByAnotherProcessExcludesASecondWriterAndNamesIt() throws Exception {
        Path folder = Files.createDirectories(root.resolve("run"));
        child = LockHolders.holdInChild(folder, root);

        FolderLock.HeldException held = assertThrows(FolderLock.HeldException.class,
                () -> FolderLock.acquire(folder, "second writer"));
        assertEquals(child.pid(), held.holder().pid());
        assertTrue(held.getMessage().contains("process " + child.pid() + " on child (test holder"), held::getMessage);
        assertEquals(Optional.of(child.pid()), FolderLock.holder(folder).map(LockHolder::pid));

        // SIGKILL: the kernel releases the lock; the file (and its last words) stay, nothing to clean up.
        child.destroyForcibly().waitFor();
        assertTrue(Files.readString(folder.resolve(FolderLock.FILE)).contains("test holder"));
        assertEquals(Optional.empty(), FolderLock.holder(folder));
        try (FolderLock lock = FolderLock.acquire(folder, "second writer")) {
            assertEquals(ProcessHandle.current().pid(), lock.holder().pid());
            assertTrue(Files.readString(folder.resolve(FolderLock.FILE)).contains("second writer"));
        }
        assertEquals("", Files.readString(folder.resolve(FolderLock.FILE)), "released: the file stays, emptied");
    }

    @Test
    void aLockThisProcessHoldsStaysHeldWhateverThisProcessAsks() throws Exception {
        Path folder = Files.createDirectories(root.resolve("run"));
        try (FolderLock lock = FolderLock.acquire(folder, "first task")) {
            FolderLock.HeldException again = assertThrows(FolderLock.HeldException.class,
                    () -> FolderLock.acquire(folder, "second task"));
            assertTrue(again.getMessage().contains("first task"), again::getMessage);
            // Probing the folder from this process (as a status listing does) must not release the
            // lock: POSIX locks are the process', and closing any channel of the file drops them.
            for (int i = 0; i < 5; i++) {
                assertEquals(Optional.of(lock.holder()), FolderLock.holder(folder));
            }
            assertEquals("busy", LockHolders.tryInChild(folder, root), "another process still cannot take it");
        }
    }

    @Test
    void aLeftoverLockFileOfADeadProcessIsNoObstacle() throws Exception {
        Path folder = Files.createDirectories(root.resolve("run"));
        // The pid-file format of earlier versions, naming a process that may even be alive: only the
        // operating system's lock decides.
        Files.writeString(folder.resolve(FolderLock.FILE), ProcessHandle.current().pid() + " 2026-01-01T00:00:00Z\n");
        assertEquals(Optional.empty(), FolderLock.holder(folder));
        try (FolderLock lock = FolderLock.acquire(folder, "carnot run")) {
            assertTrue(FolderLock.holder(folder).isPresent());
        }
    }

    @Test
    void aSymbolicLinkPlantedAsTheLockFileIsRefusedNotFollowed() throws Exception {
        Path folder = Files.createDirectories(root.resolve("run"));
        Path outside = Files.writeString(root.resolve("outside.txt"), "keep me\n");
        Files.createSymbolicLink(folder.resolve(FolderLock.FILE), outside);
        IOException e = assertThrows(IOException.class, () -> FolderLock.acquire(folder, "carnot run"));
        assertTrue(e.getMessage().contains("cannot open the folder's lock file"), e::getMessage);
        assertTrue(e.getMessage().contains("symbolic link"), e::getMessage);
        assertEquals("keep me\n", Files.readString(outside));
        assertEquals(Optional.empty(), FolderLock.holder(folder));
    }

    @Test
    void livenessTellsARunningRunFromAnInterruptedOne() throws Exception {
        Path folder = Files.createDirectories(root.resolve("runs/x/20260101-000000-seed1"));
        Files.writeString(folder.resolve(RunRecorder.STATUS), """
                {"status": "running", "epochsCompleted": 4, "epochsPlanned": 12, "message": ""}
                """);
        new RunRecorder(folder).onEvent(new RunEvent.ResumePoint(4, new byte[] {1, 2, 3}));
        child = LockHolders.holdInChild(folder, root);
        RunInfo live = RunRecords.info(folder);
        assertEquals(RunState.RUNNING, live.state());
        assertEquals(child.pid(), live.holder().orElseThrow().pid());
        assertFalse(live.resumable(), "a live run is never resumed by another process");

        child.destroyForcibly().waitFor();
        RunInfo dead = RunRecords.info(folder);
        assertEquals(RunState.INTERRUPTED, dead.state());
        assertTrue(dead.resumable());
        assertEquals(4, dead.epochsCompleted());
        assertTrue(dead.message().contains("resumable after epoch 4"), dead::message);

        Files.writeString(folder.resolve(RunRecorder.STATUS), """
                {"status": "failed", "epochsCompleted": 4, "epochsPlanned": 12, "message": "training diverged"}
                """);
        RunInfo failed = RunRecords.info(folder);
        assertEquals(RunState.FAILED, failed.state());
        assertFalse(failed.resumable(), "a failed run is not continued: it would fail the same way");
        assertEquals(List.of(folder), new Workspace(root).runFolders());
    }
}
