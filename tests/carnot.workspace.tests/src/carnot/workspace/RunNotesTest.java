package carnot.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notes and tags kept with a run, written only into run folders inside the workspace. */
class RunNotesTest {

    @TempDir
    Path workspace;
    @TempDir
    Path elsewhere;

    @Test
    void notesAndTagsRoundTripInTheRunFolder() throws Exception {
        Path run = RecordedRuns.record(workspace.resolve("runs/a/r1"), RecordedRuns.spec("a", 1, 0.1), 1, 0.5,
                RunStatus.COMPLETED);
        assertEquals(RunNotes.Notes.NONE, RunNotes.read(run));
        RunNotes.write(workspace, run, new RunNotes.Notes("lr too high?\nsee epoch 3", RunNotes.parseTags("baseline, p7 baseline")));
        RunNotes.Notes read = RunNotes.read(run);
        assertEquals("lr too high?\nsee epoch 3", read.text());
        assertEquals(List.of("baseline", "p7"), read.tags(), "in order, without repeats");
        assertTrue(Files.isRegularFile(run.resolve(RunNotes.FILE)));

        RunNotes.write(workspace, run, RunNotes.Notes.NONE);
        assertFalse(Files.exists(run.resolve(RunNotes.FILE)), "no notes: no file");
    }

    @Test
    void badTagsNonRunsAndFoldersOutsideTheWorkspaceAreRefused() throws Exception {
        IllegalArgumentException tag = assertThrows(IllegalArgumentException.class, () -> RunNotes.parseTags("ok, no;way"));
        assertTrue(tag.getMessage().startsWith("tag \"no;way\""), tag.getMessage());

        Path notARun = Files.createDirectories(workspace.resolve("runs/a/empty"));
        IOException refused = assertThrows(IOException.class,
                () -> RunNotes.write(workspace, notARun, new RunNotes.Notes("x", List.of())));
        assertTrue(refused.getMessage().contains("is not a run folder"), refused.getMessage());

        Path outside = RecordedRuns.record(elsewhere.resolve("r"), RecordedRuns.spec("a", 1, 0.1), 1, 0.5,
                RunStatus.COMPLETED);
        Path link = Files.createSymbolicLink(workspace.resolve("runs/a/link"), outside);
        IOException escaped = assertThrows(IOException.class,
                () -> RunNotes.write(workspace, link, new RunNotes.Notes("x", List.of())));
        assertTrue(escaped.getMessage().contains("outside the workspace"), escaped.getMessage());
        assertFalse(Files.exists(outside.resolve(RunNotes.FILE)), "nothing written outside");
    }
}
