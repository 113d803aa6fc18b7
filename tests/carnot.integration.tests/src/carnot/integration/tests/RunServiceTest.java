package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.RunEvent;
import carnot.api.runs.AnalysisRecord;
import carnot.api.runs.Execution;
import carnot.api.runs.ExitCode;
import carnot.api.runs.PointStatus;
import carnot.api.runs.RunConflictException;
import carnot.api.runs.RunFolder;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunObserver;
import carnot.api.runs.RunPoint;
import carnot.api.runs.RunRequest;
import carnot.api.runs.RunService;
import carnot.api.runs.RunState;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run service as its clients use it: one owner of run folders whatever the front end, with the
 * executor a component chosen per request, the folder's lock held by whoever writes, and liveness
 * that tells a live run from a dead one.
 */
class RunServiceTest {

    @TempDir
    Path workspace;

    private static final String EXPERIMENT = """
            {
              "name": "service",
              "seed": 3,
              "dataset": %s,
              "model": {"id": "mlp", "settings": {"hidden": [16]}},
              "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
              "loss": "cross-entropy",
              "training": {"epochs": %d, "batchSize": 16},
              "analyses": [{"id": "margins", "every": 1}]
            }
            """;

    private static final String MIXTURE = "{\"id\": \"gaussian-mixture\", \"settings\": {\"classes\": 3, "
            + "\"dimension\": 8, \"trainSize\": 120, \"testSize\": 90, \"separation\": 2.5}}";

    private Path file(int epochs) throws Exception {
        return Files.writeString(workspace.resolve("service.json"), String.format(EXPERIMENT, MIXTURE, epochs));
    }

    private static RunService service() {
        return Osgi.service(RunService.class);
    }

