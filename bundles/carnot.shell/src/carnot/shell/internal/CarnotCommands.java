package carnot.shell.internal;

import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.PreparedRun;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunListener;
import carnot.api.experiment.RunOutcome;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import carnot.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
    private ExperimentRunner runner;

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

    /** {@code carnot:run FILE}: runs an experiment file in this runtime; results under the workspace. */
    public String run(String file) throws IOException {
        Path path = workspace().root().resolve(file);
        ExperimentSpec spec;
        try {
            spec = ExperimentFiles.read(path);
        } catch (ExperimentFileException e) {
            return "carnot: " + e.getMessage();
        }
        try (PreparedRun prepared = runner.prepare(spec, ProgressMonitor.NONE)) {
            Path folder = workspace().createRunFolder(prepared.resolvedSpec());
            System.out.println("carnot: run folder " + folder);
            RunListener echo = event -> {
                if (event instanceof RunEvent.EpochEnd end) {
                    System.out.println(String.format(Locale.ROOT, "carnot: epoch %d: train error %.4f, test error %.4f",
                            end.metrics().epoch(), end.metrics().trainError(), end.metrics().testError()));
                } else if (event instanceof RunEvent.AnalysisFailed failed) {
                    System.out.println("carnot: analysis " + failed.id() + " failed: " + failed.message());
                }
            };
            RunOutcome outcome = prepared.execute(RunListener.all(new RunRecorder(folder), echo), ProgressMonitor.NONE);
            return "carnot: " + outcome.status().label() + " after " + outcome.epochsCompleted() + " epochs"
                    + (outcome.message().isEmpty() ? "" : ": " + outcome.message()) + "; results in " + folder;
        } catch (InvalidExperimentException e) {
            return "carnot: " + path + ": " + e.getMessage();
        }
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

    /** {@code carnot:status}: every run of the workspace with its status, oldest first. */
    public String status() throws IOException {
        Workspace workspace = workspace();
        StringBuilder text = new StringBuilder();
        for (Path folder : workspace.runFolders()) {
            RunRecords.Status s = RunRecords.status(folder);
            text.append(String.format(Locale.ROOT, "%-10s %3d/%-3d %s%s%n", s.status(), s.epochsCompleted(),
                    s.epochsPlanned(), workspace.root().relativize(folder), s.message().isEmpty() ? "" : "  " + s.message()));
        }
        return text.append("workspace ").append(workspace.root()).toString();
    }

    private static Workspace workspace() {
        String property = System.getProperty("carnot.workspace");
        return new Workspace(Path.of(property == null || property.isBlank() ? System.getProperty("user.dir") : property));
    }
}
