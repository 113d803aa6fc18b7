package carnot.runs.internal;

import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.runs.Execution;
import carnot.api.runs.Executor;
import carnot.api.runs.PointStatus;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunObserver;
import carnot.api.runs.RunState;
import carnot.api.runs.SweepInfo;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.internal.FolderLock;
import carnot.workspace.SweepRecords;
import carnot.workspace.Sweeps;
import carnot.workspace.Workspace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executions that outlive the process that submitted them (a SLURM array job), found again through
 * the record their executor left in the run or sweep folder ({@link Executor#RECORD}): what
 * {@code carnot status} shows beside a folder's own state, and how a sweep whose submitting process
 * is gone gets its summary once every point has ended.
 */
final class RecordedExecutions {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ComponentRegistry registry;
    private final PointRun pointRun;

    RecordedExecutions(ComponentRegistry registry, PointRun pointRun) {
        this.registry = registry;
        this.pointRun = pointRun;
    }

    /** The execution recorded in {@code folder}, as its executor reports it now. */
    Optional<Execution> reattach(Path folder) throws IOException {
        Path file = folder.resolve(Executor.RECORD);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read: " + e.getMessage(), e);
        }
        String id = node.path("executor").asText("");
        Optional<Executor> executor = registry.find(ComponentKind.EXECUTOR, id, Executor.class);
        if (executor.isEmpty()) {
            return Optional.empty();
        }
        Path workspace = Path.of(node.path("workspace").asText(folder.toString()));
        ServiceContext context = new ServiceContext(new Workspace(workspace), pointRun, folder.toString(),
                "carnot status", RunObserver.NONE, ProgressMonitor.NONE);
        return executor.get().reattach(folder, context);
    }

    /** A recorded execution of {@code folder} that still has points queued or running, if any. */
    Optional<Execution> active(Path folder) throws IOException {
        return reattach(folder).filter(execution -> !execution.isDone());
    }

    /**
     * A sweep's state with its recorded execution: queued or running while the scheduler still works
     * on it (nobody holds the sweep's lock then: its submitter may be gone); and, once every point has
     * completed or failed and nobody holds the lock, the summary and status written here (by whoever
     * looks first: the job's last task, {@code carnot status}).
     */
    SweepInfo sweep(SweepInfo info) throws IOException {
        if (info.state() != RunState.INTERRUPTED) {
            return info;
        }
        // The folders first: the job's last task asks while the scheduler still counts it as running.
        int ended = info.count(RunState.COMPLETED) + info.count(RunState.FAILED);
        if (ended == info.points() && info.points() > 0 && settle(info)) {
            return SweepRecords.info(info.folder());
        }
        Optional<Execution> recorded = reattach(info.folder());
        if (recorded.isPresent() && !recorded.get().isDone()) {
            List<PointStatus> points = recorded.get().points();
            RunState state = points.stream().anyMatch(p -> p.state() == RunState.RUNNING) ? RunState.RUNNING
                    : RunState.QUEUED;
            String described = describe(recorded.get(), points);
            return new SweepInfo(info.folder(), info.name(), state, info.points(), info.pointStates(), described,
                    info.updatedAt(), info.holder(), Optional.of(described));
        }
        return info;
    }

    /**
     * A run's state with its recorded execution and what its scheduler says: queued or running while
     * the scheduler works on it; interrupted, with the scheduler's reason, when the scheduler stopped
     * it (a time limit, preemption, scancel) rather than a user's cancel.
     */
    RunInfo run(RunInfo info) throws IOException {
        if (info.state() == RunState.COMPLETED || info.state() == RunState.FAILED) {
            return info;
        }
        Optional<Execution> recorded = reattach(info.folder());
        if (recorded.isEmpty() || recorded.get().points().isEmpty()) {
            return info;
        }
        List<PointStatus> points = recorded.get().points();
        PointStatus point = points.get(0);
        String scheduler = point.run().flatMap(RunInfo::schedulerState)
                .orElse(recorded.get().executor() + " " + point.executorState());
        if (!recorded.get().isDone()) {
            RunState state = info.state() == RunState.RUNNING ? RunState.RUNNING : point.state();
            return info.withScheduler(state, describe(recorded.get(), points), scheduler);
        }
        if (point.state() == RunState.INTERRUPTED) {
            return info.withScheduler(RunState.INTERRUPTED, point.run().map(RunInfo::message).orElse(info.message()),
                    scheduler);
        }
        return info.withScheduler(info.state(), info.message(), scheduler);
    }

    /** E.g. {@code slurm: 2 running, 2 queued; job 123_0 RUNNING, log ...}. */
    static String describe(Execution execution, List<PointStatus> points) {
        Map<RunState, Integer> counts = new EnumMap<>(RunState.class);
        points.forEach(p -> counts.merge(p.state(), 1, Integer::sum));
        StringBuilder text = new StringBuilder(execution.executor()).append(':');
        counts.forEach((state, n) -> text.append(' ').append(n).append(' ').append(state.label()).append(','));
        text.setLength(text.length() - 1);
        points.stream().filter(p -> p.state().isActive()).findFirst()
                .ifPresent(p -> text.append("; ").append(p.executorState()));
        return text.toString();
    }

    /** Writes the summary and status of a sweep whose points have all ended; false if someone holds it. */
    private static boolean settle(SweepInfo info) throws IOException {
        Path folder = info.folder();
        Sweeps.Plan plan;
        try {
            plan = Sweeps.parse(folder.resolve(SweepRecords.SWEEP), Files.readString(folder.resolve(SweepRecords.SWEEP)));
        } catch (ExperimentFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        try (FolderLock lock = FolderLock.acquire(folder, "carnot status (writing the sweep's summary)")) {
            SweepRecords.writeSummary(folder, plan);
            int failed = info.count(RunState.FAILED);
            SweepRecords.writeStatus(folder, failed == 0 ? "completed" : "failed", info.points(),
                    info.count(RunState.COMPLETED), failed, failed == 0 ? "" : failed + " point(s) failed; see their "
                            + "run.log and `carnot status " + folder + "`");
            return true;
        } catch (FolderLock.HeldException e) {
            // Its submitter follows it and writes the summary itself.
            return false;
        }
    }
}
