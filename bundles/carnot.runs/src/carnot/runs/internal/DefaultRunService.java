package carnot.runs.internal;

import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.CheckpointAnalyzer;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.runs.AnalysisFailedException;
import carnot.api.runs.Execution;
import carnot.api.runs.PointStatus;
import carnot.api.runs.Reanalysis;
import carnot.api.runs.RunConflictException;
import carnot.api.runs.RunFolder;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunObserver;
import carnot.api.runs.RunRequest;
import carnot.api.runs.RunService;
import carnot.api.runs.RunState;
import carnot.api.runs.SweepInfo;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunFolderReader;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import carnot.workspace.SweepRecords;
import carnot.workspace.Sweeps;
import carnot.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The run service: the one place that chooses, creates, locks, continues and records run folders,
 * re-analyzes checkpoints and reports status with liveness. Front ends call it; executors carry
 * the points out.
 */
@Component(service = RunService.class)
public final class DefaultRunService implements RunService {

    @Reference
    private ComponentRegistry registry;

    @Reference
    private ExperimentRunner runner;

    @Reference
    private CheckpointAnalyzer analyzer;

    /** How many executions {@link #executions()} remembers at least, ended ones included. */
    private static final int KEPT_EXECUTIONS = 500;

    private final EngineTurns engine = new EngineTurns();

    private RecordedExecutions recorded() {
        return new RecordedExecutions(registry, new PointRun(runner, engine));
    }
    private final List<ServiceExecution> executions = new CopyOnWriteArrayList<>();

    @Override
    public Execution start(RunRequest request) throws InvalidExperimentException, RunConflictException, IOException {
        Workspace workspace = new Workspace(request.workspace());
        if (!Files.isDirectory(workspace.root())) {
            throw new InvalidExperimentException(null, "workspace " + workspace.root() + " is not a folder");
        }
        String source = request.file().map(Path::toString).orElseGet(() -> request.spec()
                .map(s -> "experiment " + s.name()).orElseGet(() -> request.into().orElseThrow().toString()));
        Optional<Path> group = request.members().isEmpty() ? Optional.empty()
                : Optional.of(inside(workspace, request.into().orElseThrow()));
        ServiceContext context = new ServiceContext(workspace, new PointRun(runner, engine), source, request.client(),
                request.observer(), request.monitor(), group);
        ExecutorChoice choice = ExecutorChoice.choose(registry, workspace.root(), request, context);
        ServiceExecution execution;
        if (group.isPresent()) {
            execution = MemberLaunch.start(new SpecResolver(registry), workspace, group.get(), request, choice,
                    context);
        } else if (request.file().isPresent() && isSweep(request.file().get())) {
            execution = new SweepLaunch(new SpecResolver(registry), recorded()).start(workspace, request.file().get(), request,
                    choice, context);
        } else {
            execution = single(workspace, request, source, choice, context);
        }
        executions.add(execution);
        forgetOldest();
        return execution;
    }

    /** Keeps the list of a long session (a workbench) bounded: the oldest ended executions go first. */
    private void forgetOldest() {
        for (ServiceExecution execution : executions) {
            if (executions.size() <= KEPT_EXECUTIONS) {
                return;
            }
            if (execution.isDone()) {
                executions.remove(execution);
            }
        }
    }

    private ServiceExecution single(Workspace workspace, RunRequest request, String source, ExecutorChoice choice,
            ServiceContext context) throws InvalidExperimentException, RunConflictException, IOException {
        ExperimentSpec spec = experiment(workspace, request);
        if (request.seed().isPresent()) {
            spec = spec.withSeed(request.seed().get());
        }
        ExperimentSpec resolved;
        try {
            resolved = resolve(spec);
        } catch (InvalidExperimentException e) {
            throw new InvalidExperimentException(null, source + ": " + e.getMessage(), e);
        }
        Path folder;
        boolean created = false;
        if (request.into().isPresent()) {
            folder = inside(workspace, request.into().get());
            Files.createDirectories(folder);
        } else {
            folder = request.fresh() ? null : RunFolderChoice.continuable(workspace, resolved);
            if (folder == null) {
                folder = workspace.createRunFolder(resolved);
                created = true;
            }
        }
        carnot.api.runs.RunPoint point = new carnot.api.runs.RunPoint(0, "", folder, spec);
        Execution points = choice.executor().submit(List.of(point), choice.settings(), context);
        Path runFolder = folder;
        boolean fresh = created;
        return ServiceExecution.follow(choice.id(), folder, points, request.monitor(), ended -> {
            if (fresh) {
                RunFolderChoice.removeIfNeverStarted(runFolder);
            }
            return new ServiceExecution.Outcome(ended.exitCode().orElseThrow(), ended.message());
        });
    }

