package carnot.ui.internal.runs;

import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.RunEvent;
import carnot.api.runs.PointStatus;
import carnot.api.runs.RunObserver;
import carnot.api.runs.RunPoint;
import carnot.ui.internal.runs.RunHandle.State;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Follows an execution of the run service for one {@link RunHandle}: its console, progress and
 * state. Steps and epochs of points in this process arrive as events; points in other processes
 * report through their folders ({@link #onPointChanged}), read by the service, never here.
 */
final class HandleObserver implements RunObserver {

    static final int PROGRESS_UNITS = 1000;

    private final RunHandle handle;
    private final IProgressMonitor monitor;
    private final Map<Integer, Double> pointFractions = new ConcurrentHashMap<>();
    private volatile int points = 1;
    private long totalSteps = 1;
    private long stepsDone;
    private int epochs;
    private int reported;

    HandleObserver(RunHandle handle, IProgressMonitor monitor) {
        this.handle = handle;
        this.monitor = monitor;
    }

    void expectPoints(int count) {
        points = Math.max(1, count);
    }

    @Override
    public synchronized void onEvent(RunPoint point, RunEvent event) {
        if (event instanceof RunEvent.Started started) {
            epochs = started.spec().training().epochs();
            totalSteps = Math.max(1, (long) epochs * started.stepsPerEpoch());
            stepsDone = 0;
            handle.update(State.RUNNING, "training");
            handle.append("carnot: started " + point.folder().getFileName() + ": p = " + started.parameterCount() + ", "
                    + started.stepsPerEpoch() + " steps per epoch, " + epochs + " epochs");
        } else if (event instanceof RunEvent.Step step) {
            stepsDone = (long) Math.max(0, step.epoch() - 1) * step.stepsPerEpoch() + step.step();
            double fraction = Math.min(1.0, (double) stepsDone / totalSteps);
            pointFractions.put(point.index(), fraction);
            report(String.format(Locale.ROOT, "epoch %d of %d, step %d of %d, loss %.4f", step.epoch(), epochs,
                    step.step(), step.stepsPerEpoch(), step.loss()));
        } else if (event instanceof RunEvent.EpochEnd end) {
            EpochMetrics m = end.metrics();
            handle.append(String.format(Locale.ROOT,
                    "epoch %d: train loss %.4f error %.4f, test loss %.4f error %.4f (%.1f s)", m.epoch(),
                    m.trainLoss(), m.trainError(), m.testLoss(), m.testError(), m.seconds()));
        } else if (event instanceof RunEvent.AnalysisDone done) {
            handle.append(String.format(Locale.ROOT, "analysis %s after epoch %d (%.1f s): %s", done.id(),
                    done.epoch(), done.seconds(), done.result().scalars()));
        } else if (event instanceof RunEvent.AnalysisFailed failed) {
            handle.append("analysis " + failed.id() + " failed after epoch " + failed.epoch() + ": " + failed.message());
        }
    }

    /** A point in any process: its epochs, as its folder says, move the progress on. */
    @Override
    public void onPointChanged(PointStatus status) {
        status.run().ifPresent(run -> {
            if (run.epochsPlanned() > 0) {
                pointFractions.merge(status.index(), Math.min(1.0, (double) run.epochsCompleted() / run.epochsPlanned()),
                        Math::max);
            }
        });
        if (status.state().isFinal()) {
            pointFractions.put(status.index(), 1.0);
        }
        if (status.state() == carnot.api.runs.RunState.RUNNING && handle.state() != State.RUNNING) {
            handle.update(State.RUNNING, "training");
        }
        String executorState = status.executorState().isEmpty() ? "" : " [" + status.executorState() + "]";
        synchronized (this) {
            report(status.label() + (status.label().isEmpty() ? "" : ": ") + status.state().label() + executorState);
        }
    }

    @Override
    public void onMessage(String line) {
        handle.append("carnot: " + line);
    }

    @Override
    public void onProblem(String line) {
        handle.append("carnot: problem: " + line);
    }

    private void report(String detail) {
        double fraction = pointFractions.values().stream().mapToDouble(Double::doubleValue).sum() / points;
        int units = (int) (PROGRESS_UNITS * Math.min(1.0, fraction));
        if (units > reported) {
            monitor.worked(units - reported);
            reported = units;
        }
        monitor.subTask(detail);
        handle.setProgress(fraction, detail);
    }
}
