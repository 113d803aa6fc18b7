package carnot.runs.internal.slurm;

import carnot.api.runs.Execution;
import carnot.api.runs.ExecutionContext;
import carnot.api.runs.ExitCode;
import carnot.api.runs.PointStatus;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunObserver;
import carnot.api.runs.RunPoint;
import carnot.api.runs.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A SLURM array job of points, as the controller ({@code scontrol show job}) and the point folders
 * report it. Made by the process that submitted it, which follows it on a thread of its own, or by
 * any later process from the job's record ({@link SlurmRecord}), which asks on each call.
 *
 * <p>The folder says how a point's run went; the scheduler says whether a task will still work on
 * it. A point whose task was requeued (preempted, {@code scontrol requeue}) recorded that it was
 * stopped, but the scheduler will start it again and it will continue from its last saved epoch: it
 * is queued, not cancelled, for as long as its task is pending or running.
 */
final class SlurmExecution implements Execution {

    private static final long POLL_MILLIS = 2000;

    /** The job id of a record whose job sbatch refused. */
    static final String NOT_SUBMITTED = "0";

    /** Replaced (and written) when this process cancels the job, so that others know it was on request. */
    private volatile SlurmRecord record;
    private final SlurmCommands commands;
    private final ExecutionContext context;
    private final RunObserver observer;
    private final CountDownLatch done = new CountDownLatch(1);
    private final String[] told;
    private volatile Map<Integer, SlurmCommands.Task> tasks = Map.of();
    private volatile boolean jobForgotten;
    private volatile String problem = "";
    private volatile boolean cancelled;
    /** Whether a thread of this process polls the controller (else each call asks it). */
    private volatile boolean followed;

    SlurmExecution(SlurmRecord record, SlurmCommands commands, ExecutionContext context, RunObserver observer) {
        this.record = record;
        this.commands = commands;
        this.context = context;
        this.observer = observer;
        this.told = new String[record.points().size()];
    }

    /** An execution whose job was never submitted: every point failed to start, for {@code why}. */
    static SlurmExecution refused(SlurmRecord record, SlurmCommands commands, ExecutionContext context, String why) {
        SlurmExecution execution = new SlurmExecution(record, commands, context, context.observer());
        execution.problem = why;
        execution.jobForgotten = true;
        execution.done.countDown();
        return execution;
    }

    String job() {
        return record.job();
    }

