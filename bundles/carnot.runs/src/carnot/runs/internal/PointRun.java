package carnot.runs.internal;

import carnot.api.component.CancelledException;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.MemoryEstimate;
import carnot.api.experiment.PreparedRun;
import carnot.api.experiment.RunListener;
import carnot.api.experiment.RunOutcome;
import carnot.api.runs.ExitCode;
import carnot.api.runs.RunObserver;
import carnot.api.runs.RunPoint;
import carnot.workspace.internal.FolderLock;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One point trained in this process, the way every front end's run is: wait for the engine's
 * turn, take the folder's lock, continue the folder's run from its saved resume point (if it has
 * one of the same experiment) or start it, record every event with a {@link RunRecorder}, release
 * the lock. A completed folder is left as it is; a failed one is not continued (it would fail the
 * same way).
 */
final class PointRun {

    private final ExperimentRunner runner;
    private final EngineTurns engine;

    PointRun(ExperimentRunner runner, EngineTurns engine) {
        this.runner = runner;
        this.engine = engine;
    }

    /** What the engine says a new process could have on this machine now. */
    java.util.OptionalLong availableMemory() {
        return runner.availableMemory();
    }

    /**
     * The memory model's estimate of the point, from checking it here ({@link ExperimentRunner#check}:
     * the data's headers and the network's shapes where the components allow, the same estimate as
     * preparing it); nothing trains and nothing is written.
     *
     * @return empty if it cannot be checked here (bad input: its own process says why)
     */
    Optional<MemoryEstimate> estimate(RunPoint point, ProgressMonitor monitor) {
        try {
            return Optional.of(runner.check(point.spec(), monitor).memoryEstimate());
        } catch (InvalidExperimentException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs the point and returns how it ended; every problem is told to the observer as one line
     * that names the file or folder.
     *
     * @param source    what the experiment was read from, for messages (a file, or a description)
     * @param client    what this process does there, for the lock file
     * @param progress  receives preparation progress; its cancellation stops the point too
     * @param cancelled polled while the point runs
     */
    ExitCode run(RunPoint point, String source, String client, RunObserver observer, ProgressMonitor progress,
            BooleanSupplier cancelled) {
        ProgressMonitor monitor = new ProgressMonitor() {
            @Override
            public void worked(String task, long done, long total) {
                progress.worked(task, done, total);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.getAsBoolean() || progress.isCancelled();
            }
        };
        Path folder = point.folder();
        try (EngineTurns.Turn turn = engine.take()) {
            if (monitor.isCancelled()) {
                return ExitCode.CANCELLED;
            }
            FolderLock lock;
            try {
                lock = FolderLock.acquire(folder, client);
            } catch (FolderLock.HeldException e) {
                observer.onProblem(e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            try (lock) {
                return runLocked(point, source, observer, monitor);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.CANCELLED;
        } catch (CancelledException e) {
            return ExitCode.CANCELLED;
        } catch (IOException | RuntimeException e) {
            observer.onProblem(folder + ": " + e);
            return ExitCode.INTERNAL;
        }
    }

    private ExitCode runLocked(RunPoint point, String source, RunObserver observer, ProgressMonitor monitor)
            throws IOException {
        Path folder = point.folder();
        if (Files.isRegularFile(folder.resolve(RunRecorder.STATUS))) {
            RunRecords.Status status = RunRecords.status(folder);
            if (status.completed()) {
                observer.onMessage(folder + " already completed (--fresh starts a new run)");
                return ExitCode.OK;
            }
            if ("failed".equals(status.status())) {
                observer.onProblem(failed(folder, status));
                return ExitCode.RUN_FAILED;
            }
        }
        PreparedRun prepared;
        try {
            prepared = runner.prepare(point.spec(), monitor);
        } catch (InvalidExperimentException e) {
            observer.onProblem(source + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        try (prepared) {
            ExperimentSpec resolved = prepared.resolvedSpec();
            boolean recorded = Files.isRegularFile(folder.resolve(RunRecorder.SPEC));
            if (recorded && !RunRecords.sameSpec(folder, resolved)) {
                observer.onProblem(folder + " holds a run of another experiment (its " + RunRecorder.SPEC
                        + " differs from " + source + "); run it into a new folder (--fresh)");
                return ExitCode.BAD_INPUT;
            }
            Optional<RunRecorder.Saved> saved = recorded ? RunRecorder.saved(folder) : Optional.empty();
            RunListener events = event -> observer.onEvent(point, event);
            RunOutcome outcome;
            if (saved.isPresent()) {
                observer.onMessage("continuing the unfinished run " + folder + " after epoch " + saved.get().epoch()
                        + " (--fresh starts over)");
                RunRecorder recorder = RunRecorder.resuming(folder, saved.get().epoch());
                outcome = prepared.resume(saved.get().state(), RunListener.all(recorder, events), monitor);
            } else {
                observer.onMessage("run folder " + folder);
                outcome = prepared.execute(RunListener.all(new RunRecorder(folder), events), monitor);
            }
            return switch (outcome.status()) {
                case COMPLETED -> ExitCode.OK;
                case CANCELLED -> ExitCode.CANCELLED;
                default -> ExitCode.RUN_FAILED;
            };
        }
    }

    /** Why a failed run is not continued, and what to do instead. */
    static String failed(Path folder, RunRecords.Status status) {
        return "the run in " + folder + " failed after epoch " + status.epochsCompleted()
                + (status.message().isEmpty() ? "" : ": " + status.message())
                + "; continuing it would fail the same way: fix the experiment, or --fresh starts over in a new folder";
    }
}
