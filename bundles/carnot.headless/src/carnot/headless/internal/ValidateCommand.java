package carnot.headless.internal;

import carnot.api.experiment.ExperimentCheck;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.runs.RunService;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.Sweeps;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carnot validate}: an experiment or sweep file checked (components, settings, data) without running it. */
@Command(name = "validate", description = "Check an experiment file, its components, settings and data, "
        + "without running it.")
final class ValidateCommand extends Subcommand {

    @Parameters(paramLabel = "EXPERIMENT", description = "experiment file (JSON)")
    Path file;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", description = "workspace whose plugins/ "
            + "provide components (default: $CARNOT_WORKSPACE, else the current folder)")
    Path workspace;

    ValidateCommand(CarnotCommand parent) {
        super(parent);
    }

    @Override
    int execute() {
        PrintWriter err = err();
        if (!CarnotCommand.workspaceExists(workspace, err)) {
            return CarnotCommand.BAD_INPUT;
        }
        try {
            if (Sweeps.isSweep(file)) {
                // Every point's components and settings, and the first point's data.
                Sweeps.Plan plan = Sweeps.read(file, warning -> err.println("carnot: warning: " + warning));
                RunService service = parent.services.get(RunService.class);
                for (Sweeps.Point point : plan.points()) {
                    try {
                        service.resolve(point.spec());
                    } catch (InvalidExperimentException e) {
                        err.println("carnot: " + file + ": " + (point.values().isEmpty() ? ""
                                : "sweep point " + point.label() + ": ") + e.getMessage());
                        return CarnotCommand.BAD_INPUT;
                    }
                }
                if (parent.check(plan.points().get(0).spec(), file, err) == null) {
                    return CarnotCommand.BAD_INPUT;
                }
                out().println(String.format(Locale.ROOT,
                        "carnot: %s is a valid sweep: %d points (%d cells x %d seeds)", file, plan.points().size(),
                        plan.cells(), plan.seeds().size()));
                plan.points().forEach(p -> out().println("  " + p.folder() + "  " + p.label()));
                return CarnotCommand.OK;
            }
        } catch (ExperimentFileException e) {
            err.println("carnot: " + e.getMessage());
            return CarnotCommand.BAD_INPUT;
        }
        ExperimentCheck checked = parent.check(file, err);
        if (checked == null) {
            return CarnotCommand.BAD_INPUT;
        }
        out().println("carnot: " + file + " is valid: p = " + checked.parameterCount() + " parameters");
        out().println("carnot: memory: " + checked.memoryEstimate().summary());
        out().println("carnot: " + checked.checkpointEstimate().describe());
        out().println(ExperimentFiles.toText(checked.resolvedSpec()));
        return CarnotCommand.OK;
    }
}
