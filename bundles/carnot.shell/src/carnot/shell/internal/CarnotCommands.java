package carnot.shell.internal;

import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.RunEvent;
import carnot.api.runs.Execution;
import carnot.api.runs.ExitCode;
import carnot.api.runs.RunConflictException;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunObserver;
import carnot.api.runs.RunPoint;
import carnot.api.runs.RunRequest;
import carnot.api.runs.RunService;
import carnot.api.runs.RunState;
import carnot.api.runs.SweepInfo;
import carnot.workspace.RunRecorder;
import carnot.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands for a running Carnot ({@code carnot shell}): what is installed right now, run an
 * experiment in this runtime, the status of the workspace's runs, the testkit on an analysis. Plain methods published as a
 * DS service with the {@code osgi.command.*} properties, the way Felix's own commands are.
 */
@Component(service = CarnotCommands.class, property = {"osgi.command.scope=carnot",
        "osgi.command.function=components", "osgi.command.function=run", "osgi.command.function=status",
        "osgi.command.function=check"})
public final class CarnotCommands {

    @Reference
    private ComponentRegistry registry;

    @Reference
    private RunService runs;

    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    /**
     * {@code carnot:components}: one line per installed component, with the bundle that provides it;
     * then every plugin that is not running, with the reason.
     */
    public String components() {
        List<ComponentDescriptor> all = registry.components();
        StringBuilder text = new StringBuilder();
        for (ComponentDescriptor d : all) {
            text.append(String.format(Locale.ROOT, "%-12s %-20s %s   [%s %s]%n", d.kind().label(), d.id(), d.title(),
                    d.bundle(), d.bundleVersion()));
        }
        text.append(all.size()).append(" components installed");
        for (String duplicate : registry.duplicates()) {
            text.append(System.lineSeparator()).append("warning: ").append(duplicate);
        }
        for (String problem : pluginProblems()) {
            text.append(System.lineSeparator()).append(problem);
        }
        return text.toString();
    }

    /**
     * Bundles hot-deployed from the plugins folder that are not running, each with the reason the
     * framework gives (an unresolved import, an exception in its activator).
     */
    private List<String> pluginProblems() {
        String dir = context.getProperty("felix.fileinstall.dir");
        List<String> problems = new java.util.ArrayList<>();
        if (dir == null) {
            return problems;
        }
        String folder = Path.of(dir).toUri().toString();
        for (Bundle bundle : context.getBundles()) {
            if (!bundle.getLocation().startsWith(folder) && !bundle.getLocation().startsWith("file:" + dir)) {
                continue;
            }
            if ((bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING | Bundle.UNINSTALLED)) != 0) {
                continue;
            }
            String reason;
            try {
                // What FileInstall does anyway; here to learn why it fails.
                bundle.start(Bundle.START_TRANSIENT);
                continue;
            } catch (BundleException | RuntimeException e) {
                reason = e.getMessage();
            }
            problems.add("plugin " + bundle.getLocation().substring(bundle.getLocation().lastIndexOf('/') + 1)
                    + " (" + bundle.getSymbolicName() + ") is not running: " + reason);
        }
        return problems;
    }

    /**
     * {@code carnot:run FILE}: runs an experiment or sweep file in this runtime through the run
     * service (the folder locked while it trains, resume state recorded, an interrupted run of the
     * same file continued); results under the workspace.
     */
    public String run(String file) throws IOException, InterruptedException {
        Workspace workspace = workspace();
        Path path = workspace.root().resolve(file);
        RunObserver echo = new RunObserver() {
            @Override
            public void onEvent(RunPoint point, RunEvent event) {
                if (event instanceof RunEvent.EpochEnd end && point.label().isEmpty()) {
                    System.out.println(String.format(Locale.ROOT, "carnot: epoch %d: train error %.4f, test error %.4f",
                            end.metrics().epoch(), end.metrics().trainError(), end.metrics().testError()));
                } else if (event instanceof RunEvent.AnalysisFailed failed) {
                    System.out.println("carnot: analysis " + failed.id() + " failed: " + failed.message());
                }
            }

            @Override
            public void onMessage(String line) {
                System.out.println("carnot: " + line);
            }

            @Override
            public void onProblem(String line) {
                System.out.println("carnot: " + line);
            }
        };
        Execution execution;
        try {
            execution = runs.start(RunRequest.builder().setWorkspace(workspace.root()).setFile(path)
                    .optClient("carnot:run " + file + " (shell)").optObserver(echo).build());
        } catch (InvalidExperimentException | RunConflictException e) {
            return "carnot: " + e.getMessage();
        }
        while (!execution.isDone()) {
            execution.await(1, TimeUnit.SECONDS);
        }
        ExitCode code = execution.exitCode().orElse(ExitCode.INTERNAL);
        Path folder = execution.folder();
        if (!Files.isRegularFile(folder.resolve(RunRecorder.STATUS))) {
            return "carnot: " + code.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + execution.message();
        }
        if (execution.points().size() > 1 || !execution.points().get(0).label().isEmpty()) {
            SweepInfo sweep = runs.sweepStatus(folder);
            return "carnot: sweep " + sweep.state().label() + ": " + sweep.count(RunState.COMPLETED) + " of "
                    + sweep.points() + " points completed" + (sweep.message().isEmpty() ? "" : ": " + sweep.message())
                    + "; results in " + folder;
        }
        RunInfo info = runs.status(folder);
        return "carnot: " + info.state().label() + " after " + info.epochsCompleted() + " epochs"
                + (info.message().isEmpty() ? "" : ": " + info.message()) + "; results in " + folder;
    }

    /**
     * {@code carnot:check ID [--settings JSON] [--model JSON]}: the testkit's conformance report on an
     * installed analysis, on a tiny model the engine trains for the purpose (see {@link CheckCommand}).
     */
    public String check(String... arguments) {
        try {
            return CheckCommand.run(registry, arguments);
        } catch (NoClassDefFoundError e) {
            // The testkit is part of the SDK feature, not of the product (the shell imports it dynamically).
            return "carnot: check needs the Carnot SDK's testkit (carnot.testkit), which is not installed: "
                    + "carnot install --repository <carnot-repository.zip> carnot.sdk.feature";
        }
    }

    /**
     * {@code carnot:status}: every run and sweep of the workspace with its state as the run service
     * tells it (running only while a live process holds the folder, interrupted when it died),
     * oldest first.
     */
    public String status() throws IOException {
        Workspace workspace = workspace();
        StringBuilder text = new StringBuilder();
        for (RunInfo s : runs.runs(workspace.root())) {
            String detail = s.state() == RunState.RUNNING ? s.holder().map(h -> h.describe()).orElse("") : s.message();
            text.append(String.format(Locale.ROOT, "%-11s %3d/%-3d %s%s%n", s.state().label(), s.epochsCompleted(),
                    s.epochsPlanned(), workspace.root().relativize(s.folder()), detail.isEmpty() ? "" : "  " + detail));
        }
        for (SweepInfo s : runs.sweeps(workspace.root())) {
            text.append(String.format(Locale.ROOT, "%-11s %3d/%-3d %s (sweep)%s%n", s.state().label(),
                    s.count(RunState.COMPLETED), s.points(), workspace.root().relativize(s.folder()),
                    s.message().isEmpty() ? "" : "  " + s.message()));
        }
        return text.append("workspace ").append(workspace.root()).toString();
    }

    private static Workspace workspace() {
        String property = System.getProperty("carnot.workspace");
        return new Workspace(Path.of(property == null || property.isBlank() ? System.getProperty("user.dir") : property));
    }
}
