package carnot.headless.internal;

import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Setting;
import carnot.api.analysis.AnalysisResult;
import carnot.api.experiment.CheckpointAnalyzer;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.PreparedRun;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunListener;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.FolderLock;
import carnot.workspace.Sweeps;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import carnot.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code carnot}: run saved experiments and list components, headless. */
@Command(name = "carnot", mixinStandardHelpOptions = true, versionProvider = CarnotCommand.Version.class,
        description = "Carnot: a workbench for empirical deep-learning theory (headless).",
        subcommands = {CarnotCommand.Run.class, CarnotCommand.Validate.class, CarnotCommand.Components.class,
                CarnotCommand.Analyze.class, StudyCommands.Stability.class, StudyCommands.BiasVariance.class,
                CarnotCommand.NewMetric.class, CarnotCommand.Report.class, ProvisioningCommands.Install.class,
                ProvisioningCommands.Uninstall.class, ProvisioningCommands.ListInstalled.class,
                CliDocumentation.ManPages.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the run failed (diverged, a component failed, out of memory)",
                "2:bad input (experiment file, settings, data, plugins)", "3:internal error",
                "4:a file or folder cannot be written or read (disk full, read-only, permissions, a link "
                        + "leading out of the workspace)", "130:cancelled"})
final class CarnotCommand implements Runnable {

    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int INTERNAL = 3;
    static final int CANNOT_WRITE = 4;
    static final int CANCELLED = 130;

    final Services services;
    final AtomicBoolean cancelled = new AtomicBoolean();
    final CountDownLatch finished = new CountDownLatch(1);

    @Spec
    CommandLine.Model.CommandSpec spec;

    CarnotCommand(Services services) {
        this.services = services;
    }

