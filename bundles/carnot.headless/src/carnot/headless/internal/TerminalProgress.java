package carnot.headless.internal;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run in the terminal: a progress bar over all training steps (when stderr is a
 * terminal) and one line per epoch and analysis on stdout. Also the run's cancellation flag.
 */
final class TerminalProgress implements RunListener, ProgressMonitor, AutoCloseable {

    private final PrintWriter out;
    private final PrintWriter err;
    private final AtomicBoolean cancelled;
    private final boolean quiet;
    private ProgressBar bar;
    private int epochs;

    TerminalProgress(PrintWriter out, PrintWriter err, AtomicBoolean cancelled, boolean quiet) {
        this.out = out;
        this.err = err;
        this.cancelled = cancelled;
        this.quiet = quiet;
    }

    @Override
    public void onEvent(RunEvent event) {
        if (event instanceof RunEvent.Started started) {
            epochs = started.spec().training().epochs();
            if (!quiet) {
                line(String.format(Locale.ROOT, "p = %,d parameters, n = %,d training examples, p/n = %.4g",
                        started.parameterCount(), ((Number) started.provenance().get("trainSize")).longValue(),
                        ((Number) started.provenance().get("parametersPerExample")).doubleValue()));
            }
            if (!quiet && System.console() != null) {
                bar = new ProgressBarBuilder().setTaskName("training").setInitialMax((long) epochs * started.stepsPerEpoch())
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            }
        } else if (event instanceof RunEvent.Step step) {
            if (bar != null) {
                bar.step();
                bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d loss %.4f", step.epoch(), epochs,
                        step.loss()));
            }
        } else if (event instanceof RunEvent.EpochEnd end && !quiet) {
            EpochMetrics m = end.metrics();
            line(String.format(Locale.ROOT, "epoch %3d/%d  train loss %.4f  error %.4f   test loss %.4f  error %.4f"
                    + "   %.1f s", m.epoch(), epochs, m.trainLoss(), m.trainError(), m.testLoss(), m.testError(),
                    m.seconds()));
        } else if (event instanceof RunEvent.Validation v && !quiet) {
            line(String.format(Locale.ROOT, "          validation loss %.4f  error %.4f  (%d held out)", v.loss(),
                    v.error(), v.size()));
        } else if (event instanceof RunEvent.EarlyStopped stop && !quiet) {
            line("early stopping: best epoch " + stop.bestEpoch() + " (" + stop.metric() + " " + stop.bestValue() + ")"
                    + (stop.stopped() ? ", stopped after epoch " + stop.epoch() : "")
                    + (stop.restored() ? ", best weights restored" : ""));
        } else if (event instanceof RunEvent.AnalysisDone done && !quiet) {
            for (String text : analysisLines(done)) {
                line(text);
            }
        } else if (event instanceof RunEvent.AnalysisFailed failed) {
            line("  analysis " + failed.id() + " failed after epoch " + failed.epoch() + ": " + failed.message());
        }
    }

    /**
     * Every scalar of an analysis, wrapped at {@value #WIDTH} characters under its name, then how many
     * series and histograms it recorded (those go to the run folder and {@code carnot report}).
     */
    static java.util.List<String> analysisLines(RunEvent.AnalysisDone done) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        String head = "  " + done.id() + " @" + done.epoch() + ":";
        StringBuilder text = new StringBuilder(head);
        String indent = " ".repeat(head.length());
        for (java.util.Map.Entry<String, Double> e : done.result().scalars().entrySet()) {
            String item = String.format(Locale.ROOT, " %s=%.4g", e.getKey(), e.getValue());
            if (text.length() + item.length() > WIDTH && text.length() > head.length()) {
                lines.add(text.toString());
                text = new StringBuilder(indent);
            }
            text.append(item);
        }
        int series = done.result().series().size();
        int histograms = done.result().histograms().size();
        if (series + histograms > 0) {
            String more = String.format(Locale.ROOT, " (+ %d series, %d histograms: carnot report charts them)",
                    series, histograms);
            if (text.length() + more.length() > WIDTH && text.length() > head.length()) {
                lines.add(text.toString());
                text = new StringBuilder(indent);
            }
            text.append(more);
        }
        lines.add(text.toString());
        return lines;
    }

    private static final int WIDTH = 110;

    private void line(String text) {
        if (bar != null) {
            System.err.print("\r\033[K");
        }
        out.println(text);
        out.flush();
    }

    @Override
    public void worked(String task, long done, long total) {
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        err.flush();
    }

    /** A monitor for the preparation phase: no display, same cancellation flag. */
    static final class Quiet implements ProgressMonitor {
        private final AtomicBoolean cancelled;

        Quiet(AtomicBoolean cancelled) {
            this.cancelled = cancelled;
        }

        @Override
        public void worked(String task, long done, long total) {
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }
    }
}
