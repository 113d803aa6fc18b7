package carnot.ui.internal.runs;

import carnot.api.runs.Execution;
import carnot.api.runs.PointStatus;
import carnot.api.runs.RunService;
import java.io.IOException;
import java.nio.file.Path;
import carnot.workspace.RunSummaries.RunSummary;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "executor / scheduler" column of the run table and the Runs view: which executor runs a run
 * and where its scheduler has it ({@code slurm: PENDING (Priority)}, {@code local: running}), all
 * from the run service's API: the {@link Execution} the service started or reattached to, and its
 * points' {@link PointStatus#executorState()}. Without a scheduler's word the run's own state with
 * liveness stands in (a scheduler state in {@code RunInfo} would be one more alternative in
 * {@link #state}).
 */
public final class SchedulerColumn {

    /** The column's title. */
    public static final String TITLE = "executor / scheduler";

    private SchedulerColumn() {
    }

    /**
     * One cell.
     *
     * @param executor the executor's {@code carnot.id}, empty when the folder does not say
     * @param state    the scheduler's state of the run, else the run's own state
     */
    public record Cell(String executor, String state) {
        public Cell {
            executor = executor == null ? "" : executor;
            state = state == null ? "" : state;
        }

        public String text() {
            return executor.isEmpty() ? state : state.isEmpty() ? executor : executor + ": " + state;
        }
    }

    /**
     * What the executor says of the points of an execution: one point's scheduler state (or its
     * state), or for several the count of each ({@code 2 RUNNING, 2 PENDING (Priority)}).
     */
    static String state(List<PointStatus> points) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PointStatus point : points) {
            counts.merge(point.executorState().isBlank() ? point.state().label() : point.executorState().strip(), 1,
                    Integer::sum);
        }
        if (points.size() == 1) {
            return counts.keySet().iterator().next();
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((state, n) -> text.append(text.length() == 0 ? "" : ", ").append(n).append(' ').append(state));
        return text.toString();
    }

    /**
     * The cells of the run table: a run this workbench follows as its handle says; any other as
     * {@link #ofFolder} finds it.
     *
     * @param runs    the workbench's runs, or {@code null}
     * @param service the run service, or {@code null} (then every run shows its status)
     * @return the cell's text per run folder
     */
    public static Map<Path, String> of(RunManager runs, RunService service, List<RunSummary> summaries) {
        Map<Path, RunHandle> followed = new HashMap<>();
        if (runs != null) {
            // The latest handle of a folder wins: a resumed run's, not the one that was cancelled before.
            runs.handles().stream().filter(h -> h.kind() == RunHandle.Kind.RUN && h.folder() != null)
                    .forEach(h -> followed.put(h.folder(), h));
        }
        Map<Path, String> cells = new HashMap<>();
        for (RunSummary run : summaries) {
            RunHandle handle = followed.get(run.folder());
            Cell cell = handle != null && !handle.state().finished()
                    ? new Cell(handle.executor(), handle.scheduling().state())
                    : ofFolder(service, run.folder(), run.status(), FINAL.contains(run.status()));
            if (handle != null && cell.executor().isEmpty()) {
                cell = new Cell(handle.executor(), cell.state());
            }
            cells.put(run.folder(), cell.text());
        }
        return cells;
    }

    /** States no scheduler changes any more. */
    private static final java.util.Set<String> FINAL = java.util.Set.of("completed", "failed");

    /**
     * The cell of a run folder that this workbench is not following: the service reattaches to the
     * execution its executor recorded there (a SLURM job) while the run is not over; a finished run,
     * or one whose executor records nothing, shows its own state.
     *
     * @param status   the run's state with liveness, as the service reports it ({@code running}, ...)
     * @param finished whether that state is final (completed or failed), so no scheduler is asked
     */
    public static Cell ofFolder(RunService service, Path folder, String status, boolean finished) {
        Optional<Execution> recorded = Optional.empty();
        try {
            recorded = service == null ? Optional.empty() : service.reattach(folder);
        } catch (IOException | RuntimeException e) {
            // An unreadable record: the run's own state is all there is to show.
        }
        if (recorded.isEmpty()) {
            return new Cell("", status);
        }
        if (finished) {
            return new Cell(recorded.get().executor(), status);
        }
        List<PointStatus> own = recorded.get().points().stream().filter(p -> p.folder().equals(folder)).toList();
        return new Cell(recorded.get().executor(), own.isEmpty() ? status : state(own));
    }
}
