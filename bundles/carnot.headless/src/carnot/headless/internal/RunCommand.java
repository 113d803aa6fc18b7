package carnot.headless.internal;

import carnot.api.component.ComponentRegistry;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.runs.Execution;
import carnot.api.runs.ExitCode;
import carnot.api.runs.RunConflictException;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunRequest;
import carnot.api.runs.RunService;
import carnot.api.runs.RunState;
import carnot.api.runs.SweepInfo;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecorder;
import carnot.workspace.SweepRecords;
import carnot.workspace.Sweeps;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code carnot run}: a client of the run service. The service chooses the folder (continuing an
 * interrupted run of the same experiment, refusing a live or failed one), the executor carries the
 * run out, and this command shows what the service reports.
 */
@Command(name = "run", description = "Run a saved experiment; results go to <workspace>/runs/<name>/<run>/. "
        + "A sweep file (with a \"sweep\" grid) runs every point into runs/<name>/sweep-<time>/. An interrupted or "
        + "cancelled run or sweep of the same file is continued where it stopped; a failed one is not (it would "
        + "fail the same way); --fresh starts over in a new folder.")
final class RunCommand extends Subcommand {

    @Parameters(paramLabel = "EXPERIMENT", description = "experiment or sweep file (JSON)")
    Path file;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "workspace folder (default: $CARNOT_WORKSPACE, else the current folder)")
    Path workspace;

    @Option(names = "--seed", description = "override the experiment's seed (not for sweeps: they list their seeds)")
    Long seed;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar, only the summary")
    boolean quiet;

    @Option(names = "--executor", paramLabel = "ID", description = "how the run is carried out: in-process (one "
            + "point after another in this process), local (child processes), or another installed executor (carnot "
            + "components --kind EXECUTOR); default: the workspace's .carnot/executor.json, else in-process")
    String executor;

    @Option(names = "--executor-settings", paramLabel = "JSON", description = "the executor's settings, e.g. "
            + "'{\"parallel\": 4, \"threads\": 1}'")
    String executorSettings;

    @Option(names = "--parallel", paramLabel = "N", description = "run N points at a time, each in a process of its "
            + "own with cores/N threads (the local executor; --parallel 1 alone: in this process)")
    Integer parallel;

    @Option(names = "--detach", description = "with an executor that queues the points on a scheduler (slurm): "
            + "return once they are submitted, printing the job; carnot status FOLDER follows them, carnot cancel "
            + "FOLDER stops them")
    boolean detach;

    @Option(names = "--fresh", description = "start over in a new folder instead of continuing an unfinished run or "
            + "sweep of the same file")
    boolean fresh;

    @Option(names = "--into", paramLabel = "DIR", hidden = true,
            description = "run into this run folder (inside the workspace): how an executor starts a point")
    Path into;

    @Option(names = "--parent", paramLabel = "PID", hidden = true,
            description = "cancel when this process is gone: a point started by the local executor")
    Long parentPid;

    RunCommand(CarnotCommand parent) {
        super(parent);
    }

    @Override
    int execute() throws IOException, InterruptedException {
        // Ctrl-C (SIGINT) or a kill: ask the run to stop at the next step and wait until it has
        // recorded that it was cancelled, so its folder never claims to be running.
        // Then the process ends with the cancelled code (the JVM would otherwise exit with 128 + the
        // signal's number), even if an analysis thread that ignored cancellation is still computing.
        Thread onSignal = new Thread(() -> {
            parent.cancel();
            Runtime.getRuntime().halt(CarnotCommand.CANCELLED);
        }, "carnot-cancel-on-signal");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return run(out(), err());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and waits for us.
            }
        }
    }

    private int run(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        Path root = CarnotCommand.workspaceRoot(workspace);
        if (!Files.isDirectory(root)) {
            err.println("carnot: workspace " + root.toAbsolutePath() + " is not a folder");
            return CarnotCommand.BAD_INPUT;
        }
        // Analyses that name files of the workspace (interpolation's checkpoint) resolve them here.
        System.setProperty("carnot.workspace", root.toAbsolutePath().normalize().toString());
        try {
            new carnot.workspace.Workspace(root).checkWritable();
        } catch (IOException e) {
            err.println("carnot: the workspace " + root.toAbsolutePath().normalize() + " cannot be written: "
                    + carnot.workspace.WorkspacePaths.describe(e));
            return CarnotCommand.CANNOT_WRITE;
        }
        if (parentPid != null) {
            watchParent(parentPid);
        }
        if (parallel != null && parallel < 1) {
            err.println("carnot: --parallel: expected an integer >= 1, got " + parallel);
            return CarnotCommand.BAD_INPUT;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        try {
            if (executorSettings != null) {
                settings.putAll(ExperimentFiles.parseSettings(executorSettings, "--executor-settings"));
            }
        } catch (ExperimentFileException e) {
            err.println("carnot: " + e.getMessage());
            return CarnotCommand.BAD_INPUT;
        }
        String executorId = executor;
        if (parallel != null) {
            if (executorId == null) {
                executorId = parallel > 1 ? "local" : "in-process";
            }
            if (parallel > 1 || !executorId.equals("in-process")) {
                settings.put("parallel", parallel);
            }
        }
        awaitPlugins();
        TerminalProgress progress = new TerminalProgress(out, err, parent.cancelled, quiet);
        TerminalRunObserver observer = new TerminalRunObserver(out, err, progress, quiet);
        RunRequest.Builder request = RunRequest.builder().setWorkspace(root).setFile(file).optFresh(fresh)
                .optClient("carnot run " + file).optObserver(observer).optMonitor(progress);
        if (seed != null) {
            request.optSeed(seed);
        }
        if (into != null) {
            request.optInto(into);
        }
        if (executorId != null || !settings.isEmpty()) {
            request.optExecutor(executorId == null ? "in-process" : executorId, settings);
        }
        if (into == null) {
            out.println("carnot: preparing " + file + " (workspace " + root.toAbsolutePath().normalize() + ")");
            out.flush();
        }
        RunService service = parent.services.get(RunService.class);
        Execution execution;
        try {
            execution = service.start(request.build());
        } catch (InvalidExperimentException e) {
            err.println("carnot: " + e.getMessage());
            // A component a plugin was to provide: say what happened to the plugins, in the framework's words.
            PluginDiagnostics.problems(parent.services.context()).forEach(problem -> err.println("carnot: " + problem));
            return CarnotCommand.BAD_INPUT;
        } catch (RunConflictException e) {
            err.println("carnot: " + e.getMessage());
            return e.reason() == RunConflictException.Reason.PREVIOUS_FAILED ? CarnotCommand.RUN_FAILED
                    : CarnotCommand.BAD_INPUT;
        }
        observer.expectPoints(execution.points().size());
        if (detach) {
            if (service.reattach(execution.folder()).isPresent() || execution.await(1, TimeUnit.SECONDS)) {
                progress.close();
                return detached(execution, out);
            }
            err.println("carnot: --detach: the " + execution.executor() + " executor runs the points in this process "
                    + "or its children, which would stop with it: following them to the end instead (the slurm "
                    + "executor can detach)");
        }
        try {
            // The service passes cancellation on: progress.isCancelled() follows Ctrl-C.
            while (!execution.isDone()) {
                execution.await(1, TimeUnit.SECONDS);
            }
        } finally {
            progress.close();
        }
        ExitCode code = execution.exitCode().orElse(ExitCode.INTERNAL);
        if (SweepRecords.isSweepFolder(execution.folder())) {
            return sweepSummary(service, execution, code, out, err);
        }
        return runSummary(service, execution, code, out, err);
    }

    /** Returns once submitted; the scheduler carries the points on without this process. */
    private static int detached(Execution execution, PrintWriter out) {
        out.println("carnot: detached from " + execution.executor() + "; follow with: carnot status "
                + execution.folder() + "   cancel with: carnot cancel " + execution.folder());
        out.flush();
        if (execution.isDone()) {
            return execution.exitCode().orElse(ExitCode.INTERNAL).code();
        }
        return CarnotCommand.OK;
    }

    private static int runSummary(RunService service, Execution execution, ExitCode code, PrintWriter out,
            PrintWriter err) throws IOException {
        Path folder = execution.folder();
        if (!Files.isRegularFile(folder.resolve(RunRecorder.STATUS))) {
            // It never started (bad input while loading the data, a folder in use): the problem was printed.
            return code.code();
        }
        RunInfo info = service.status(folder);
        info.last().ifPresent(m -> out.println(String.format(Locale.ROOT,
                "carnot: %s after %d epochs: train error %.4f, test error %.4f (gap %.4f), train loss %.4f",
                info.state().label(), m.epoch(), m.trainError(), m.testError(), m.generalizationGap(), m.trainLoss())));
        if (info.state() == RunState.COMPLETED && !info.message().isEmpty()) {
            out.println("carnot: " + info.message());
        }
        out.println("carnot: results in " + folder);
        out.flush();
        if (code != ExitCode.OK && info.state() != RunState.COMPLETED) {
            err.println("carnot: run " + info.state().label() + ": " + info.message());
        }
        return code.code();
    }

    private int sweepSummary(RunService service, Execution execution, ExitCode code, PrintWriter out,
            PrintWriter err) throws IOException {
        Path folder = execution.folder();
        try {
            printCells(Sweeps.read(file), SweepRecords.cells(folder, Sweeps.read(file)), out);
        } catch (ExperimentFileException e) {
            err.println("carnot: " + e.getMessage());
        }
        SweepInfo info = service.sweepStatus(folder);
        out.println("carnot: sweep " + info.state().label() + ": " + info.count(RunState.COMPLETED) + " of "
                + info.points() + " points completed");
        out.println("carnot: summary in " + folder.resolve(SweepRecords.SUMMARY_CSV));
        out.println("carnot: results in " + folder);
        out.flush();
        if (code != ExitCode.OK && !execution.message().isEmpty()) {
            err.println("carnot: " + execution.message());
        }
        return code.code();
    }

    /** The final errors of each grid cell over its seeds: mean and sample standard deviation. */
    /** {@code mean +- sd}, or the mean alone for one seed (whose sd is undefined, not 0). */
    private static String meanAndSd(SweepRecords.Spread spread) {
        return Double.isNaN(spread.std()) ? String.format(Locale.ROOT, "%.4f", spread.mean())
                : String.format(Locale.ROOT, "%.4f +- %.4f", spread.mean(), spread.std());
    }

    private static void printCells(Sweeps.Plan plan, List<SweepRecords.Cell> cells, PrintWriter out) {
        if (plan.axes().isEmpty() && plan.seeds().size() == 1) {
            return;
        }
        out.println("carnot: final errors over seeds (mean +- sample std):");
        for (SweepRecords.Cell cell : cells) {
            SweepRecords.Spread train = cell.metrics().get("trainError");
            SweepRecords.Spread test = cell.metrics().get("testError");
            String label = cell.points().get(0).point().label();
            if (train == null || test == null) {
                out.println(String.format(Locale.ROOT, "  %-40s no completed point", label));
            } else {
                out.println(String.format(Locale.ROOT, "  %-40s train %s   test %s   (%d seeds)", label,
                        meanAndSd(train), meanAndSd(test), test.n()));
            }
        }
    }

    /** Plugins in {@code <workspace>/plugins} are installed asynchronously at start-up: wait for the ones named. */
    private void awaitPlugins() throws InterruptedException {
        ExperimentSpec spec;
        try {
            // Read here first, so a file with former setting names is warned about once, on the terminal.
            java.util.function.Consumer<String> warn = warning -> err().println("carnot: warning: " + warning);
            spec = Sweeps.isSweep(file) ? Sweeps.read(file, warn).points().get(0).spec() : ExperimentFiles.read(file, warn);
        } catch (ExperimentFileException | RuntimeException e) {
            // The service reports what is wrong with the file.
            return;
        }
        HotDeployedComponents.await(parent.services.get(ComponentRegistry.class), spec);
        if (executor != null) {
            HotDeployedComponents.awaitPluginBundles(parent.services.context());
        }
    }

    /** A point process: cancel when the process that started it is gone (even after a kill -9). */
    private void watchParent(long pid) {
        Thread watcher = new Thread(() -> {
            while (!parent.cancelled.get()) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                } else {
                    parent.cancelled.set(true);
                }
            }
        }, "carnot-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
