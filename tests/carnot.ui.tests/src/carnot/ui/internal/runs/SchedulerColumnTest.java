package carnot.ui.internal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import carnot.api.runs.Execution;
import carnot.api.runs.PointStatus;
import carnot.api.runs.RunService;
import carnot.api.runs.RunState;
import carnot.ui.internal.explorer.WorkspaceFixture;
import carnot.ui.internal.table.RunTableModel;
import carnot.workspace.RunSummaries;
import carnot.workspace.RunSummaries.RunSummary;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "executor / scheduler" column (issue 15: the workbench shows the executor and the scheduler's
 * state): what the run service's execution says of a run's point, a scheduler's word first, the
 * run's own state otherwise; the run table's cells per folder. The scheduler here is a stand-in
 * execution as the service's reattach returns it for a SLURM job (the real one is slurm2's).
 */
class SchedulerColumnTest {

    @TempDir
    Path workspace;

    private static PointStatus point(Path folder, RunState state, String scheduler) {
        return new PointStatus(0, "", folder, state, Optional.empty(), scheduler);
    }

    @Test
    void aSchedulersWordComesFirstElseTheRunsState() {
        Path a = Path.of("/w/runs/x/a");
        Path b = Path.of("/w/runs/x/b");
        assertEquals("PENDING (Priority)", SchedulerColumn.state(List.of(point(a, RunState.QUEUED, "PENDING (Priority)"))));
        assertEquals("queued", SchedulerColumn.state(List.of(point(a, RunState.QUEUED, ""))));
        assertEquals("2 RUNNING, 1 PENDING (Priority), 1 completed", SchedulerColumn.state(List.of(
                point(a, RunState.RUNNING, "RUNNING"), point(b, RunState.RUNNING, "RUNNING"),
                point(b, RunState.QUEUED, "PENDING (Priority)"), point(b, RunState.COMPLETED, ""))));
        assertEquals("slurm: PENDING (Priority)", new SchedulerColumn.Cell("slurm", "PENDING (Priority)").text());
        assertEquals("running", new SchedulerColumn.Cell("", "running").text());
    }

    @Test
    void theRunTableShowsTheRecordedExecutionsExecutorAndItsSchedulersState() throws Exception {
        Path queued = WorkspaceFixture.writeRun(workspace, "grid", "20261206-000001", "running", 0);
        Path done = WorkspaceFixture.writeRun(workspace, "grid", "20261206-000002", "completed", 3);
        Path plain = WorkspaceFixture.writeRun(workspace, "other", "20261206-000003", "completed", 3);
        RunService service = service(Map.of(queued, execution("slurm", point(queued, RunState.QUEUED,
                "PENDING (Priority)")), done, execution("slurm", point(done, RunState.COMPLETED, "COMPLETED"))));
        List<RunSummary> runs = RunSummaries.read(workspace, null);

        Map<Path, String> cells = SchedulerColumn.of(null, service, runs);
        RunTableModel model = new RunTableModel(runs, cells);
        RunTableModel.Column column = model.columns().stream().filter(c -> c.kind() == RunTableModel.Kind.SCHEDULER)
                .findFirst().orElseThrow();
        assertEquals(SchedulerColumn.TITLE, column.title());
        assertEquals(2, model.columns().indexOf(column), "beside the status");
        Map<Path, String> shown = new java.util.HashMap<>();
        runs.forEach(r -> shown.put(r.folder(), model.text(r, column)));
        assertEquals("slurm: PENDING (Priority)", shown.get(queued), "a queued job: the scheduler's state");
        assertEquals("slurm: completed", shown.get(done), "a finished run: its executor, its own state");
        assertEquals("completed", shown.get(plain), "no executor recorded: the run's state");
    }

    /** The run service's reattach, as it answers for folders whose executor recorded a job. */
    private static RunService service(Map<Path, Execution> recorded) {
        return (RunService) Proxy.newProxyInstance(RunService.class.getClassLoader(), new Class<?>[] {RunService.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "reattach" -> Optional.ofNullable(recorded.get((Path) args[0]));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Execution execution(String executor, PointStatus point) {
        return (Execution) Proxy.newProxyInstance(Execution.class.getClassLoader(), new Class<?>[] {Execution.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "executor" -> executor;
                    case "points" -> List.of(point);
                    case "folder" -> point.folder();
                    case "isDone" -> point.state() == RunState.COMPLETED;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
