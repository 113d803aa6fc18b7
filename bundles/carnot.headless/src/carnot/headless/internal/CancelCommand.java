package carnot.headless.internal;

import carnot.api.runs.RunService;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code carnot cancel FOLDER}: stops the points of a run or sweep that an executor carries out
 * beyond this process (a SLURM array job: {@code scancel}). Running points record where they
 * stopped, so `carnot run` of the same file continues them.
 */
@Command(name = "cancel", description = "Cancel the points of a run or sweep folder submitted to a scheduler (the "
        + "slurm executor: scancel of its job). Running points record where they stopped; `carnot run` of the same "
        + "file continues them.")
final class CancelCommand extends Subcommand {

    @Parameters(paramLabel = "FOLDER", description = "the run or sweep folder")
    Path folder;

    CancelCommand(CarnotCommand parent) {
        super(parent);
    }

    @Override
    int execute() {
        if (!Files.isDirectory(folder)) {
            err().println("carnot: " + folder + ": not a run or sweep folder");
            return CarnotCommand.BAD_INPUT;
        }
        RunService service = parent.services.get(RunService.class);
        if (!service.cancel(folder)) {
            err().println("carnot: " + folder + ": nothing to cancel: no job of an executor is queued or running for "
                    + "it (see carnot status " + folder + ")");
            return CarnotCommand.BAD_INPUT;
        }
        out().println("carnot: cancelled the points of " + folder);
        return CarnotCommand.OK;
    }
}