    /** The request's experiment: the file's, the value, or what the folder to continue holds. */
    private static ExperimentSpec experiment(Workspace workspace, RunRequest request)
            throws InvalidExperimentException, IOException {
        if (request.spec().isPresent()) {
            return request.spec().get();
        }
        Path file;
        if (request.file().isPresent()) {
            file = request.file().get();
        } else {
            Path folder = inside(workspace, request.into().orElseThrow());
            file = folder.resolve(SweepRecords.POINT);
            if (!Files.isRegularFile(file)) {
                file = folder.resolve(RunRecorder.SPEC);
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidExperimentException(null, folder + ": nothing to continue: it has neither "
                        + SweepRecords.POINT + " nor " + RunRecorder.SPEC);
            }
        }
        try {
            return ExperimentFiles.read(file);
        } catch (ExperimentFileException e) {
            throw new InvalidExperimentException(null, e.getMessage(), e);
        }
    }

    /** A folder named by the request, refused (as bad input) if it lies outside the workspace. */
    private static Path inside(Workspace workspace, Path folder) throws InvalidExperimentException {
        try {
            return workspace.inside(folder);
        } catch (IOException e) {
            throw new InvalidExperimentException(null, "--into: " + e.getMessage(), e);
        }
    }

    private static boolean isSweep(Path file) throws InvalidExperimentException {
        try {
            return Sweeps.isSweep(file);
        } catch (ExperimentFileException e) {
            throw new InvalidExperimentException(null, e.getMessage(), e);
        }
    }

    @Override
    public ExperimentSpec resolve(ExperimentSpec spec) throws InvalidExperimentException {
        return new SpecResolver(registry).resolve(spec);
    }

    @Override
    public Reanalysis reanalyze(Path runFolder, ComponentSpec analysis, Optional<Integer> epoch, String client,
            RunObserver observer, ProgressMonitor monitor)
            throws InvalidExperimentException, RunConflictException, AnalysisFailedException, IOException {
        return new Reanalyzer(analyzer, engine).run(runFolder.toAbsolutePath().normalize(), analysis, epoch, client,
                observer == null ? RunObserver.NONE : observer, monitor == null ? ProgressMonitor.NONE : monitor);
    }

    @Override
    public boolean cancel(Path folder) {
        boolean any = false;
        for (ServiceExecution execution : executions) {
            if (!execution.isDone() && execution.covers(folder)) {
                execution.cancel();
                any = true;
            }
        }
        if (!any) {
            // Started by another process that may be gone: the executor's record (a SLURM job) knows.
            try {
                Optional<Execution> elsewhere = recorded().active(folder.toAbsolutePath().normalize());
                elsewhere.ifPresent(Execution::cancel);
                any = elsewhere.isPresent();
            } catch (IOException e) {
                return false;
            }
        }
        return any;
    }

    @Override
    public Optional<Execution> reattach(Path folder) throws IOException {
        return recorded().reattach(folder.toAbsolutePath().normalize());
    }

    @Override
    public List<Execution> executions() {
        return List.copyOf(executions);
    }

    @Override
    public RunInfo status(Path runFolder) throws IOException {
        return recorded().run(RunRecords.info(runFolder));
    }

    @Override
    public List<RunInfo> runs(Path workspace) throws IOException {
        List<RunInfo> runs = new ArrayList<>();
        for (Path folder : new Workspace(workspace).runFolders()) {
            try {
                runs.add(recorded().run(RunRecords.info(folder)));
            } catch (IOException e) {
                // One damaged folder must not hide the others.
                runs.add(new RunInfo(folder, RunState.UNREADABLE, 0, 0, e.getMessage(), Optional.empty(),
                        Optional.empty(), Optional.empty(), false));
            }
        }
        return runs;
    }

    @Override
    public List<SweepInfo> sweeps(Path workspace) throws IOException {
        List<SweepInfo> sweeps = new ArrayList<>();
        for (Path folder : new Workspace(workspace).sweepFolders()) {
            try {
                sweeps.add(recorded().sweep(SweepRecords.info(folder)));
            } catch (IOException e) {
                sweeps.add(new SweepInfo(folder, folder.getParent().getFileName().toString(), RunState.UNREADABLE, 0,
                        null, e.getMessage(), Optional.empty(), Optional.empty()));
            }
        }
        return sweeps;
    }

    @Override
    public SweepInfo sweepStatus(Path sweepFolder) throws IOException {
        return recorded().sweep(SweepRecords.info(sweepFolder));
    }

    @Override
    public RunFolder open(Path runFolder) {
        return new RunFolderReader(runFolder);
    }

    @Override
    public List<PointStatus> sweepPoints(Path sweepFolder) throws IOException {
        Sweeps.Plan plan;
        try {
            plan = Sweeps.parse(sweepFolder.resolve(SweepRecords.SWEEP),
                    Files.readString(sweepFolder.resolve(SweepRecords.SWEEP)));
        } catch (ExperimentFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<PointStatus> points = new ArrayList<>();
        for (Sweeps.Point point : plan.points()) {
            Path folder = sweepFolder.resolve(SweepRecords.POINTS).resolve(point.folder());
            RunInfo info = Files.isDirectory(folder) ? RunRecords.info(folder) : null;
            RunState state = info == null ? RunState.PENDING : info.state();
            points.add(new PointStatus(point.index(), point.label() + " seed " + point.seed(), folder, state,
                    info == null || info.state() == RunState.PENDING ? Optional.empty() : Optional.of(info), ""));
        }
        return points;
    }
}
