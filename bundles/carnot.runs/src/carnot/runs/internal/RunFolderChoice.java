package carnot.runs.internal;

import carnot.api.experiment.ExperimentSpec;
import carnot.api.runs.RunConflictException;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunState;
import carnot.workspace.internal.FolderLock;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import carnot.workspace.SweepRecords;
import carnot.workspace.Workspace;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a run of an experiment goes when no folder is named: the newest run folder of the same
 * resolved experiment decides. Interrupted or cancelled: the run continues there. In use by a live
 * process: refused, naming the holder (it never trains into a live folder). Failed: refused, since
 * continuing a diverged run fails the same way. Completed, or none: a new folder.
 */
final class RunFolderChoice {

    /** What a folder created for a run holds before the run records anything. */
    private static final List<String> BEFORE_START = List.of(FolderLock.FILE, SweepRecords.POINT,
            LocalExecutor.CONSOLE_LOG);

    private RunFolderChoice() {
    }

    /**
     * The folder to continue, or null for a new one.
     *
     * @throws RunConflictException the newest run of the experiment is in use or failed
     */
    static Path continuable(Workspace workspace, ExperimentSpec resolved) throws IOException, RunConflictException {
        List<Path> folders = workspace.runFolders(resolved.name());
        for (int i = folders.size() - 1; i >= 0; i--) {
            Path folder = folders.get(i);
            if (!RunRecords.sameSpec(folder, resolved)) {
                continue;
            }
            RunInfo info;
            try {
                info = RunRecords.info(folder);
            } catch (IOException e) {
                // A damaged status: not continued (a new folder is made); the folder itself is left as it is.
                return null;
            }
            if (info.state() == RunState.COMPLETED) {
                return null;
            }
            if (info.state() == RunState.FAILED) {
                throw new RunConflictException(RunConflictException.Reason.PREVIOUS_FAILED, folder, null,
                        PointRun.failed(folder, RunRecords.status(folder)));
            }
            if (info.holder().isPresent() || !info.state().isFinal() && info.state() != RunState.INTERRUPTED) {
                // Running, or held by a process that is continuing or re-analyzing it: never trained into by another.
                throw new RunConflictException(RunConflictException.Reason.IN_USE, folder, info.holder().orElse(null),
                        folder + " is in use by " + info.holder().map(h -> h.describe()).orElse("another process")
                                + ": a run of the same experiment is there; wait for it, or --fresh trains another "
                                + "copy in a new folder");
            }
            return folder;
        }
        return null;
    }

    /**
     * Removes a folder this service created for a run that never got as far as recording a status
     * (bad input found while loading the data, cancelled while queued): it holds nothing of value.
     * Anything else in it, and the folder stays.
     */
    static void removeIfNeverStarted(Path folder) throws IOException {
        if (Files.exists(folder.resolve(RunRecorder.STATUS)) || FolderLock.holder(folder).isPresent()) {
            return;
        }
        for (String name : BEFORE_START) {
            Files.deleteIfExists(folder.resolve(name));
        }
        try {
            Files.deleteIfExists(folder);
            // runs/<name>/ too, if this was its only run.
            Files.deleteIfExists(folder.getParent());
        } catch (DirectoryNotEmptyException e) {
            // Something else is there: keep it.
        }
    }
}
