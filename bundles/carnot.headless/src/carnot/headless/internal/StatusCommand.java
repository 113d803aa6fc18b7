package carnot.headless.internal;

import carnot.api.runs.RunInfo;
import carnot.api.runs.RunService;
import carnot.api.runs.RunState;
import carnot.api.runs.SweepInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code carnot status}: the workspace's runs and sweeps with liveness, as the run service reports
 * them: {@code running} only while a live process holds the folder's lock, {@code interrupted} when
 * a run's process died without recording its end.
 */
@Command(name = "status", description = "List the workspace's runs and sweeps with their state (running, "
        + "interrupted, completed, failed, cancelled), epochs and message. A run is running only while a live process "
        + "holds its folder's lock; one whose process died is interrupted, and `carnot run` of its file continues it. "
        + "With a run or sweep FOLDER: that one, each point with what its executor reports (a SLURM job's task "
        + "state and log); a sweep whose points have all ended gets its summary written.")
final class StatusCommand extends Subcommand {

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "workspace folder (default: $CARNOT_WORKSPACE, else the current folder)")
    Path workspace;

    @Parameters(arity = "0..1", paramLabel = "FOLDER", description = "a run or sweep folder: show it alone, "
            + "with its points and the executor's state of each")
    Path folder;

    StatusCommand(CarnotCommand parent) {
        super(parent);
    }

    @Override
    int execute() throws IOException {
        PrintWriter out = out();
        Path root = CarnotCommand.workspaceRoot(workspace).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            err().println("carnot: workspace " + root + " is not a folder");
            return CarnotCommand.BAD_INPUT;
        }
        RunService service = parent.services.get(RunService.class);
        if (folder != null) {
            return FolderStatus.print(service, root, folder, out, err());
        }
        List<RunInfo> runs = service.runs(root);
        List<SweepInfo> sweeps = service.sweeps(root);
        Map<RunState, Integer> counts = new EnumMap<>(RunState.class);
        if (!runs.isEmpty()) {
            out.println("RUNS");
            for (RunInfo run : runs) {
                counts.merge(run.state(), 1, Integer::sum);
                out.println(String.format(Locale.ROOT, "  %-11s %4d/%-4d %s%s", run.state().label(),
                        run.epochsCompleted(), run.epochsPlanned(), root.relativize(run.folder()), detail(run)));
            }
        }
        if (!sweeps.isEmpty()) {
            out.println("SWEEPS");
            for (SweepInfo sweep : sweeps) {
                out.println(String.format(Locale.ROOT, "  %-11s %4d/%-4d %s  points: %s%s", sweep.state().label(),
                        sweep.count(RunState.COMPLETED), sweep.points(), root.relativize(sweep.folder()),
                        pointStates(sweep), sweep.holder().map(h -> "; " + h.describe())
                                .orElse(sweep.message().isEmpty() ? "" : "; " + sweep.message())));
            }
        }
        List<String> summary = new ArrayList<>();
        counts.forEach((state, n) -> summary.add(n + " " + state.label()));
        out.println("carnot: workspace " + root + ": " + runs.size() + " run" + (runs.size() == 1 ? "" : "s")
                + (summary.isEmpty() ? "" : " (" + String.join(", ", summary) + ")") + ", " + sweeps.size() + " sweep"
                + (sweeps.size() == 1 ? "" : "s"));
        return CarnotCommand.OK;
    }

    static String detail(RunInfo run) {
        if (run.state() == RunState.RUNNING) {
            return run.holder().map(h -> "  " + h.describe()).orElse("");
        }
        return run.message().isEmpty() ? "" : "  " + run.message();
    }

    private static String pointStates(SweepInfo sweep) {
        List<String> parts = new ArrayList<>();
        sweep.pointStates().forEach((state, n) -> parts.add(n + " " + state.label()));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