    /** Follows the job on a daemon thread until no task of it is pending or running. */
    private void follow() {
        Thread follower = new Thread(() -> {
            try {
                while (!poll()) {
                    notifyChanges();
                    Thread.sleep(POLL_MILLIS);
                }
                notifyChanges();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        }, "carnot-slurm-" + record.job());
        follower.setDaemon(true);
        follower.start();
    }

    /** Asks the controller once; true when no task will run any more. */
    private boolean poll() {
        try {
            Optional<Map<Integer, SlurmCommands.Task>> now = commands.tasks(record.job());
            if (now.isEmpty()) {
                jobForgotten = true;
                return true;
            }
            tasks = now.get();
            noteStops();
            if (!problem.isEmpty()) {
                observer.onMessage("slurm: the controller answers again");
                problem = "";
            }
            return tasks.values().stream().allMatch(SlurmCommands.Task::ended);
        } catch (IOException e) {
            if (!e.getMessage().equals(problem)) {
                observer.onProblem("slurm: job " + record.job() + ": " + e.getMessage() + " (still following)");
            }
            problem = e.getMessage();
            return false;
        }
    }

    /**
     * Keeps in the record the tasks SLURM stopped (a time limit, preemption, the memory limit,
     * {@code scancel}): the controller forgets ended jobs after MinJobAge, the folder must not.
     */
    private void noteStops() {
        for (SlurmCommands.Task task : tasks.values()) {
            if (task.stoppedByScheduler()) {
                try {
                    record.stopped(task.index(), task.state());
                } catch (IOException e) {
                    observer.onProblem("slurm: " + record.folder() + ": cannot note that task " + task.index()
                            + " was stopped (" + task.state() + "): " + e.getMessage());
                }
            }
        }
    }

    private void notifyChanges() {
        for (int task = 0; task < told.length; task++) {
            PointStatus status = status(task);
            String now = status.state() + " " + status.run().map(RunInfo::epochsCompleted).orElse(-1);
            if (!now.equals(told[task])) {
                told[task] = now;
                if (status.state() == RunState.FAILED && status.run().isEmpty()) {
                    // It ended before its run recorded anything (bad input, no launcher on the node): say why.
                    observer.onProblem(status.folder() + ": " + status.executorState() + " before its run recorded "
                            + "anything: " + carnot.runs.internal.LocalExecutor.tail(log(task)));
                }
                try {
                    observer.onPointChanged(status);
                } catch (RuntimeException e) {
                    // An observer's failure must not stop the following; the folders keep the record.
                }
            }
        }
    }

    @Override
    public String executor() {
        return SlurmExecutor.ID;
    }

    @Override
    public Path folder() {
        return record.folder();
    }

    @Override
    public List<PointStatus> points() {
        if (done.getCount() > 0 && !isFollowed()) {
            poll();
        }
        List<PointStatus> list = new ArrayList<>();
        for (int task = 0; task < record.points().size(); task++) {
            list.add(status(task));
        }
        return list;
    }

    SlurmExecution followed() {
        followed = true;
        follow();
        return this;
    }

    private boolean isFollowed() {
        return followed;
    }

    private PointStatus status(int task) {
        RunPoint point = record.points().get(task);
        SlurmCommands.Task scheduled = tasks.get(task);
        Optional<RunInfo> run = Optional.empty();
        String detail = "job " + record.job() + "_" + task;
        try {
            RunInfo info = context.inspect(point.folder());
            run = info.state() == RunState.PENDING ? Optional.empty() : Optional.of(info);
        } catch (IOException e) {
            detail += "; " + e.getMessage();
        }
        RunState recorded = run.map(RunInfo::state).orElse(RunState.PENDING);
        // Stopped by SLURM on its own (not by this service's cancel): the point is interrupted, not cancelled.
        String stop = scheduled != null ? (scheduled.stoppedByScheduler() ? scheduled.state() : null)
                : record.stops().get(task);
        boolean onRequest = cancelled || record.cancelled().isPresent();
        RunState state;
        if (recorded == RunState.COMPLETED || recorded == RunState.FAILED) {
            state = recorded;
        } else if (scheduled != null && !scheduled.ended()) {
            state = recorded == RunState.RUNNING ? RunState.RUNNING : RunState.QUEUED;
        } else if (scheduled == null && !jobForgotten && problem.isEmpty() && !cancelled) {
            state = recorded == RunState.PENDING ? RunState.QUEUED : recorded;
        } else if (recorded == RunState.PENDING) {
            // The task ended before its run recorded anything: the launcher or the experiment failed.
            state = cancelled ? RunState.CANCELLED : RunState.FAILED;
        } else {
            state = recorded;
        }
        String scheduler = "";
        if (stop != null && !onRequest && (state == RunState.CANCELLED || state == RunState.INTERRUPTED
                || recorded == RunState.PENDING && state == RunState.FAILED)) {
            state = RunState.INTERRUPTED;
        }
        if (record.job().equals(NOT_SUBMITTED)) {
            detail = "not submitted";
        } else if (scheduled != null) {
            detail += " " + scheduled.describe();
            scheduler = SlurmExecutor.ID + " job " + record.job() + "_" + task + " " + scheduled.describe();
        } else if (stop != null) {
            detail += " " + stop;
            scheduler = SlurmExecutor.ID + " job " + record.job() + "_" + task + " " + stop;
        } else if (!problem.isEmpty()) {
            detail += " (" + problem + ")";
        } else if (jobForgotten) {
            detail += " (no longer known to the controller)";
        }
        Path log = log(task);
        if (Files.isRegularFile(log)) {
            detail += ", log " + log;
        }
        RunState shown = state;
        String said = scheduler;
        run = run.map(info -> shown == RunState.INTERRUPTED && stop != null
                ? info.withScheduler(shown, stoppedBy(stop, info), said)
                : info.withScheduler(info.state(), info.message(), said));
        return new PointStatus(point.index(), point.label(), point.folder(), state, run, detail);
    }

    /** Why a point SLURM stopped is interrupted, in words, e.g. after a time limit. */
    private static String stoppedBy(String stop, RunInfo info) {
        String why = switch (stop) {
            case "TIMEOUT" -> "its time limit ran out";
            case "PREEMPTED" -> "it was preempted";
            case "OUT_OF_MEMORY" -> "it used more memory than it asked for";
            case "NODE_FAIL", "BOOT_FAIL" -> "its node failed";
            case "DEADLINE" -> "its deadline passed";
            default -> "it was cancelled with scancel";
        };
        return "stopped by SLURM (" + stop + ": " + why + ") after epoch " + info.epochsCompleted() + "; resumable: "
                + "carnot run of the same experiment continues it from its last saved epoch";
    }

    /** The task's output ({@code slurm/%A_%a.out}). */
    Path log(int task) {
        return record.folder().resolve(SlurmExecutor.FOLDER).resolve(record.job() + "_" + task + ".out");
    }

    @Override
    public boolean isDone() {
        if (done.getCount() > 0 && !isFollowed()) {
            if (poll()) {
                done.countDown();
            }
        }
        return done.getCount() == 0;
    }

    @Override
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        if (!isFollowed()) {
            long end = System.nanoTime() + unit.toNanos(timeout);
            while (!isDone() && System.nanoTime() < end) {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            }
            return isDone();
        }
        return done.await(timeout, unit);
    }

