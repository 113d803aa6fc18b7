package carnot.headless.internal;

import carnot.api.runs.Execution;
import carnot.api.runs.PointStatus;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunService;
import carnot.api.runs.RunState;
import carnot.api.runs.SweepInfo;
import carnot.workspace.SweepRecords;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code carnot status FOLDER}: one run or sweep folder as the run service reports it, each point
 * with its executor's word on it (a SLURM task's state, restarts and log), from any process: the
 * one that submitted the points may be gone.
 */
final class FolderStatus {

    private FolderStatus() {
    }

    static int print(RunService service, Path workspace, Path folder, PrintWriter out, PrintWriter err)
            throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(target)) {
            err.println("carnot: " + folder + ": not a run or sweep folder");
            return CarnotCommand.BAD_INPUT;
        }
        Optional<Execution> recorded = service.reattach(target);
        if (SweepRecords.isSweepFolder(target)) {
            SweepInfo sweep = service.sweepStatus(target);
            out.println(String.format(Locale.ROOT, "%-11s %4d/%-4d %s%s", sweep.state().label(),
                    sweep.count(RunState.COMPLETED), sweep.points(), shown(workspace, target),
                    sweep.message().isEmpty() ? "" : "  " + sweep.message()));
            List<PointStatus> points = recorded.isPresent() ? recorded.get().points() : service.sweepPoints(target);
            for (PointStatus point : points) {
                out.println(line(workspace, point));
            }
        } else {
            RunInfo run = service.status(target);
            out.println(String.format(Locale.ROOT, "%-11s %4d/%-4d %s%s", run.state().label(), run.epochsCompleted(),
                    run.epochsPlanned(), shown(workspace, target), StatusCommand.detail(run)));
            recorded.ifPresent(execution -> execution.points().forEach(p -> out.println(line(workspace, p))));
        }
        return CarnotCommand.OK;
    }

    private static String line(Path workspace, PointStatus point) {
        String epochs = point.run().map(r -> r.epochsCompleted() + "/" + r.epochsPlanned()).orElse("-");
        String message = point.run().map(RunInfo::message).filter(m -> !m.isEmpty()).map(m -> "  " + m).orElse("");
        return String.format(Locale.ROOT, "  %-11s %9s  %s  %s%s%s", point.state().label(), epochs,
                point.label().isEmpty() ? "run" : point.label(), shown(workspace, point.folder()),
                point.executorState().isEmpty() ? "" : "  [" + point.executorState() + "]", message);
    }

    private static String shown(Path workspace, Path folder) {
        Path root = workspace.toAbsolutePath().normalize();
        return folder.startsWith(root) ? root.relativize(folder).toString() : folder.toString();
    }
}