    @Test
    void executorsAreComponentsListedWithTheOthers() {
        ComponentRegistry registry = Osgi.service(ComponentRegistry.class);
        assertEquals(List.of("in-process", "local", "slurm"), registry.ids(ComponentKind.EXECUTOR));
        assertEquals("carnot.runs", registry.describe(ComponentKind.EXECUTOR, "local").orElseThrow().bundle());
        CommandLineRun list = CommandLineRun.carnot("components", "--kind", "EXECUTOR");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.out().contains("EXECUTORS"), list::toString);
        assertTrue(list.out().contains("parallel         default 0"), list::toString);
    }

    @Test
    void aRunThroughTheServiceIsRecordedLockedWhileItTrainsAndReadBackByTheReader() throws Exception {
        List<RunState> seenWhileTraining = new CopyOnWriteArrayList<>();
        List<Long> holders = new CopyOnWriteArrayList<>();
        AtomicInteger epochs = new AtomicInteger();
        RunObserver observer = new RunObserver() {
            @Override
            public void onEvent(RunPoint point, RunEvent event) throws Exception {
                if (event instanceof RunEvent.EpochEnd end && end.metrics().epoch() == 2) {
                    RunInfo now = service().status(point.folder());
                    seenWhileTraining.add(now.state());
                    holders.add(now.holder().orElseThrow().pid());
                    assertEquals(1, RunRecorder.saved(point.folder()).orElseThrow().epoch(), "resume state recorded");
                }
                if (event instanceof RunEvent.EpochEnd) {
                    epochs.incrementAndGet();
                }
            }
        };
        Execution execution = service().start(RunRequest.builder().setWorkspace(workspace).setFile(file(3))
                .optClient("run service test").optObserver(observer).build());
        assertEquals("in-process", execution.executor());
        assertTrue(execution.await(10, TimeUnit.MINUTES));
        assertEquals(Optional.of(ExitCode.OK), execution.exitCode());
        assertEquals(List.of(RunState.RUNNING), seenWhileTraining, "running while it trains");
        assertEquals(List.of(ProcessHandle.current().pid()), holders, "held by the process that trains");
        assertEquals(4, epochs.get(), "epochs 0..3 reported as they happen");

        RunFolder folder = service().open(execution.folder());
        RunInfo info = folder.info();
        assertEquals(RunState.COMPLETED, info.state());
        assertTrue(info.holder().isEmpty(), "released");
        assertFalse(info.resumable());
        List<EpochMetrics> metrics = folder.metrics();
        assertEquals(RunRecords.metrics(execution.folder()), metrics);
        assertEquals(metrics.get(3), info.last().orElseThrow());
        assertEquals(List.of(3), folder.checkpointEpochs());
        assertEquals(Files.size(execution.folder().resolve("checkpoints/epoch-0003.params")), folder.checkpoint(3).length);
        assertEquals("service", folder.spec().orElseThrow().name());
        assertEquals(120, ((Number) folder.provenance().get("trainSize")).intValue());
        List<AnalysisRecord> analyses = folder.analyses();
        assertEquals(List.of(1, 2, 3), analyses.stream().map(AnalysisRecord::epoch).toList());
        // The reader's full result is the file's, value for value.
        assertEquals(analyses.get(2).scalars(), folder.analysisResult(analyses.get(2)).scalars());
        assertEquals(RunRecords.analysis(execution.folder(), 0, "margins", 3).path("series").size(),
                folder.analysisResult(analyses.get(2)).series().size());

        CommandLineRun status = CommandLineRun.carnot("status", "--workspace", workspace.toString());
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.out().contains("completed      3/3    runs/service/"), status::toString);
        assertTrue(status.out().contains("1 run (1 completed), 0 sweeps"), status::toString);
    }

    @Test
    void liveAndDeadRunsAreToldApartAndAnInterruptedOneIsContinued() throws Exception {
        // A run stopped after epoch 2; a second process then works in the folder (holds its lock).
        Path file = file(4);
        Path folder = ExperimentRuns.run(workspace, carnot.workspace.ExperimentFiles.read(file), stopAfterEpoch(2))
                .folder();
        Process holder = LockHolders.holdInChild(folder, workspace);
        try {
            RunInfo held = service().status(folder);
            assertEquals(holder.pid(), held.holder().orElseThrow().pid());
            assertFalse(held.resumable());
            RunConflictException refused = assertThrows(RunConflictException.class, () -> service().start(
                    RunRequest.builder().setWorkspace(workspace).setFile(file).build()));
            assertEquals(RunConflictException.Reason.IN_USE, refused.reason());
            assertEquals(holder.pid(), refused.holder().orElseThrow().pid());
            RunConflictException analyze = assertThrows(RunConflictException.class, () -> service().reanalyze(folder,
                    ComponentSpec.of("margins"), Optional.empty(), "test", RunObserver.NONE, ProgressMonitor.NONE));
            assertTrue(analyze.getMessage().contains("is in use by process " + holder.pid()), analyze::getMessage);
        } finally {
            holder.destroyForcibly().waitFor();
        }
        RunInfo dead = service().status(folder);
        assertEquals(RunState.CANCELLED, dead.state());
        assertTrue(dead.resumable());
        List<String> messages = new CopyOnWriteArrayList<>();
        Execution resumed = service().start(RunRequest.builder().setWorkspace(workspace).setFile(file)
                .optObserver(new RunObserver() {
                    @Override
                    public void onMessage(String line) {
                        messages.add(line);
                    }
                }).build());
        assertTrue(resumed.await(10, TimeUnit.MINUTES));
        assertEquals(folder, resumed.folder());
        assertEquals(Optional.of(ExitCode.OK), resumed.exitCode());
        assertTrue(messages.contains("continuing the unfinished run " + folder + " after epoch 2 (--fresh starts over)"),
                messages::toString);
        assertEquals(4, service().status(folder).epochsCompleted());
    }

    @Test
    void theExecutorIsChosenPerRequestOrByTheWorkspaceAndValidatedLikeAnyComponent() throws Exception {
        Path file = file(1);
        CommandLineRun unknown = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString(),
                "--executor", "nope");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("--executor: executor.id: unknown executor 'nope'; installed: in-process, local, slurm"),
                unknown::toString);

        CommandLineRun badSetting = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString(),
                "--executor", "local", "--executor-settings", "{\"parallel\": -1}");
        assertEquals(2, badSetting.exitCode(), badSetting::toString);
        assertTrue(badSetting.err().contains("executor.settings.parallel"), badSetting::toString);

        Path defaults = Files.createDirectories(workspace.resolve(".carnot")).resolve("executor.json");
        Files.writeString(defaults, "{\"id\": \"in-process\", \"settings\": {\"parallel\": 2}}");
        CommandLineRun badDefault = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString());
        assertEquals(2, badDefault.exitCode(), badDefault::toString);
        assertTrue(badDefault.err().contains(defaults + ": executor.settings.parallel: unknown setting"), badDefault::toString);
        assertTrue(CommandLineRun.runFolders(workspace).isEmpty(), "bad input writes no run folder");

        Files.writeString(defaults, "{\"id\": \"in-process\"}");
        CommandLineRun ok = CommandLineRun.carnot("run", file.toString(), "--workspace", workspace.toString(), "-q");
        assertEquals(0, ok.exitCode(), ok::toString);
        assertThrows(InvalidExperimentException.class, () -> service().resolve(ExperimentSpec.builder("x")
                .dataset(ComponentSpec.of("gaussian-mixture")).model(ComponentSpec.of("mlp"))
                .optimizer(new ComponentSpec("sgd", Map.of("learningRate", -1))).loss(ComponentSpec.of("cross-entropy"))
                .training(carnot.api.experiment.TrainingSpec.builder().epochs(1).batchSize(8).evalBatchSize(8)
                        .shuffle(false).build())
                .build()));
    }

    @Test
    void badDataFoundWhileLoadingLeavesNoRunFolder() throws Exception {
        Path file = Files.writeString(workspace.resolve("bad.json"), String.format(EXPERIMENT,
                "{\"id\": \"idx\", \"settings\": {\"folder\": \"" + workspace.resolve("no-such-data") + "\"}}", 1));
        List<String> problems = new CopyOnWriteArrayList<>();
        Execution execution = service().start(RunRequest.builder().setWorkspace(workspace).setFile(file)
                .optObserver(new RunObserver() {
                    @Override
                    public void onProblem(String line) {
                        problems.add(line);
                    }
                }).build());
        assertTrue(execution.await(5, TimeUnit.MINUTES));
        assertEquals(Optional.of(ExitCode.BAD_INPUT), execution.exitCode());
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith(file + ": dataset"), problems::toString);
        assertTrue(execution.message().contains("no-such-data"), execution::message);
        assertFalse(Files.exists(execution.folder()), "the folder made for it is gone");
        assertFalse(Files.exists(workspace.resolve("runs/service")), "and its experiment folder");
        List<PointStatus> points = execution.points();
        assertEquals(RunState.FAILED, points.get(0).state());
    }

    @Test
    void aDamagedFolderIsListedAsUnreadableAndAFolderOutsideTheWorkspaceIsRefused() throws Exception {
        Path damaged = Files.createDirectories(workspace.resolve("runs/damaged/20260101-000000-seed1"));
        Files.writeString(damaged.resolve(RunRecorder.STATUS), "{\"status\": garbage");
        CommandLineRun status = CommandLineRun.carnot("status", "--workspace", workspace.toString());
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.out().contains("unreadable     0/0    runs/damaged/20260101-000000-seed1  " + damaged
                + "/status.json: unreadable"), status::toString);

        Path outside = workspace.getParent().resolve("outside-" + workspace.getFileName());
        CommandLineRun into = CommandLineRun.carnot("run", file(1).toString(), "--workspace", workspace.toString(),
                "--into", outside.toString());
        assertEquals(2, into.exitCode(), into::toString);
        assertTrue(into.err().contains("--into: " + outside + ": outside the workspace " + workspace), into::toString);
        assertFalse(Files.exists(outside));
    }

    /** Cancels once {@code epoch} epochs are recorded: a run stopped in the middle, with its resume state. */
    private static ProgressMonitor stopAfterEpoch(int epoch) {
        return new ProgressMonitor() {
            private volatile boolean cancelled;

            @Override
            public void worked(String task, long done, long total) {
                if (task.equals("epoch " + (epoch + 1))) {
                    cancelled = true;
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
    }
}