    @Override
    public void cancel() {
        if (cancelled || done.getCount() == 0) {
            return;
        }
        cancelled = true;
        try {
            // Noted before scancel: a point cancelled on request stays cancelled; one SLURM stops is interrupted.
            record = record.cancelledNow();
            record.write();
        } catch (IOException e) {
            observer.onProblem("slurm: " + record.folder() + ": cannot note the cancellation: " + e.getMessage());
        }
        try {
            commands.cancel(record.job());
            observer.onMessage("slurm: cancelled job " + record.job() + " (scancel): its running points record where "
                    + "they stopped and `carnot run` of the same file continues them");
        } catch (IOException e) {
            observer.onProblem("slurm: job " + record.job() + " could not be cancelled: " + e.getMessage()
                    + "; it stays in the queue: scancel " + record.job() + " stops it");
            done.countDown();
        }
    }

    @Override
    public Optional<ExitCode> exitCode() {
        if (!isDone()) {
            return Optional.empty();
        }
        List<PointStatus> points = points();
        if (!problem.isEmpty() && tasks.isEmpty()) {
            return Optional.of(ExitCode.BAD_INPUT);
        }
        if (points.stream().allMatch(p -> p.state() == RunState.COMPLETED)) {
            return Optional.of(ExitCode.OK);
        }
        if (cancelled) {
            return Optional.of(ExitCode.CANCELLED);
        }
        if (points.size() == 1) {
            // A single run: the point process' own exit code says why (bad input is 2).
            SlurmCommands.Task task = tasks.get(0);
            if (task != null && task.exitCode().matches("\\d+:\\d+") && !task.exitCode().startsWith("0:")) {
                return Optional.of(ExitCode.of(Integer.parseInt(task.exitCode().split(":")[0])));
            }
        }
        return Optional.of(ExitCode.RUN_FAILED);
    }

    @Override
    public String message() {
        if (!isDone()) {
            return "";
        }
        List<String> problems = new ArrayList<>();
        if (!problem.isEmpty() && tasks.isEmpty()) {
            problems.add(problem);
        }
        for (PointStatus p : points()) {
            if (p.state() != RunState.COMPLETED) {
                problems.add((p.label().isEmpty() ? "" : p.label() + ": ") + p.state().label()
                        + p.run().map(r -> r.message().isEmpty() ? "" : " (" + r.message() + ")").orElse("")
                        + ", " + p.executorState() + " in " + p.folder());
            }
        }
        return String.join("; ", problems);
    }

    /** The job's tasks in words, e.g. {@code slurm job 123: 2 RUNNING, 2 PENDING}, for listings. */
    String describe() {
        points();
        Map<String, Integer> counts = new java.util.TreeMap<>();
        tasks.values().forEach(t -> counts.merge(t.state(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((state, n) -> parts.add(n + " " + state));
        String text = "slurm job " + record.job() + ": " + (parts.isEmpty() ? (problem.isEmpty()
                ? "no longer known to the controller" : problem) : String.join(", ", parts));
        return text;
    }
}
