package carnot.runs.internal;

import carnot.api.runs.ExecutionContext;
import carnot.api.runs.Execution;
import carnot.api.runs.ExitCode;
import carnot.api.runs.PointStatus;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunObserver;
import carnot.api.runs.RunPoint;
import carnot.api.runs.RunState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Points carried out by a fixed number of worker threads, first come first served: the execution
 * behind the {@code in-process} (one worker) and {@code local} (N workers, each driving a child
 * process) executors. A point is {@link RunState#QUEUED} until a worker takes it; from then on its
 * folder says where it is.
 */
final class PointsExecution implements Execution {

    /** How a worker carries out one point. */
    interface Work {
        /** @return how the point ended */
        ExitCode run(RunPoint point, BooleanSupplier cancelled);
    }

    private final String executor;
    private final List<RunPoint> points;
    private final ExecutionContext context;
    private final RunObserver observer;
    private final boolean[] taken;
    private final ExitCode[] codes;
    private final String[] details;
    /** What the observer was last told of each point (state and epochs), so that it hears each change once. */
    private final String[] told;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch done;

    PointsExecution(String executor, List<RunPoint> points, ExecutionContext context, RunObserver observer) {
        this.executor = executor;
        this.points = List.copyOf(points);
        this.context = context;
        this.observer = observer;
        this.taken = new boolean[points.size()];
        this.codes = new ExitCode[points.size()];
        this.details = new String[points.size()];
        this.told = new String[points.size()];
        this.done = new CountDownLatch(points.size());
    }

    /** Starts {@code workers} daemon threads that take points in order until none is left. */
    void start(int workers, Work work) {
        ConcurrentLinkedQueue<RunPoint> queue = new ConcurrentLinkedQueue<>(points);
        for (int w = 0; w < Math.max(1, Math.min(workers, points.size())); w++) {
            Thread worker = new Thread(() -> {
                RunPoint point;
                while ((point = queue.poll()) != null) {
                    carryOut(point, work);
                }
            }, "carnot-" + executor + "-" + w);
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void carryOut(RunPoint point, Work work) {
        int i = points.indexOf(point);
        ExitCode code;
        if (cancelled.get()) {
            code = ExitCode.CANCELLED;
        } else {
            synchronized (this) {
                taken[i] = true;
            }
            notifyChanged(i);
            try {
                code = work.run(point, cancelled::get);
            } catch (RuntimeException e) {
                observing(point).onProblem(point.folder() + ": " + e);
                code = ExitCode.INTERNAL;
            }
        }
        synchronized (this) {
            codes[i] = code;
        }
        notifyChanged(i);
        done.countDown();
    }

    /** Adds what the executor knows about a point (an exit code, a scheduler state). */
    synchronized void detail(RunPoint point, String detail) {
        details[points.indexOf(point)] = detail;
    }

    /**
     * The request's observer for one point, keeping the point's problems for {@link #points()} and
     * {@link #message()}.
     */
    RunObserver observing(RunPoint point) {
        return new RunObserver() {
            @Override
            public void onEvent(RunPoint p, carnot.api.experiment.RunEvent event) throws Exception {
                observer.onEvent(p, event);
            }

            @Override
            public void onPointChanged(PointStatus status) {
                observer.onPointChanged(status);
            }

            @Override
            public void onMessage(String line) {
                observer.onMessage(line);
            }

            @Override
            public void onProblem(String line) {
                detail(point, line);
                observer.onProblem(line);
            }
        };
    }

    /** Tells the observer where a point is now. */
    void notifyChanged(RunPoint point) {
        notifyChanged(points.indexOf(point));
    }

    private void notifyChanged(int i) {
        PointStatus status = status(i);
        String now = status.state() + " " + status.run().map(RunInfo::epochsCompleted).orElse(-1);
        synchronized (this) {
            if (now.equals(told[i])) {
                return;
            }
            told[i] = now;
        }
        try {
            observer.onPointChanged(status);
        } catch (RuntimeException e) {
            // An observer's failure must not stop the points; the folders keep the record.
        }
    }

    @Override
    public String executor() {
        return executor;
    }

    @Override
    public Path folder() {
        return commonFolder(points);
    }

    /** The folder that holds every point's folder (the point's own folder when there is one). */
    static Path commonFolder(List<RunPoint> points) {
        Path common = points.get(0).folder();
        if (points.size() == 1) {
            return common;
        }
        common = common.getParent();
        for (RunPoint p : points) {
            while (common != null && !p.folder().startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }

    @Override
    public List<PointStatus> points() {
        List<PointStatus> list = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            list.add(status(i));
        }
        return list;
    }

    private PointStatus status(int i) {
        RunPoint point = points.get(i);
        boolean started;
        ExitCode code;
        String detail;
        synchronized (this) {
            started = taken[i];
            code = codes[i];
            detail = details[i] == null ? "" : details[i];
        }
        Optional<RunInfo> run = Optional.empty();
        try {
            RunInfo info = context.inspect(point.folder());
            run = info.state() == RunState.PENDING ? Optional.empty() : Optional.of(info);
        } catch (IOException e) {
            detail = detail.isEmpty() ? e.getMessage() : detail + "; " + e.getMessage();
        }
        RunState state;
        if (run.isPresent()) {
            state = run.get().state();
        } else if (code != null) {
            // Ended without a status: never started (cancelled while queued, or bad input).
            state = code == ExitCode.CANCELLED ? RunState.CANCELLED : code == ExitCode.OK ? RunState.PENDING
                    : RunState.FAILED;
        } else {
            state = started && cancelled.get() ? RunState.CANCELLED : RunState.QUEUED;
        }
        if (code != null && detail.isEmpty() && code != ExitCode.OK) {
            detail = "exit " + code.code() + " (" + code.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
        return new PointStatus(point.index(), point.label(), point.folder(), state, run, detail);
    }

    /** The exit code of each point, null while it has not ended. */
    synchronized List<ExitCode> codes() {
        return java.util.Arrays.asList(codes.clone());
    }

    @Override
    public boolean isDone() {
        return done.getCount() == 0;
    }

    @Override
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    @Override
    public void cancel() {
        cancelled.set(true);
    }

    boolean cancelled() {
        return cancelled.get();
    }

    @Override
    public Optional<ExitCode> exitCode() {
        if (!isDone()) {
            return Optional.empty();
        }
        List<ExitCode> all = codes();
        if (all.size() == 1) {
            return Optional.of(all.get(0));
        }
        if (cancelled.get() || all.contains(ExitCode.CANCELLED)) {
            return Optional.of(ExitCode.CANCELLED);
        }
        return Optional.of(all.stream().allMatch(c -> c == ExitCode.OK) ? ExitCode.OK : ExitCode.RUN_FAILED);
    }

    @Override
    public String message() {
        if (!isDone()) {
            return "";
        }
        List<String> problems = new ArrayList<>();
        for (PointStatus p : points()) {
            if (p.state() != RunState.COMPLETED) {
                problems.add((p.label().isEmpty() ? "" : p.label() + ": ") + p.state().label()
                        + p.run().map(r -> r.message().isEmpty() ? "" : " (" + r.message() + ")").orElse("")
                        + (p.executorState().isEmpty() ? "" : ", " + p.executorState()) + " in " + p.folder());
            }
        }
        return String.join("; ", problems);
    }
}
