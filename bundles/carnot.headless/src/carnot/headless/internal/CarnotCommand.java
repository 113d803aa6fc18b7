package carnot.headless.internal;

import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Setting;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.PreparedRun;
import carnot.api.runs.ExitCode;
import carnot.api.runs.RunService;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.Sweeps;
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
        subcommands = {RunCommand.class, CarnotCommand.Validate.class, CarnotCommand.Components.class,
                AnalyzeCommand.class, StatusCommand.class, CancelCommand.class, StudyCommands.Stability.class,
                StudyCommands.BiasVariance.class, CarnotCommand.NewMetric.class, CarnotCommand.Report.class,
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
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == RunCommand.class) {
                    return type.cast(new RunCommand(command));
                }
                if (type == Validate.class) {
                    return type.cast(new Validate(command));
                }
                if (type == Components.class) {
                    return type.cast(new Components(command));
                }
                if (type == AnalyzeCommand.class) {
                    return type.cast(new AnalyzeCommand(command));
                }
                if (type == StatusCommand.class) {
                    return type.cast(new StatusCommand(command));
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
                    RunService service = parent.services.get(RunService.class);
                    for (Sweeps.Point point : plan.points()) {
                        try {
                            service.resolve(point.spec());
                        } catch (InvalidExperimentException e) {
                            err.println("carnot: " + file + ": " + (point.values().isEmpty() ? ""
                                    : "sweep point " + point.label() + ": ") + e.getMessage());
                            return BAD_INPUT;
                        }
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
