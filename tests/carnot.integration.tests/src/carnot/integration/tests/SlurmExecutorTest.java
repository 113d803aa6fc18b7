package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Settings;
import carnot.api.runs.Executor;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.MemoryEstimate;
import carnot.api.runs.ExecutionContext;
import carnot.api.runs.RunPoint;
import carnot.runs.internal.slurm.SlurmJobScript;
import carnot.runs.internal.slurm.SlurmMemory;
import carnot.workspace.ExperimentFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code slurm} executor as far as it goes without a cluster: a component with its settings
 * schema, bad settings and a missing scheduler refused before anything is written, and the batch
 * script it submits, run by a real bash as a SLURM array task would run it. The executor against a
 * real loopback SLURM cluster is {@code releng/slurm-test.sh}.
 */
class SlurmExecutorTest {

    @TempDir
    Path workspace;

    private static final String EXPERIMENT = """
            {"name": "slurm-unit", "seed": 1,
             "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 8, "trainSize": 60,
                         "testSize": 30}},
             "model": "linear", "optimizer": {"id": "sgd", "settings": {"learningRate": 0.1}},
             "loss": "cross-entropy", "training": {"epochs": 1, "batchSize": 8}}
            """;

    private static Settings settings(Map<String, Object> raw) throws Exception {
        Executor slurm = Osgi.service(ComponentRegistry.class).find(ComponentKind.EXECUTOR, "slurm", Executor.class)
                .orElseThrow();
        return slurm.settingsSchema().validate(raw, "executor.settings");
    }

    @Test
    void itIsAComponentWithTheSbatchSettings() {
        ComponentRegistry registry = Osgi.service(ComponentRegistry.class);
        assertEquals("carnot.runs", registry.describe(ComponentKind.EXECUTOR, "slurm").orElseThrow().bundle());
        CommandLineRun list = CommandLineRun.carnot("components", "--kind", "EXECUTOR");
        assertEquals(0, list.exitCode(), list::toString);
        for (String key : List.of("partition", "account", "time", "cpus", "memory", "gres", "throttle", "requeue",
                "extra", "bin", "launcher")) {
            assertTrue(list.out().contains(key), key + "\n" + list);
        }
    }

    @Test
    void badSettingsAndAMissingSchedulerAreBadInputAndWriteNothing() throws Exception {
        Path file = Files.writeString(workspace.resolve("e.json"), EXPERIMENT);
        CommandLineRun badTime = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString(),
                "--executor", "slurm", "--executor-settings", "{\"time\": \"soon\", \"launcher\": \"/bin/true\"}");
        assertEquals(2, badTime.exitCode(), badTime::toString);
        assertTrue(badTime.err().contains("executor.settings.time: expected a SLURM time such as 90, 02:00:00 or "
                + "1-12:00:00, got \"soon\""), badTime::toString);

