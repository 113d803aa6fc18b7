package carnot.workspace;

import carnot.workspace.internal.JsonLines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing Carnot writes or deletes lands outside the workspace, symbolic links included: each case
 * plants a link where Carnot writes and checks that the link's target (outside the workspace) is
 * byte for byte what it was.
 */
class WriteContainmentTest {

    @TempDir
    Path dir;

    private Path workspace() throws IOException {
        return Files.createDirectories(dir.resolve("ws"));
    }

    private Path outside() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("precious.txt"), "not Carnot's");
        return elsewhere;
    }

    @Test
    void aRunFolderBehindALinkOutOfTheWorkspaceIsRefused() throws Exception {
        Path ws = workspace();
        Path elsewhere = outside();
        Files.createDirectories(ws.resolve("runs"));
        Files.createSymbolicLink(ws.resolve("runs/s1"), elsewhere);
        Workspace workspace = new Workspace(ws);
        IOException e = assertThrows(IOException.class, () -> workspace.inside(ws.resolve("runs/s1/run-1")));
        assertTrue(e.getMessage().contains("outside the workspace") && e.getMessage().contains(elsewhere.toString()),
                e.getMessage());
        RunRecorder recorder = new RunRecorder(ws.resolve("runs/s1/run-1"));
        assertThrows(IOException.class, () -> recorder.onEvent(new carnot.api.experiment.RunEvent.Checkpoint(1,
                new byte[] {1, 2, 3})));
        assertEquals(List.of("precious.txt"), names(elsewhere), "nothing written through the link");
    }

    @Test
    void aLinkInsideTheWorkspaceThatStaysInsideIsFollowed() throws Exception {
        Path ws = workspace();
        Files.createDirectories(ws.resolve("archive/s1"));
        Files.createDirectories(ws.resolve("runs"));
        Files.createSymbolicLink(ws.resolve("runs/s1"), ws.resolve("archive/s1"));
        new Workspace(ws).inside(ws.resolve("runs/s1/run-1"));
        AtomicFiles.write(ws, ws.resolve("runs/s1/run-1/status.json"), "{}");
        assertEquals("{}", Files.readString(ws.resolve("archive/s1/run-1/status.json")));
    }

    @Test
    void aLinkPlantedAsTheTargetOrAsAnOldTemporaryNameIsReplacedNotFollowed() throws Exception {
        Path ws = workspace();
        Path elsewhere = outside();
        Path run = Files.createDirectories(ws.resolve("runs/x/run-1"));
        Files.createSymbolicLink(run.resolve("status.json"), elsewhere.resolve("precious.txt"));
        Files.createSymbolicLink(run.resolve(".status.json.tmp"), elsewhere.resolve("precious.txt"));
        AtomicFiles.write(ws, run.resolve("status.json"), "{\"status\": \"running\"}\n");
        assertEquals("not Carnot's", Files.readString(elsewhere.resolve("precious.txt")));
        assertFalse(Files.isSymbolicLink(run.resolve("status.json")), "the link itself was replaced");
        assertEquals("{\"status\": \"running\"}\n", Files.readString(run.resolve("status.json")));
    }

    @Test
    void appendingNeverFollowsALink() throws Exception {
        Path ws = workspace();
        Path elsewhere = outside();
        Path run = Files.createDirectories(ws.resolve("runs/x/run-1"));
        Files.createSymbolicLink(run.resolve(RunRecorder.LOG), elsewhere.resolve("precious.txt"));
        IOException e = assertThrows(IOException.class, () -> JsonLines.append(ws, run.resolve(RunRecorder.LOG),
                "a line\n", false));
        assertTrue(e.getMessage().contains(RunRecorder.LOG), e.getMessage());
        assertEquals("not Carnot's", Files.readString(elsewhere.resolve("precious.txt")));
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFileAndNamesTheFile() throws Exception {
        Path ws = workspace();
        Path run = Files.createDirectories(ws.resolve("runs/x/run-1"));
        Files.createDirectories(run.resolve("status.json")); // a folder where the file goes: the rename fails
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(ws, run.resolve("status.json"), "{}"));
        assertTrue(e.getMessage().contains("status.json"), e.getMessage());
        try (Stream<Path> files = Files.list(run)) {
            assertEquals(List.of("status.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left");
        }
    }

    @Test
    void temporaryNamesAreUniqueSoConcurrentWritersNeverShareOne() throws Exception {
        Path ws = workspace();
        Path file = ws.resolve("runs/x/a.json");
        Thread[] writers = new Thread[4];
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int t = 0; t < writers.length; t++) {
            String content = ("writer " + t + "\n").repeat(1000);
            writers[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        AtomicFiles.write(ws, file, content);
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                }
            });
            writers[t].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        assertEquals(List.of(), failures);
        String text = Files.readString(file);
        assertEquals(1, text.lines().distinct().count(), "one writer's whole content, never a mix");
        assertEquals(List.of("a.json"), names(file.getParent()));
    }

    @Test
    void aTornLastLineIsDroppedOnReadAndResumeCutsTheFilesBackToTheResumedEpoch() throws Exception {
        Path ws = workspace();
        Path run = Files.createDirectories(ws.resolve("runs/x/run-1"));
        RunRecorder recorder = new RunRecorder(run);
        for (int epoch = 0; epoch <= 3; epoch++) {
            recorder.onEvent(new carnot.api.experiment.RunEvent.EpochEnd(new carnot.api.experiment.EpochMetrics(epoch,
                    epoch * 10L, 1.0 / (epoch + 1), 0.5, 1.1, 0.6, 0.1, 0.01)));
        }
        Files.writeString(run.resolve(RunRecorder.METRICS_JSONL), "{\"epoch\": 4, \"trainLo",
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of(0, 1, 2, 3), RunRecords.metrics(run).stream().map(m -> m.epoch()).toList());
        byte[] jsonlBefore = Files.readAllBytes(run.resolve(RunRecorder.METRICS_JSONL));
        RunRecorder resumed = RunRecorder.resuming(run, 2);
        resumed.onEvent(new carnot.api.experiment.RunEvent.Started(ExperimentFiles.parse(Path.of("e.json"),
                ExperimentFilesTest.MINIMAL), java.util.Map.of(), 1, 10));
        assertEquals(List.of(0, 1, 2), RunRecords.metrics(run).stream().map(m -> m.epoch()).toList());
        List<String> csv = Files.readAllLines(run.resolve(RunRecorder.METRICS_CSV));
        assertEquals(4, csv.size(), "header and epochs 0-2: " + csv);
        assertTrue(csv.get(3).startsWith("2,20,"), csv.get(3));
        String jsonl = Files.readString(run.resolve(RunRecorder.METRICS_JSONL));
        assertTrue(jsonl.endsWith("\n") && new String(jsonlBefore, StandardCharsets.UTF_8).startsWith(jsonl),
                "the kept lines are the lines as written");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void nothingOfASentinelTreeChanges() throws Exception {
        Path ws = workspace();
        Path elsewhere = outside();
        byte[] before = Files.readAllBytes(elsewhere.resolve("precious.txt"));
        Files.createDirectories(ws.resolve("runs/x"));
        Files.createSymbolicLink(ws.resolve("runs/x/run-1"), elsewhere);
        assertThrows(IOException.class, () -> AtomicFiles.write(ws, ws.resolve("runs/x/run-1/spec.json"), "{}"));
        assertArrayEquals(before, Files.readAllBytes(elsewhere.resolve("precious.txt")));
        assertEquals(List.of("precious.txt"), names(elsewhere));
    }
}
