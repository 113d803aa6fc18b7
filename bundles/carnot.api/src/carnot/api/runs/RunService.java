package carnot.api.runs;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one owner of runs, a DS service of {@code carnot.runs}: it alone creates run and sweep
 * folders, locks them, continues them, records them, re-analyzes their checkpoints and reports
 * their status. The command line, the Gogo shell, the workbench and the studies are its clients;
 * none of them writes or interprets a run folder itself.
 */
public interface RunService {

    /**
     * Starts a run, a sweep or a study member through an executor and returns at once.
     *
     * <p>Which folder: with {@code into}, that one. Otherwise the newest run of the same experiment
     * (same resolved spec; for a sweep, the same sweep file) decides, unless {@code fresh}: an
     * interrupted or cancelled one with a resume point is continued; a failed one is refused (it
     * would fail the same way; {@code fresh} starts over); one in use by a live process is refused,
     * naming the holder; otherwise a new folder is created.
     *
     * <p>Members ({@link RunRequest#members()}, a study's): each in a new run folder, all handed to the
     * executor as one list of points (the {@code slurm} executor submits one array job); the
     * execution's {@link Execution#folder()} is the request's {@code into} and its
     * {@link Execution#points()} are the members in the order given, each with its run folder.
     *
     * @throws InvalidExperimentException bad input, naming the file and field: the experiment,
     *                                    an unknown executor or its settings; nothing was written
     * @throws RunConflictException       a folder in use or a failed previous run; nothing was written
     */
    Execution start(RunRequest request) throws InvalidExperimentException, RunConflictException, IOException;

    /**
     * The experiment with every default filled in, from the installed components' settings schemas
     * alone (no data is loaded): what the {@code spec.json} of its run records. Checks every
     * component id and setting, as a run would before it starts.
     *
     * @throws InvalidExperimentException naming the field and what is allowed
     */
    ExperimentSpec resolve(ExperimentSpec spec) throws InvalidExperimentException;

    /**
     * Continues an interrupted or cancelled run in its folder (in this process), from its saved
     * resume point.
     */
    default Execution resume(Path workspace, Path runFolder, RunObserver observer, ProgressMonitor monitor)
            throws InvalidExperimentException, RunConflictException, IOException {
        return start(RunRequest.builder().setWorkspace(workspace).optInto(runFolder).optObserver(observer)
                .optMonitor(monitor).build());
    }

    /**
     * Runs an analysis on a saved run's checkpoints (each one, or one epoch) without retraining,
     * holding the folder's lock, and records the results under a new analysis index. Blocks; in-process
     * work of this service (training, re-analysis) runs one at a time.
     *
     * @param epoch only this checkpoint; empty: every checkpoint
     * @throws InvalidExperimentException the folder has no checkpoint (of that epoch), the analysis
     *                                    is not installed or rejects its settings
     * @throws RunConflictException       a live process works in the folder
     * @throws AnalysisFailedException    the analysis threw on a checkpoint
     * @throws carnot.api.component.CancelledException when the monitor asks to stop
     */
    Reanalysis reanalyze(Path runFolder, ComponentSpec analysis, Optional<Integer> epoch, String client,
            RunObserver observer, ProgressMonitor monitor)
            throws InvalidExperimentException, RunConflictException, AnalysisFailedException, IOException;

    /**
     * Asks the execution this service started for {@code folder} (a run, sweep or point folder) to
     * stop.
     *
     * @return false if no execution of this service covers the folder
     */
    boolean cancel(Path folder);

    /**
     * The execution recorded in a run or sweep folder by an executor whose points outlive the process
     * that submitted them ({@link Executor#RECORD}, e.g. a SLURM array job), as its scheduler and the
     * point folders report it now: what {@code carnot status} shows beside the folder's own state and
     * what {@code carnot cancel} cancels.
     *
     * @return empty if the folder has no such record (or its executor is not installed)
     * @throws IOException if the record cannot be read
     */
    default Optional<Execution> reattach(Path folder) throws IOException {
        return Optional.empty();
    }

    /**
     * The executions this service started, oldest first: every one still going and the latest ended
     * ones (the oldest ended ones are forgotten when there are hundreds).
     */
    List<Execution> executions();

    /** A run folder's status with liveness. */
    RunInfo status(Path runFolder) throws IOException;

    /** Every run of the workspace ({@code runs/<name>/<run>}, sweep points not included), oldest first. */
    List<RunInfo> runs(Path workspace) throws IOException;

    /** Every sweep of the workspace, oldest first. */
    List<SweepInfo> sweeps(Path workspace) throws IOException;

    /** A sweep folder's status with liveness and its points' states. */
    SweepInfo sweepStatus(Path sweepFolder) throws IOException;

    /** The reader of a run folder. */
    RunFolder open(Path runFolder);

    /** The points of a sweep folder, as their folders say now, in sweep order. */
    List<PointStatus> sweepPoints(Path sweepFolder) throws IOException;
}
