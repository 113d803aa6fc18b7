package carnot.runs.internal;

import carnot.api.experiment.InvalidExperimentException;
import carnot.api.runs.Execution;
import carnot.api.runs.ExitCode;
import carnot.api.runs.PointStatus;
import carnot.api.runs.RunConflictException;
import carnot.api.runs.RunPoint;
import carnot.api.runs.RunRequest;
import carnot.api.runs.RunState;
import carnot.api.runs.SweepInfo;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.internal.FolderLock;
import carnot.workspace.RunRecords;
import carnot.workspace.SweepRecords;
import carnot.workspace.Sweeps;
import carnot.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Starts a sweep: every point checked before anything runs, the sweep folder chosen (the newest
 * unfinished folder of the same sweep file, unless fresh) and locked for as long as the sweep runs,
 * the points that did not complete handed to the executor, and, when they have ended, the summary
 * over seeds and the sweep's status written. Points that failed in an earlier run of the sweep are
 * not run again (they would fail the same way); a fresh sweep starts over.
 */
final class SweepLaunch {

    private final SpecResolver resolver;
    private final RecordedExecutions recorded;

    SweepLaunch(SpecResolver resolver, RecordedExecutions recorded) {
        this.resolver = resolver;
        this.recorded = recorded;
    }

    ServiceExecution start(Workspace workspace, Path file, RunRequest request, ExecutorChoice choice,
            ServiceContext context) throws InvalidExperimentException, RunConflictException, IOException {
        if (request.seed().isPresent()) {
            throw new InvalidExperimentException(null, "--seed: a sweep lists its seeds in sweep.seeds; edit the "
                    + "file instead");
        }
        if (request.into().isPresent()) {
            throw new InvalidExperimentException(null, file + ": a sweep runs into a sweep folder of its own");
        }
        Sweeps.Plan plan;
        try {
            plan = Sweeps.read(file);
        } catch (ExperimentFileException e) {
            throw new InvalidExperimentException(null, e.getMessage(), e);
        }
        for (Sweeps.Point point : plan.points()) {
            try {
                resolver.resolve(point.spec());
            } catch (InvalidExperimentException e) {
                throw new InvalidExperimentException(null, file + ": " + (point.values().isEmpty() ? ""
                        : "sweep point " + point.label() + ": ") + e.getMessage(), e);
            }
        }
        Path folder = request.fresh() ? null : unfinished(workspace, plan);
        if (folder == null) {
            folder = SweepRecords.createFolder(workspace, plan);
        }
        FolderLock lock;
        try {
            lock = FolderLock.acquire(folder, request.client());
        } catch (FolderLock.HeldException e) {
            throw inUse(folder, e);
        }
        try {
            return launch(plan, folder, lock, choice, context);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private ServiceExecution launch(Sweeps.Plan plan, Path folder, FolderLock lock, ExecutorChoice choice,
            ServiceContext context) throws IOException {
        List<RunPoint> pending = new ArrayList<>();
        List<String> failedBefore = new ArrayList<>();
        int completed = 0;
        for (Sweeps.Point point : plan.points()) {
            Path pointFolder = SweepRecords.pointFolder(folder, point);
            RunRecords.Status status = Files.isRegularFile(pointFolder.resolve(carnot.workspace.RunRecorder.STATUS))
                    ? RunRecords.status(pointFolder) : null;
            if (status != null && status.completed()) {
                completed++;
            } else if (status != null && "failed".equals(status.status())) {
                failedBefore.add(label(point) + " (" + PointRun.failed(pointFolder, status) + ")");
            } else {
                pending.add(new RunPoint(point.index(), label(point), pointFolder, point.spec()));
            }
        }
        int total = plan.points().size();
        SweepRecords.writeStatus(folder, "running", total, completed, failedBefore.size(), "");
        context.observer().onMessage(String.format(Locale.ROOT, "sweep %s: %d points (%d cells x %d seeds), %d to run, "
                + "executor %s%s", plan.name(), total, plan.cells(), plan.seeds().size(), pending.size(), choice.id(),
                choice.settings().asMap().isEmpty() ? "" : " " + choice.settings().asMap()));
        context.observer().onMessage("sweep folder " + folder);
        failedBefore.forEach(line -> context.observer().onMessage("not rerun: " + line));
        Execution points = pending.isEmpty() ? null : choice.executor().submit(pending, choice.settings(), context);
        return ServiceExecution.follow(choice.id(), folder, points, context.monitor(),
                ended -> finish(plan, folder, lock, ended, failedBefore));
    }

    private static ServiceExecution.Outcome finish(Sweeps.Plan plan, Path folder, FolderLock lock, Execution ended,
            List<String> failedBefore) throws IOException {
        try (lock) {
            SweepRecords.writeSummary(folder, plan);
            SweepInfo info = SweepRecords.info(folder);
            int total = plan.points().size();
            int done = info.count(RunState.COMPLETED);
            List<String> failed = new ArrayList<>(failedBefore);
            if (ended != null) {
                for (PointStatus p : ended.points()) {
                    if (p.state() == RunState.FAILED) {
                        failed.add(p.label() + " in " + p.folder() + (p.executorState().isEmpty() ? ""
                                : " (" + p.executorState() + ")"));
                    }
                }
            }
            boolean cancelled = ended != null && ended.exitCode().orElse(ExitCode.OK) == ExitCode.CANCELLED;
            String status;
            ExitCode code;
            if (cancelled) {
                status = "cancelled";
                code = ExitCode.CANCELLED;
            } else if (done < total) {
                status = "failed";
                code = ExitCode.RUN_FAILED;
            } else {
                status = "completed";
                code = ExitCode.OK;
            }
            String message = failed.isEmpty() ? (done < total && !cancelled ? (total - done)
                    + " point(s) did not complete; see their run.log / console.log" : "")
                    : failed.size() + " point(s) failed: " + String.join("; ", failed)
                            + (failedBefore.isEmpty() ? "" : "; points that failed before are not rerun "
                                    + "(--fresh starts the sweep over)");
            SweepRecords.writeStatus(folder, status, total, done, failed.size(), message);
            return new ServiceExecution.Outcome(code, message);
        }
    }

    /** The newest folder of the same sweep unless it completed; refuses one a live process works in. */
    private Path unfinished(Workspace workspace, Sweeps.Plan plan) throws IOException, RunConflictException {
        List<Path> folders = new ArrayList<>(SweepRecords.sweepFolders(workspace, plan.name()));
        java.util.Collections.reverse(folders);
        for (Path candidate : folders) {
            if (!SweepRecords.sameSweep(candidate, plan)) {
                continue;
            }
            SweepInfo info = SweepRecords.info(candidate);
            if (info.state() == RunState.RUNNING) {
                throw new RunConflictException(RunConflictException.Reason.IN_USE, candidate,
                        info.holder().orElse(null), candidate + " is in use by "
                                + info.holder().map(h -> h.describe()).orElse("another process")
                                + ": the same sweep is running there; wait for it, or --fresh runs it again "
                                + "in a new folder");
            }
            Optional<Execution> elsewhere = recorded.active(candidate);
            if (elsewhere.isPresent()) {
                throw new RunConflictException(RunConflictException.Reason.IN_USE, candidate, null, candidate
                        + " is still being run by " + RecordedExecutions.describe(elsewhere.get(),
                                elsewhere.get().points()) + ": wait for it (carnot status " + candidate
                        + "), cancel it (carnot cancel " + candidate + "), or --fresh runs the sweep again in a "
                        + "new folder");
            }
            return info.state() == RunState.COMPLETED ? null : candidate;
        }
        return null;
    }

    static RunConflictException inUse(Path folder, FolderLock.HeldException e) {
        return new RunConflictException(RunConflictException.Reason.IN_USE, folder, e.holder(), e.getMessage());
    }

    private static String label(Sweeps.Point point) {
        return point.label() + " seed " + point.seed();
    }
}
