package carnot.runs.internal;

import carnot.api.component.ProgressMonitor;
import carnot.api.runs.Execution;
import carnot.api.runs.ExitCode;
import carnot.api.runs.PointStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The execution the run service hands back: its executor's execution of the points, followed on a
 * thread of its own that passes the request's cancellation on and, when the points have ended,
 * finishes (a sweep's summary and status, releasing the sweep's lock, removing a new run folder
 * that never got a status).
 */
final class ServiceExecution implements Execution {

    /** What happens once the points have ended; it decides the exit code and message. */
    interface Finish {
        /** @param points the executor's execution, ended (null when nothing had to run) */
        Outcome finish(Execution points) throws Exception;
    }

    /** How the execution ended. */
    record Outcome(ExitCode code, String message) {
    }

    private static final long POLL_MILLIS = 200;

    private final String executor;
    private final Path folder;
    private final Execution points;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Outcome outcome;

    private ServiceExecution(String executor, Path folder, Execution points) {
        this.executor = executor;
        this.folder = folder;
        this.points = points;
    }

    /**
     * Follows {@code points} (null: nothing to run) until they end, then finishes.
     *
     * @param monitor its cancellation cancels the points
     */
    static ServiceExecution follow(String executor, Path folder, Execution points, ProgressMonitor monitor,
            Finish finish) {
        ServiceExecution execution = new ServiceExecution(executor, folder, points);
        Thread follower = new Thread(() -> execution.followAndFinish(monitor, finish), "carnot-run-" + executor);
        follower.setDaemon(true);
        follower.start();
        return execution;
    }

    private void followAndFinish(ProgressMonitor monitor, Finish finish) {
        Outcome result;
        try {
            if (points != null) {
                while (!points.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (monitor.isCancelled()) {
                        points.cancel();
                    }
                }
            }
            result = finish.finish(points);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new Outcome(ExitCode.CANCELLED, "interrupted");
        } catch (Exception | Error e) {
            result = new Outcome(ExitCode.INTERNAL, folder + ": " + e);
        }
        outcome = result;
        done.countDown();
    }

    @Override
    public String executor() {
        return executor;
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public List<PointStatus> points() {
        return points == null ? List.of() : points.points();
    }

    /** Whether this execution covers {@code path} (its folder or a point's). */
    boolean covers(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        return normalized.startsWith(folder) || points().stream().anyMatch(p -> p.folder().equals(normalized));
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
        if (points != null) {
            points.cancel();
        }
    }

    @Override
    public Optional<ExitCode> exitCode() {
        Outcome current = outcome;
        return current == null ? Optional.empty() : Optional.of(current.code());
    }

    @Override
    public String message() {
        Outcome current = outcome;
        return current == null ? "" : current.message();
    }

    @Override
    public String toString() {
        return executor + " " + folder;
    }
}
