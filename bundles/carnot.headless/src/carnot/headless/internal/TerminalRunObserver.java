package carnot.headless.internal;

import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.RunEvent;
import carnot.api.runs.PointStatus;
import carnot.api.runs.RunObserver;
import carnot.api.runs.RunPoint;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows what the run service reports in the terminal: a single run in this process through
 * {@link TerminalProgress} (progress bar, a line per epoch and analysis); a run in another process
 * a line per epoch read from its folder; a sweep one line per point that ends; the service's
 * messages on stdout and its problems on stderr.
 */
final class TerminalRunObserver implements RunObserver {

    private final PrintWriter out;
    private final PrintWriter err;
    private final TerminalProgress progress;
    private final boolean quiet;
    private final AtomicInteger ended = new AtomicInteger();
    private volatile int points;
    private volatile int reportedEpoch = -1;
    private volatile boolean eventsSeen;

    TerminalRunObserver(PrintWriter out, PrintWriter err, TerminalProgress progress, boolean quiet) {
        this.out = out;
        this.err = err;
        this.progress = progress;
        this.quiet = quiet;
    }

    /** How many points the execution runs, for the {@code [k/N]} of the sweep lines. */
    void expectPoints(int count) {
        points = count;
    }

    @Override
    public void onEvent(RunPoint point, RunEvent event) {
        if (!point.label().isEmpty()) {
            // A sweep point: the sweep reports one line per point when it ends.
            return;
        }
        eventsSeen = true;
        if (event instanceof RunEvent.Started started) {
            line(out, started.spec().model().id() + " with p = " + started.parameterCount() + " parameters");
            if (started.provenance().get("memory") instanceof java.util.Map<?, ?> memory
                    && memory.get("summary") instanceof String summary) {
                line(out, "memory: " + summary);
            }
            if (started.provenance().get("checkpoints") instanceof String checkpoints) {
                line(out, checkpoints);
            }
        }
        progress.onEvent(event);
    }

    @Override
    public void onPointChanged(PointStatus status) {
        if (status.label().isEmpty()) {
            // A single run in another process: a line per epoch its folder records (one in this
            // process reports its epochs through its events).
            if (!eventsSeen) {
                status.run().flatMap(r -> r.last()).ifPresent(this::epoch);
            }
            return;
        }
        if (!status.state().isFinal()) {
            return;
        }
        int k = ended.incrementAndGet();
        String text = status.run().map(run -> run.last().map(m -> String.format(Locale.ROOT,
                "%s after %d epochs: train error %.4f, test error %.4f", status.state().label(), m.epoch(),
                m.trainError(), m.testError())).orElse(status.state().label())).orElse(status.state().label());
        String why = status.state() == carnot.api.runs.RunState.COMPLETED ? ""
                : status.run().map(r -> r.message().isEmpty() ? "" : ": " + r.message()).orElse("")
                        + (status.executorState().isEmpty() ? "" : " (" + status.executorState() + ")")
                        + "; see " + status.folder();
        line(out, String.format(Locale.ROOT, "[%d/%d] %s: %s%s", k, Math.max(k, points), status.label(), text, why));
    }

    private void epoch(EpochMetrics m) {
        if (quiet || m.epoch() == reportedEpoch) {
            return;
        }
        reportedEpoch = m.epoch();
        line(out, String.format(Locale.ROOT, "epoch %3d  train loss %.4f  error %.4f   test loss %.4f  error %.4f",
                m.epoch(), m.trainLoss(), m.trainError(), m.testLoss(), m.testError()));
    }

    @Override
    public void onMessage(String line) {
        line(out, line);
    }

    @Override
    public void onProblem(String line) {
        line(err, line);
    }

    private synchronized void line(PrintWriter writer, String text) {
        writer.println("carnot: " + text);
        writer.flush();
    }
}
