package carnot.engine.internal;

import ai.djl.pytorch.jni.JniUtils;
import carnot.api.component.CancelledException;
import carnot.api.component.ProgressMonitor;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an analysis on a thread of its own while the run thread waits for it, polling for
 * cancellation: an analysis that never calls {@code checkCancelled()} (a third-party plugin, a
 * long native computation) cannot hold a cancelled run for minutes. Once cancellation is asked
 * for, the analysis gets {@link #GRACE_MILLIS} to stop by itself; after that the run thread gives
 * up on it and the run ends as cancelled while the abandoned thread (a daemon) finishes or dies with
 * the process. Training never resumes after an abandoned analysis, so the two never touch the
 * network at the same time.
 */
final class AnalysisThread {

    /** How long a cancelled analysis may take to notice; then it is abandoned. */
    static final long GRACE_MILLIS = Long.getLong("carnot.analysis.cancelGraceMillis", 3000L);

    private static final long POLL_MILLIS = 50;

    private volatile Thread abandoned;

    /**
     * Calls {@code analysis} on a new thread with the caller's autograd mode (libtorch's grad mode
     * is per thread) and waits for it.
     *
     * @throws CancelledException when cancelled (or interrupted) and the analysis did not stop in time
     * @throws Exception whatever the analysis threw
     */
    <T> T call(Callable<T> analysis, ProgressMonitor monitor) throws Exception {
        boolean gradMode = JniUtils.isGradMode();
        FutureTask<T> task = new FutureTask<>(() -> {
            JniUtils.setGradMode(gradMode);
            return analysis.call();
        });
        Thread thread = new Thread(task, "carnot-analysis");
        thread.setDaemon(true);
        thread.start();
        long cancelledAt = -1;
        boolean interrupted = false;
        while (true) {
            try {
                T result = task.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (interrupted) {
                    Thread.currentThread().interrupt(); // keep it for the training loop to see
                }
                return result;
            } catch (TimeoutException e) {
                if (cancelledAt < 0 && monitor.isCancelled()) {
                    cancelledAt = System.nanoTime();
                }
            } catch (InterruptedException e) {
                // An interrupt (a shell's Ctrl-C) is a cancellation too.
                interrupted = true;
                if (cancelledAt < 0) {
                    cancelledAt = System.nanoTime();
                }
            } catch (ExecutionException e) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw e;
            }
            if (cancelledAt >= 0 && System.nanoTime() - cancelledAt > TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS)) {
                abandoned = thread;
                throw new CancelledException();
            }
        }
    }

    /** The analysis thread given up on at cancellation, if it is still running. */
    Thread abandoned() {
        Thread thread = abandoned;
        return thread != null && thread.isAlive() ? thread : null;
    }
}
