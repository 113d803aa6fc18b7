package carnot.ui.internal.runs;

import carnot.api.runs.RunConflictException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One run (or re-analysis) the workbench asked the run service for: what the Runs view lists, with
 * its state, executor, progress and console output. Updated by the job that follows it, read by the
 * UI; thread-safe.
 */
public final class RunHandle {

    /** Where a run stands. */
    public enum State {
        QUEUED("queued"), PREPARING("preparing"), RUNNING("running"), COMPLETED("completed"), FAILED("failed"),
        CANCELLED("cancelled");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean finished() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }
    }

    /** What it is: a run (or sweep) of an experiment file, or a re-analysis of a run folder. */
    public enum Kind {
        RUN, ANALYSIS
    }

    /** At most this many console characters are kept (the run's folder has the full run.log). */
    static final int MAX_LOG_CHARS = 200_000;

    private final String title;
    private final Path source;
    private final Kind kind;
    private final List<Consumer<RunHandle>> listeners = new CopyOnWriteArrayList<>();
    private final StringBuilder log = new StringBuilder();
    private volatile State state = State.QUEUED;
    private volatile Path folder;
    private volatile double progress;
    private volatile String detail = "";
    private volatile Runnable canceller = () -> { };
    private volatile Failure failure;
    private volatile String executor = "";
    private volatile String schedulerState = "";
    private volatile RunConflictException.Reason conflict;

    /** Why a run failed and what to do about it, for the error dialog. */
    public record Failure(String what, String whatToDo) {
    }

    RunHandle(String title, Path source, Kind kind) {
        this.title = title;
        this.source = source;
        this.kind = kind;
    }

    /** Experiment name, or "analysis on run". */
    public String title() {
        return title;
    }

    /** The experiment file or the run folder it works on. */
    public Path source() {
        return source;
    }

    public Kind kind() {
        return kind;
    }

    /** The {@code carnot.id} of the executor that runs it, once the run service has chosen it; else empty. */
    public String executor() {
        return executor;
    }

    void setExecutor(String id) {
        executor = id == null ? "" : id;
        fire();
    }

    /** What the executor says of its points now ({@link SchedulerColumn#state}), while it runs. */
    void setSchedulerState(String text) {
        String now = text == null ? "" : text;
        if (!now.equals(schedulerState)) {
            schedulerState = now;
            fire();
        }
    }

    /**
     * The executor and where its scheduler has the run while it goes on; once over, or with no word
     * from the executor, the handle's own state.
     */
    public SchedulerColumn.Cell scheduling() {
        return new SchedulerColumn.Cell(executor, !state.finished() && !schedulerState.isEmpty() ? schedulerState
                : state.label());
    }

    /**
     * Why the run service refused to start it, if it did because a folder was in the way (in use,
     * or a failed run that is not rerun): the workbench then offers Run Fresh. Else {@code null}.
     */
    public RunConflictException.Reason conflict() {
        return conflict;
    }

    void setConflict(RunConflictException.Reason reason) {
        conflict = reason;
    }

    public State state() {
        return state;
    }

    /** The run folder once it exists, else {@code null}. */
    public Path folder() {
        return folder;
    }

    /** Fraction done in [0, 1]. */
    public double progress() {
        return progress;
    }

    /** One line on what it is doing or how it ended. */
    public String detail() {
        return detail;
    }

    /** Why it failed and what to do, once it has failed; else {@code null}. */
    public Failure failure() {
        return failure;
    }

    void setFailure(String what, String whatToDo) {
        failure = new Failure(what, whatToDo);
    }

    /** The console: what the run reported, line by line. */
    public String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    /** Asks the run to stop; it records that it was cancelled. */
    public void cancel() {
        canceller.run();
    }

    public void addListener(Consumer<RunHandle> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<RunHandle> listener) {
        listeners.remove(listener);
    }

    void setCanceller(Runnable canceller) {
        this.canceller = canceller;
    }

    void update(State newState, String newDetail) {
        state = newState;
        if (newDetail != null) {
            detail = newDetail;
        }
        fire();
    }

    void setFolder(Path runFolder) {
        folder = runFolder;
        fire();
    }

    void setProgress(double fraction, String newDetail) {
        progress = Math.max(0, Math.min(1, fraction));
        if (newDetail != null) {
            detail = newDetail;
        }
        fire();
    }

    void append(String line) {
        synchronized (log) {
            log.append(line).append('\n');
            if (log.length() > MAX_LOG_CHARS) {
                log.delete(0, log.length() - MAX_LOG_CHARS);
            }
        }
        fire();
    }

    private void fire() {
        for (Consumer<RunHandle> listener : new ArrayList<>(listeners)) {
            listener.accept(this);
        }
    }
}
