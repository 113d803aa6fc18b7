package carnot.runs.internal;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.MemoryEstimate;
import carnot.api.runs.ExecutionContext;
import carnot.api.runs.ExitCode;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunObserver;
import carnot.api.runs.RunPoint;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecords;
import carnot.workspace.SweepRecords;
import carnot.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** What the run service gives an executor for one request. */
final class ServiceContext implements ExecutionContext {

    private final Workspace workspace;
    private final PointRun pointRun;
    private final String source;
    private final String client;
    private final RunObserver observer;
    private final ProgressMonitor monitor;

    private final Optional<Path> group;

    ServiceContext(Workspace workspace, PointRun pointRun, String source, String client, RunObserver observer,
            ProgressMonitor monitor) {
        this(workspace, pointRun, source, client, observer, monitor, Optional.empty());
    }

    /** @param group the folder of a request's members together, if it has members */
    ServiceContext(Workspace workspace, PointRun pointRun, String source, String client, RunObserver observer,
            ProgressMonitor monitor, Optional<Path> group) {
        this.group = group;
        this.workspace = workspace;
        this.pointRun = pointRun;
        this.source = source;
        this.client = client;
        this.observer = observer;
        this.monitor = monitor;
    }

    @Override
    public Path workspace() {
        return workspace.root();
    }

    @Override
    public ExitCode runHere(RunPoint point, RunObserver pointObserver, BooleanSupplier cancelled) {
        String where = point.label().isEmpty() ? source : source + " (sweep point " + point.label() + ")";
        return pointRun.run(point, where, client, pointObserver, monitor, cancelled);
    }

    @Override
    public List<String> pointCommand(RunPoint point) throws IOException {
        Path launcher = launcher().orElseThrow(() -> new IllegalStateException("this process was not started from "
                + "the carnot launcher (CARNOT_LAUNCHER is not set): it cannot start point processes"));
        Path file = point.folder().resolve(SweepRecords.POINT);
        if (!Files.isRegularFile(file)) {
            ExperimentFiles.write(point.spec(), file);
        }
        // The point runs in that process, whatever the workspace's default executor says.
        return List.of(launcher.toString(), "run", file.toString(), "--into", point.folder().toString(),
                "--executor", InProcessExecutor.ID, "--quiet", "--workspace", workspace.root().toString());
    }

    @Override
    public Optional<Path> launcher() {
        return installedLauncher();
    }

    /** The {@code carnot} script this process was started from ({@code CARNOT_LAUNCHER}), if executable. */
    static Optional<Path> installedLauncher() {
        String value = System.getenv("CARNOT_LAUNCHER");
        if (value == null || value.isBlank()) {
            value = System.getProperty("carnot.launcher");
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public RunObserver observer() {
        return observer;
    }

    /** The request's monitor: preparation progress and cancellation. */
    ProgressMonitor monitor() {
        return monitor;
    }

    @Override
    public Optional<Path> group() {
        return group;
    }

    @Override
    public Optional<MemoryEstimate> memoryEstimate(RunPoint point) {
        return pointRun.estimate(point, monitor);
    }

    @Override
    public java.util.OptionalLong availableMemory() {
        return pointRun.availableMemory();
    }

    @Override
    public RunInfo inspect(Path pointFolder) throws IOException {
        return RunRecords.info(pointFolder);
    }

    @Override
    public int threadBudget() {
        String env = System.getenv("CARNOT_THREADS");
        if (env != null && env.matches("\\d{1,4}") && Integer.parseInt(env) > 0) {
            return Integer.parseInt(env);
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