        CommandLineRun noLauncher = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString(),
                "--executor", "slurm", "--executor-settings", "{\"launcher\": \"" + workspace.resolve("nope") + "\"}");
        assertEquals(2, noLauncher.exitCode(), noLauncher::toString);
        assertTrue(noLauncher.err().contains("executor.settings.launcher: not an executable file"), noLauncher::toString);

        Path empty = Files.createDirectories(workspace.resolve("empty-bin"));
        CommandLineRun noSbatch = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString(),
                "--executor", "slurm", "--executor-settings", "{\"bin\": \"" + empty + "\", \"launcher\": \"/bin/true\"}");
        assertEquals(2, noSbatch.exitCode(), noSbatch::toString);
        assertTrue(noSbatch.err().contains("executor.settings.bin: no sbatch in " + empty), noSbatch::toString);
        assertTrue(CommandLineRun.runFolders(workspace).isEmpty(), "bad input writes no run folder");
    }

    @Test
    void theBatchScriptRunsThePointOfItsArrayTaskWithTheTaskCpusAsThreads() throws Exception {
        Settings settings = settings(Map.of("cpus", 2, "memory", "6G", "throttle", 2, "partition", "short",
                "extra", "--qos=long; --constraint=avx512"));
        Path folder = Files.createDirectories(workspace.resolve("runs/x/sweep-1"));
        Path echo = workspace.resolve("point.sh");
        Files.writeString(echo, "#!/bin/bash\necho \"point $* threads=$CARNOT_THREADS heap=$CARNOT_HEAP\"\nexit 7\n");
        Files.setPosixFilePermissions(echo, PosixFilePermissions.fromString("rwx------"));
        List<List<String>> commands = List.of(List.of(echo.toString(), "zero"), List.of(echo.toString(), "it's one"),
                List.of(echo.toString(), "two"));
        String script = SlurmJobScript.write("x", folder, commands, Optional.empty(), settings,
                SlurmMemory.of("6G", List.of(), null));
        List<String> lines = script.lines().toList();
        for (String expected : List.of("#SBATCH --array=0-2%2", "#SBATCH --cpus-per-task=2", "#SBATCH --mem=6G",
                "#SBATCH --partition=short", "#SBATCH --requeue", "#SBATCH --qos=long", "#SBATCH --constraint=avx512")) {
            assertTrue(lines.contains(expected), expected + "\n" + script);
        }
        Path file = Files.writeString(folder.resolve("job.sh"), script);
        ProcessBuilder bash = new ProcessBuilder("/bin/bash", file.toString()).redirectErrorStream(true);
        bash.environment().put("SLURM_ARRAY_TASK_ID", "1");
        bash.environment().put("SLURM_ARRAY_JOB_ID", "42");
        bash.environment().put("SLURM_RESTART_COUNT", "1");
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(7, process.waitFor(), "the task exits with its point's code\n" + out);
        // Two thirds of 6 GiB for the heap: 6 * 1024 * 2 / 3 = 4096 MiB.
        assertTrue(out.contains("point it's one threads=2 heap=4096m"), out);
        assertTrue(out.contains("job 42_1 on") && out.contains("start 2"), out);

        bash.environment().put("SLURM_ARRAY_TASK_ID", "3");
        Process outside = bash.start();
        String refused = new String(outside.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, outside.waitFor(), refused);
        assertTrue(refused.contains("no point for array task 3"), refused);
    }

    @Test
    void memoryFiguresReadAsSlurmReadsThem() {
        assertEquals(4096, SlurmJobScript.megabytes("4096"));
        assertEquals(4096, SlurmJobScript.megabytes("4G"));
        assertEquals(512, SlurmJobScript.megabytes("512m"));
        assertEquals(2 * 1024 * 1024, SlurmJobScript.megabytes("2T"));
        assertEquals("4g", SlurmJobScript.heap(""));
        assertEquals("2048m", SlurmJobScript.heap("3072M"));
    }

    /** An estimate of {@code heapMiB} on the heap and {@code nativeMiB} outside it, both resident. */
    private static MemoryEstimate estimate(long heapMiB, long nativeMiB) {
        return new MemoryEstimate(List.of(
                new MemoryEstimate.Part("weights", MemoryEstimate.RESIDENT, MemoryEstimate.Area.HEAP, heapMiB << 20),
                new MemoryEstimate.Part("libtorch", MemoryEstimate.RESIDENT, MemoryEstimate.Area.NATIVE,
                        nativeMiB << 20)));
    }

    /** A context that estimates points from a table by their seed, and counts what it was asked. */
    private static ExecutionContext estimating(Path workspace, Map<Long, MemoryEstimate> bySeed, List<Long> asked) {
        return new EstimatingContext(workspace, point -> {
            asked.add(point.spec().seed());
            return Optional.ofNullable(bySeed.get(point.spec().seed()));
        });
    }

    @Test
    void autoMemoryRequestsTheLargestPointsEstimatePlusAMarginAndSizesTheHeapFromIt() throws Exception {
        ExperimentSpec spec = ExperimentFiles.parse(workspace.resolve("e.json"), EXPERIMENT);
        // Seeds 1 and 2 differ only in the seed: one estimate serves both. Seed 2's table entry would be
        // larger, so the test also sees that it is never asked for.
        List<RunPoint> points = List.of(new RunPoint(0, "a", workspace.resolve("a"), spec),
                new RunPoint(1, "b", workspace.resolve("b"), spec.withSeed(2)));
        List<Long> asked = new ArrayList<>();
        SlurmMemory memory = SlurmMemory.of("auto", points, estimating(workspace,
                Map.of(1L, estimate(400, 300), 2L, estimate(4000, 3000)), asked));
        assertEquals(List.of(1L), asked, "points that differ only in their seed are prepared once");
        // heapToReserve = max(192, 400 * 1.5) = 600 MiB; processBytes = 300 + 600 = 900 MiB;
        // + 25% = 1125 MiB, whole MiB below 4 GiB.
        assertEquals("1125M", memory.request());
        assertEquals("600m", memory.heap());
        assertTrue(memory.why().contains("+ 25% margin = 1125M per task"), memory.why());
        assertEquals("1125M", memory.record().get("request"));

        // Two different experiments: the larger one decides; from 4 GiB on, whole GiB
        // (heap 2000 * 1.5 = 3000 MiB, + 1000 native = 4000 MiB, * 1.25 = 5000 MiB = 4.88 GiB -> 5G).
        ExperimentSpec wide = ExperimentFiles.parse(workspace.resolve("w.json"),
                EXPERIMENT.replace("\"seed\": 1", "\"seed\": 3").replace("slurm-unit", "slurm-wide"));
        SlurmMemory both = SlurmMemory.of("auto", List.of(points.get(0), new RunPoint(1, "wide",
                workspace.resolve("w"), wide)), estimating(workspace, Map.of(1L, estimate(400, 300), 3L,
                estimate(2000, 1000)), new ArrayList<>()));
        assertEquals("5G", both.request());
        assertEquals("3000m", both.heap());
        assertTrue(both.why().contains("largest point (wide)"), both.why());

        // No estimate (the points cannot be prepared here): the former fixed default, said so.
        SlurmMemory none = SlurmMemory.of("auto", points, estimating(workspace, Map.of(), new ArrayList<>()));
        assertEquals("6G", none.request());
        assertTrue(none.why().startsWith("no memory estimate"), none.why());
        // A size given by the user wins; empty leaves it to the cluster.
        assertEquals("3G", SlurmMemory.of("3G", points, null).request());
        assertEquals("2048m", SlurmMemory.of("3G", points, null).heap());
        assertEquals("", SlurmMemory.of("", points, null).request());
    }
}