    static CommandLine commandLine(CarnotCommand command) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == Run.class) {
                    return type.cast(new Run(command));
                }
                if (type == Validate.class) {
                    return type.cast(new Validate(command));
                }
                if (type == Components.class) {
                    return type.cast(new Components(command));
                }
                if (type == Analyze.class) {
                    return type.cast(new Analyze(command));
                }
                if (type == StudyCommands.Stability.class) {
                    return type.cast(new StudyCommands.Stability(command));
                }
                if (type == StudyCommands.BiasVariance.class) {
                    return type.cast(new StudyCommands.BiasVariance(command));
                }
                if (type == NewMetric.class) {
                    return type.cast(new NewMetric(command));
                }
                if (type == Report.class) {
                    return type.cast(new Report(command));
                }
                if (Subcommand.class.isAssignableFrom(type)) {
                    return type.getDeclaredConstructor(CarnotCommand.class).newInstance(command);
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine line = new CommandLine(command, factory);
        CliDocumentation.addGenerators(line);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            int code = Failures.report(e, cmd.getErr());
            if (code >= 0) {
                return code;
            }
            cmd.getErr().println("carnot: internal error: " + e);
            e.printStackTrace(cmd.getErr());
            return INTERNAL;
        });
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    void cancel() {
        cancelled.set(true);
        try {
            // Give a running experiment the time to record that it was cancelled.
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads and prepares an experiment, printing a clear error for bad input; null if it failed. */
    PreparedRun prepare(Path file, Long seed, PrintWriter err) {
        ExperimentSpec experiment;
        try {
            experiment = ExperimentFiles.read(file);
        } catch (ExperimentFileException e) {
            err.println("carnot: " + e.getMessage());
            return null;
        }
        if (seed != null) {
            experiment = experiment.withSeed(seed);
        }
        return prepare(experiment, file, err);
    }

    /** Prepares an experiment, printing a clear error (naming {@code file}) for bad input; null if it failed. */
    private PreparedRun prepare(ExperimentSpec experiment, Path file, PrintWriter err) {
        try {
            // Plugins in <workspace>/plugins are installed asynchronously at start-up: wait for them.
            HotDeployedComponents.await(services.get(ComponentRegistry.class), experiment);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return services.get(ExperimentRunner.class).prepare(experiment,
                    new TerminalProgress.Quiet(cancelled));
        } catch (InvalidExperimentException e) {
            err.println("carnot: " + file + ": " + e.getMessage());
            // A component a plugin was to provide: say what happened to the plugins, in the framework's words.
            PluginDiagnostics.problems(services.context()).forEach(problem -> err.println("carnot: " + problem));
            return null;
        }
    }

    @Command(name = "run", description = "Run a saved experiment; results go to <workspace>/runs/<name>/<run>/. "
            + "A sweep file (with a \"sweep\" grid) runs every point into runs/<name>/sweep-<time>/. A run or sweep "
            + "of the same file that did not complete is continued where it stopped, unless --fresh.")
    static final class Run extends Subcommand {

        @Parameters(paramLabel = "EXPERIMENT", description = "experiment or sweep file (JSON)")
        Path file;

        @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
                description = "workspace folder (default: $CARNOT_WORKSPACE, else the current folder)")
        Path workspace;

        @Option(names = "--seed", description = "override the experiment's seed (not for sweeps: they list their seeds)")
        Long seed;

        @Option(names = {"-q", "--quiet"}, description = "no progress bar, only the summary")
        boolean quiet;

        @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
                description = "sweeps: run N points at a time, each in its own process (default 1: one after "
                        + "another in this process)")
        int parallel;

        @Option(names = "--fresh", description = "start over in a new folder instead of continuing an unfinished "
                + "run or sweep of the same file")
        boolean fresh;

        @Option(names = "--into", paramLabel = "DIR", hidden = true,
                description = "run into this run folder (inside the workspace); used for sweep points")
        Path into;

        @Option(names = "--parent", paramLabel = "PID", hidden = true,
                description = "cancel when this process is gone; used for sweep points")
        Long parentPid;

        Run(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() throws IOException {
            PrintWriter out = out();
            PrintWriter err = err();
            // Ctrl-C (SIGINT) or a kill: ask the run to stop at the next step and wait until it has
            // recorded that it was cancelled, so its folder never claims to be running.
            // Then the process ends with the cancelled code (the JVM would otherwise exit with 128 + the
            // signal's number), even if an analysis thread that ignored cancellation is still computing.
            Thread onSignal = new Thread(() -> {
                parent.cancel();
                Runtime.getRuntime().halt(CANCELLED);
            }, "carnot-cancel-on-signal");
            Runtime.getRuntime().addShutdownHook(onSignal);
            try {
                Workspace ws = new Workspace(workspaceRoot(workspace));
                if (!Files.isDirectory(ws.root())) {
                    err.println("carnot: workspace " + ws.root() + " is not a folder");
                    return BAD_INPUT;
                }
                // Analyses that name files of the workspace (interpolation's checkpoint) resolve them here.
                System.setProperty("carnot.workspace", ws.root().toString());
                try {
                    ws.checkWritable();
                } catch (IOException e) {
                    err.println("carnot: the workspace " + ws.root() + " cannot be written: "
                            + carnot.workspace.WorkspacePaths.describe(e));
                    return CANNOT_WRITE;
                }
                if (parentPid != null) {
                    SweepExecutor.watchParent(parentPid, parent.cancelled);
                }
                if (parallel < 1) {
                    err.println("carnot: --parallel: expected an integer >= 1, got " + parallel);
                    return BAD_INPUT;
                }
                boolean sweep;
                try {
                    sweep = Sweeps.isSweep(file);
                } catch (ExperimentFileException e) {
                    err.println("carnot: " + e.getMessage());
                    return BAD_INPUT;
                }
                if (sweep) {
                    return runSweep(ws, out, err);
                }
                out.println("carnot: preparing " + file + " (workspace " + ws.root() + ")");
                out.flush();
                try (PreparedRun prepared = parent.prepare(file, seed, err)) {
                    if (prepared == null) {
                        return BAD_INPUT;
                    }
                    Path folder;
                    if (into != null) {
                        folder = carnot.workspace.WorkspacePaths.createFolders(ws.root(), into);
                    } else {
                        java.util.Optional<Path> unfinished = fresh ? java.util.Optional.empty()
                                : ws.unfinishedRun(prepared.resolvedSpec());
                        folder = unfinished.isPresent() ? unfinished.get() : ws.createRunFolder(prepared.resolvedSpec());
                    }
                    return runInto(prepared, folder, out, err, quiet);
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException e) {
                    // Already shutting down: the hook is running and waits for us.
                }
            }
        }

        private int runSweep(Workspace ws, PrintWriter out, PrintWriter err) throws IOException {
            if (seed != null) {
                err.println("carnot: --seed: a sweep lists its seeds in sweep.seeds; edit the file instead");
                return BAD_INPUT;
            }
            Sweeps.Plan plan;
            try {
                plan = Sweeps.read(file);
            } catch (ExperimentFileException e) {
                err.println("carnot: " + e.getMessage());
                return BAD_INPUT;
            }
            ComponentRegistry registry = parent.services.get(ComponentRegistry.class);
            try {
                HotDeployedComponents.await(registry, plan.points().get(0).spec());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            SweepExecutor executor = new SweepExecutor(registry, parent.cancelled, out, err);
            String problem = executor.validate(plan);
            if (problem != null) {
                err.println("carnot: " + problem);
                return BAD_INPUT;
            }
            Path launcher = null;
            if (parallel > 1) {
                launcher = SweepExecutor.launcher();
                if (launcher == null) {
                    err.println("carnot: --parallel " + parallel + " starts point processes with the carnot launcher, "
                            + "which this process was not started from (CARNOT_LAUNCHER is not set); use --parallel 1");
                    return BAD_INPUT;
                }
            }
            PrintWriter silent = new PrintWriter(java.io.OutputStream.nullOutputStream());
            try {
                return executor.execute(ws, plan, parallel, fresh, launcher, (pointSpec, pointFolder) -> {
                    try (PreparedRun prepared = parent.prepare(pointSpec, plan.file(), err)) {
                        if (prepared == null) {
                            return BAD_INPUT;
                        }
                        return runInto(prepared, pointFolder, silent, err, true);
                    } catch (IOException e) {
                        err.println("carnot: " + pointFolder + ": " + e.getMessage());
                        return RUN_FAILED;
                    }
                });
            } catch (FolderLock.HeldException e) {
                err.println("carnot: " + e.getMessage());
                return BAD_INPUT;
            }
        }

        /** Runs a prepared experiment into a run folder, holding the folder's lock. */
        private int runInto(PreparedRun prepared, Path folder, PrintWriter out, PrintWriter err, boolean quietRun)
                throws IOException {
            FolderLock lock;
            try {
                lock = FolderLock.acquire(folder);
            } catch (FolderLock.HeldException e) {
                err.println("carnot: " + e.getMessage());
                return BAD_INPUT;
            }
            try (lock) {
                // A folder of the same experiment with a resume state continues after its last saved epoch.
                java.util.Optional<RunRecorder.Saved> saved = fresh || !RunRecords.sameSpec(folder,
                        prepared.resolvedSpec()) ? java.util.Optional.empty() : RunRecorder.saved(folder);
                if (saved.isPresent()) {
                    out.println("carnot: continuing the unfinished run " + folder + " after epoch "
                            + saved.get().epoch() + " (--fresh starts over)");
                } else {
                    out.println("carnot: run folder " + folder);
                }
                out.println("carnot: " + prepared.resolvedSpec().model().id() + " with p = "
                        + prepared.parameterCount() + " parameters");
                out.println("carnot: memory: " + prepared.memoryEstimate().summary());
                out.flush();
                TerminalProgress progress = new TerminalProgress(out, err, parent.cancelled, quietRun);
                RunOutcome outcome;
                try {
                    if (saved.isPresent()) {
                        RunRecorder recorder = RunRecorder.resuming(folder, saved.get().epoch());
                        outcome = prepared.resume(saved.get().state(), RunListener.all(recorder, progress), progress);
                    } else {
                        outcome = prepared.execute(RunListener.all(new RunRecorder(folder), progress), progress);
                    }
                } finally {
                    progress.close();
                }
                return report(outcome, folder, out, err);
            }
        }

        private static int report(RunOutcome outcome, Path folder, PrintWriter out, PrintWriter err) {
            if (outcome.last() != null) {
                out.println(String.format(Locale.ROOT,
                        "carnot: %s after %d epochs: train error %.4f, test error %.4f (gap %.4f), train loss %.4f",
                        outcome.status().label(), outcome.epochsCompleted(), outcome.last().trainError(),
                        outcome.last().testError(), outcome.last().generalizationGap(), outcome.last().trainLoss()));
            }
            if (outcome.status() == RunStatus.COMPLETED && !outcome.message().isEmpty()) {
                out.println("carnot: " + outcome.message());
            }
            out.println("carnot: results in " + folder);
            out.flush();
            if (outcome.status() == RunStatus.COMPLETED) {
                return OK;
            }
            err.println("carnot: run " + outcome.status().label() + ": " + outcome.message());
            return outcome.status() == RunStatus.CANCELLED ? CANCELLED : RUN_FAILED;
        }
    }

    @Command(name = "validate", description = "Check an experiment file, its components, settings and data, "
            + "without running it.")
    static final class Validate extends Subcommand {

        @Parameters(paramLabel = "EXPERIMENT", description = "experiment file (JSON)")
        Path file;

        @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", description = "workspace whose plugins/ "
                + "provide components (default: $CARNOT_WORKSPACE, else the current folder)")
        Path workspace;

        Validate(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() {
            PrintWriter err = err();
            if (!workspaceExists(workspace, err)) {
                return BAD_INPUT;
            }
            try {
                if (Sweeps.isSweep(file)) {
                    // Every point's components and settings, and the first point's data.
                    Sweeps.Plan plan = Sweeps.read(file);
                    String problem = new SweepExecutor(parent.services.get(ComponentRegistry.class), parent.cancelled,
                            out(), err).validate(plan);
                    if (problem != null) {
                        err.println("carnot: " + problem);
                        return BAD_INPUT;
                    }
                    try (PreparedRun first = parent.prepare(plan.points().get(0).spec(), file, err)) {
                        if (first == null) {
                            return BAD_INPUT;
                        }
                    }
                    out().println(String.format(Locale.ROOT,
                            "carnot: %s is a valid sweep: %d points (%d cells x %d seeds)", file, plan.points().size(),
                            plan.cells(), plan.seeds().size()));
                    plan.points().forEach(p -> out().println("  " + p.folder() + "  " + p.label()));
                    return OK;
                }
            } catch (ExperimentFileException e) {
                err.println("carnot: " + e.getMessage());
                return BAD_INPUT;
            }
            try (PreparedRun prepared = parent.prepare(file, null, err)) {
                if (prepared == null) {
                    return BAD_INPUT;
                }
                out().println("carnot: " + file + " is valid: p = " + prepared.parameterCount()
                        + " parameters");
                out().println("carnot: memory: " + prepared.memoryEstimate().summary());
                out().println(ExperimentFiles.toText(prepared.resolvedSpec()));
                return OK;
            }
        }
    }

    @Command(name = "new-metric", description = "Generate a ready-to-build external metric project (a plain Maven "
            + "build of one OSGi bundle, like examples/weight-spectrum) for a new analysis id.")
    static final class NewMetric extends Subcommand {

        @Parameters(paramLabel = "ID", description = "the metric's carnot.id, e.g. weight-norms")
        String id;

        @Option(names = "--package", paramLabel = "P", description = "Java package (and bundle symbolic name); "
                + "default org.example.carnot.<id without dashes>")
        String packageName;

        @Option(names = "--dir", paramLabel = "D", description = "folder to create; default ./<id>")
        Path dir;

        NewMetric(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() {
            try {
                String pkg = packageName == null ? MetricTemplate.defaultPackage(id) : packageName;
                Path target = (dir == null ? Path.of(id) : dir).toAbsolutePath().normalize();
                org.osgi.framework.Bundle api = org.osgi.framework.FrameworkUtil.getBundle(
                        carnot.api.component.Provider.class);
                String version = api == null ? "0.1.0-SNAPSHOT" : MetricTemplate.mavenVersion(api.getVersion());
                List<Path> files = MetricTemplate.generate(id, pkg, target, version);
                out().println(MetricTemplate.describe(id, pkg, target, files));
                return OK;
            } catch (IllegalArgumentException e) {
                err().println("carnot: new-metric: " + e.getMessage());
                return BAD_INPUT;
            } catch (java.io.IOException e) {
                err().println("carnot: new-metric: cannot write the project: " + e);
                return BAD_INPUT;
            }
        }
    }

    @Command(name = "components", description = "List the installed components with their settings and defaults.")
    static final class Components extends Subcommand {

        @Option(names = "--kind", description = "only this kind: ${COMPLETION-CANDIDATES}")
        ComponentKind kind;

        @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", description = "workspace whose plugins/ "
                + "provide components (default: $CARNOT_WORKSPACE, else the current folder)")
        Path workspace;

        Components(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() {
            PrintWriter out = out();
            if (!workspaceExists(workspace, err())) {
                return BAD_INPUT;
            }
            try {
                HotDeployedComponents.awaitPluginBundles(parent.services.context());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ComponentRegistry registry = parent.services.get(ComponentRegistry.class);
            List<ComponentDescriptor> all = registry.components();
            ComponentKind current = null;
            for (ComponentDescriptor d : all) {
                if (kind != null && d.kind() != kind) {
                    continue;
                }
                if (d.kind() != current) {
                    current = d.kind();
                    out.println();
                    out.println(current.plural().toUpperCase(Locale.ROOT));
                }
                out.println(String.format(Locale.ROOT, "  %-20s %s   [%s %s]", d.id(), d.title(), d.bundle(),
                        d.bundleVersion()));
                out.println("      " + d.description());
                for (Setting s : d.schema().settings()) {
                    out.println(String.format(Locale.ROOT, "      %-16s default %-12s %s; %s", s.key(),
                            format(s.defaultValue()), s.allowedValues(), s.description()));
                }
            }
            out.println();
            out.println(all.size() + " components installed");
            for (String duplicate : registry.duplicates()) {
                out.println("warning: " + duplicate);
            }
            out.flush();
            return OK;
        }

        private static String format(Object value) {
            if (value == null) {
                return "(required)";
            }
            return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        }
    }

    @Command(name = "analyze", description = "Run an analysis on a saved run's checkpoints, without retraining; "
            + "results are added to the run folder under a new analysis index.")
    static final class Analyze extends Subcommand {

        @Parameters(paramLabel = "RUN_FOLDER", description = "a run folder (runs/<name>/<run>)")
        Path folder;

        @Option(names = "--analysis", required = true, paramLabel = "ID", description = "analysis id")
        String id;

        @Option(names = "--settings", paramLabel = "JSON", description = "the analysis' settings, e.g. '{\"bins\": 20}'")
        String settings;

        @Option(names = "--epoch", paramLabel = "N", description = "only this checkpoint (default: every checkpoint)")
        Integer epoch;

        Analyze(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() throws Exception {
            PrintWriter out = out();
            PrintWriter err = err();
            ExperimentSpec experiment;
            java.util.Map<String, Object> raw;
            try {
                experiment = ExperimentFiles.read(folder.resolve(RunRecorder.SPEC));
                raw = settings == null ? java.util.Map.of() : ExperimentFiles.parseSettings(settings, "--settings");
            } catch (ExperimentFileException e) {
                err.println("carnot: " + e.getMessage());
                return BAD_INPUT;
            }
            java.util.TreeMap<Integer, Path> checkpoints = carnot.workspace.RunRecords.checkpoints(folder);
            Path dir = folder.resolve("checkpoints");
            if (epoch != null) {
                checkpoints.keySet().retainAll(List.of(epoch));
            }
            if (checkpoints.isEmpty()) {
                err.println("carnot: " + dir + ": no checkpoint" + (epoch == null ? "" : " of epoch " + epoch)
                        + "; a run saves its final weights there when it completes");
                return BAD_INPUT;
            }
            HotDeployedComponents.await(parent.services.get(ComponentRegistry.class),
                    new ExperimentSpec(experiment.format(), experiment.name(), experiment.description(),
                            experiment.seed(), experiment.dataset(), experiment.model(), experiment.optimizer(),
                            experiment.loss(), List.of(), experiment.training(),
                            List.of(new carnot.api.experiment.AnalysisSpec(id, raw, 0, false))));
            System.setProperty("carnot.workspace", carnot.workspace.WorkspacePaths.workspaceOf(folder).toString());
            CheckpointAnalyzer analyzer = parent.services.get(CheckpointAnalyzer.class);
            int index = RunRecorder.nextAnalysisIndex(folder);
            RunRecorder recorder = RunRecorder.appendingTo(folder);
            for (java.util.Map.Entry<Integer, Path> checkpoint : checkpoints.entrySet()) {
                long start = System.nanoTime();
                AnalysisResult result;
                try {
                    result = analyzer.analyze(experiment, checkpoint.getKey(), Files.readAllBytes(checkpoint.getValue()),
                            new carnot.api.experiment.ComponentSpec(id, raw), new TerminalProgress.Quiet(parent.cancelled));
                } catch (InvalidExperimentException e) {
                    err.println("carnot: " + folder + ": " + e.getMessage());
                    return BAD_INPUT;
                } catch (Exception e) {
                    err.println("carnot: analysis " + id + " failed on epoch " + checkpoint.getKey() + ": " + e);
                    return RUN_FAILED;
                }
                recorder.onEvent(new RunEvent.AnalysisDone(id, index, checkpoint.getKey(), result,
                        (System.nanoTime() - start) / 1e9));
                out.println(String.format(Locale.ROOT, "carnot: %s on epoch %d: %s", id, checkpoint.getKey(),
                        result.scalars()));
            }
            out.println("carnot: results in " + folder.resolve("analyses").resolve(index + "-" + id));
            return OK;
        }
    }

    @Command(name = "report", description = "Write a self-contained HTML report (inline SVG charts; PNG and SVG "
            + "figures beside it) of a run folder or a sweep folder.")
    static final class Report extends Subcommand {

        @Parameters(paramLabel = "FOLDER", description = "a run folder (runs/<name>/<run>) or a sweep folder "
                + "(runs/<name>/sweep-<time>)")
        Path folder;

        @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "where to write report.html and "
                + "figures/ (default: FOLDER/report)")
        Path output;

        Report(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() throws IOException {
            PrintWriter out = out();
            PrintWriter err = err();
            try {
                if (!Files.isDirectory(folder)) {
                    err.println("carnot: " + folder + ": no such folder");
                    return BAD_INPUT;
                }
                Path page = carnot.report.Reports.write(folder, output == null ? folder.resolve("report") : output);
                out.println("carnot: report in " + page);
                return OK;
            } catch (carnot.report.Reports.ReportException e) {
                err.println("carnot: " + e.getMessage());
                return BAD_INPUT;
            } catch (IOException e) {
                err.println("carnot: cannot write the report into " + (output == null ? folder.resolve("report") : output)
                        + ": " + carnot.workspace.WorkspacePaths.describe(e));
                return CANNOT_WRITE;
            }
        }
    }

    /**
     * False, after saying so, when a workspace given with {@code --workspace} is not a folder (the
     * launcher has pointed FileInstall at its {@code plugins/} folder).
     */
    static boolean workspaceExists(Path option, PrintWriter err) {
        if (option == null || Files.isDirectory(option)) {
            return true;
        }
        err.println("carnot: --workspace " + option + ": not a folder");
        return false;
    }

    static Path workspaceRoot(Path option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("CARNOT_WORKSPACE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String property = System.getProperty("carnot.workspace");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return Path.of(System.getProperty("user.dir"));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            org.osgi.framework.Bundle bundle = org.osgi.framework.FrameworkUtil.getBundle(CarnotCommand.class);
            return new String[] {"carnot " + (bundle == null ? "(unknown)" : bundle.getVersion())};
        }
    }
}
