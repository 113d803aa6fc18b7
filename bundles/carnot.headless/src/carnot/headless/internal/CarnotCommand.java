package carnot.headless.internal;

import carnot.api.component.ComponentRegistry;
import carnot.api.experiment.ExperimentCheck;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.PreparedRun;
import carnot.api.runs.ExitCode;
import carnot.headless.services.Services;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code carnot}: run saved experiments and list components, headless. */
@Command(name = "carnot", mixinStandardHelpOptions = true, versionProvider = CarnotCommand.Version.class,
        description = "Carnot: a workbench for empirical deep-learning theory (headless).",
        subcommands = {RunCommand.class, ValidateCommand.class, ComponentsCommand.class,
                AnalyzeCommand.class, StatusCommand.class, CancelCommand.class, StudyCommands.Stability.class,
                StudyCommands.BiasVariance.class, MeasuresCommand.class, NewMetricCommand.class, ReportCommand.class,
                MigrateCommand.class,
                ProvisioningCommands.Install.class, ProvisioningCommands.Uninstall.class,
                ProvisioningCommands.ListInstalled.class, CliDocumentation.ManPages.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the run failed (diverged, a component failed, out of memory)",
                "2:bad input (experiment file, settings, data, plugins)", "3:internal error",
                "4:a file or folder cannot be written or read (disk full, read-only, permissions, a link "
                        + "leading out of the workspace)", "130:cancelled"})
final class CarnotCommand implements Runnable {

    static final int OK = ExitCode.OK.code();
    static final int RUN_FAILED = ExitCode.RUN_FAILED.code();
    static final int BAD_INPUT = ExitCode.BAD_INPUT.code();
    static final int INTERNAL = ExitCode.INTERNAL.code();
    static final int CANNOT_WRITE = ExitCode.CANNOT_WRITE.code();
    static final int CANCELLED = ExitCode.CANCELLED.code();

    final Services services;
    final AtomicBoolean cancelled = new AtomicBoolean();
    final CountDownLatch finished = new CountDownLatch(1);

    @Spec
    CommandLine.Model.CommandSpec spec;

    CarnotCommand(Services services) {
        this.services = services;
    }

    static CommandLine commandLine(CarnotCommand command) {
        // Every subcommand takes the parent (its services and cancellation flag); anything else picocli makes.
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
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
        ExperimentSpec experiment = read(file, seed, err);
        return experiment == null ? null : prepare(experiment, file, err);
    }

    /** Reads and checks an experiment without preparing it to run, printing a clear error for bad input; null if it failed. */
    ExperimentCheck check(Path file, PrintWriter err) {
        ExperimentSpec experiment = read(file, null, err);
        return experiment == null ? null : check(experiment, file, err);
    }

    /** Checks an experiment without preparing it to run, printing a clear error (naming {@code file}); null if it failed. */
    ExperimentCheck check(ExperimentSpec experiment, Path file, PrintWriter err) {
        return withRunner(experiment, file, err,
                runner -> runner.check(experiment, new TerminalProgress.Quiet(cancelled)));
    }

    /** Prepares an experiment, printing a clear error (naming {@code file}) for bad input; null if it failed. */
    PreparedRun prepare(ExperimentSpec experiment, Path file, PrintWriter err) {
        return withRunner(experiment, file, err,
                runner -> runner.prepare(experiment, new TerminalProgress.Quiet(cancelled)));
    }

    private static ExperimentSpec read(Path file, Long seed, PrintWriter err) {
        try {
            ExperimentSpec experiment = ExperimentFiles.read(file, warning -> err.println("carnot: warning: " + warning));
            return seed == null ? experiment : experiment.withSeed(seed);
        } catch (ExperimentFileException e) {
            err.println("carnot: " + e.getMessage());
            return null;
        }
    }

    /** What the runner does with an experiment. */
    private interface RunnerCall<T> {
        T apply(ExperimentRunner runner) throws InvalidExperimentException;
    }

    private <T> T withRunner(ExperimentSpec experiment, Path file, PrintWriter err, RunnerCall<T> call) {
        try {
            // Plugins in <workspace>/plugins are installed asynchronously at start-up: wait for them.
            HotDeployedComponents.await(services.get(ComponentRegistry.class), experiment);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return call.apply(services.get(ExperimentRunner.class));
        } catch (InvalidExperimentException e) {
            err.println("carnot: " + file + ": " + e.getMessage());
            // A component a plugin was to provide: say what happened to the plugins, in the framework's words.
            PluginDiagnostics.problems(services.context()).forEach(problem -> err.println("carnot: " + problem));
            return null;
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

    /** The workspace of the {@code --workspace} option (or its default), or null after saying why it cannot be used. */
    static Workspace openWorkspace(Path option, PrintWriter err) {
        Workspace ws = new Workspace(workspaceRoot(option));
        if (!Files.isDirectory(ws.root())) {
            err.println("carnot: workspace " + ws.root() + " is not a folder");
            return null;
        }
        return ws;
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
