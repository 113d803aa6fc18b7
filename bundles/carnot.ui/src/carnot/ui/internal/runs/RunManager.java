package carnot.ui.internal.runs;

import carnot.api.analysis.AnalysisResult;
import carnot.api.component.CancelledException;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.CheckpointAnalyzer;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.PreparedRun;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunListener;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import carnot.ui.internal.Preferences;
import carnot.ui.internal.Session;
import carnot.ui.internal.runs.RunHandle.Mode;
import carnot.ui.internal.runs.RunHandle.State;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import carnot.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Starts runs in the background as Eclipse {@link Job}s, with progress and cancellation.
 *
 * <p>DJL's PyTorch engine allows one gradient collector per process at a time
 * ({@code PtGradientCollector}: "Only one can be collecting at a time"), so the workbench's own
 * engine trains one run at a time: in-process jobs share one {@linkplain #ENGINE scheduling
 * rule} and queue behind each other. When the product's {@code carnot} launcher is known
 * (system property {@code carnot.launcher}, set by the launcher), a run started while the
 * engine is busy runs instead as a child process ({@code carnot run FILE --quiet}) with its own
 * engine, so several runs train at once; cancelling it sends SIGTERM, on which {@code carnot run}
 * records the run as cancelled.
 */
public final class RunManager {

    /** Jobs that use the workbench's own engine run one after the other. */
    public static final ISchedulingRule ENGINE = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };

    /** The job family of every Carnot job, for {@code Job.getJobManager().find(FAMILY)}. */
    public static final Object FAMILY = RunManager.class;

    private static final Pattern RUN_FOLDER_LINE = Pattern.compile("carnot: run folder (.+)");
    private static final int PROGRESS_UNITS = 1000;

    private final Session session;
    private final List<RunHandle> handles = new CopyOnWriteArrayList<>();
    private final List<Consumer<RunHandle>> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<RunHandle> forward = handle -> listeners.forEach(l -> l.accept(handle));

    public RunManager(Session session) {
        this.session = session;
    }

    /** Every run started in this session, oldest first. */
    public List<RunHandle> handles() {
        return List.copyOf(handles);
    }

    /** Called (on any thread) when a run is added or changes. */
    public void addListener(Consumer<RunHandle> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<RunHandle> listener) {
        listeners.remove(listener);
    }

    /** The product's {@code carnot} launcher, if this workbench was started by it. */
    public static Path launcher() {
        String property = System.getProperty("carnot.launcher");
        if (property == null || property.isBlank()) {
            return null;
        }
        Path path = Path.of(property);
        return Files.isExecutable(path) ? path : null;
    }

    /**
     * Starts a run of an experiment file: in the workbench's engine if it is free (or if there
     * is no launcher, then queued), else as a child process.
     */
    public RunHandle launch(Path experimentFile) {
        Path launcher = launcher();
        boolean engineBusy = handles.stream().anyMatch(h -> h.mode() == Mode.IN_PROCESS && !h.state().finished());
        Mode mode = engineBusy && launcher != null ? Mode.CHILD_PROCESS : Mode.IN_PROCESS;
        String name = experimentName(experimentFile);
        RunHandle handle = new RunHandle(name, experimentFile, mode);
        Job job = mode == Mode.CHILD_PROCESS ? childProcessJob(handle, launcher) : inProcessJob(handle);
        handle.setCanceller(job::cancel);
        if (engineBusy && mode == Mode.IN_PROCESS) {
            handle.update(State.QUEUED, "queued: the workbench's engine trains one run at a time "
                    + "(DJL allows one gradient collector per process); start Carnot with its carnot launcher "
                    + "to run more at once as child processes");
        } else {
            handle.update(State.QUEUED, "starting");
        }
        add(handle);
        job.schedule();
        return handle;
    }

    /**
     * Re-runs an analysis on a saved run's checkpoints (every one, or one epoch), in the
     * workbench's engine, adding its results to the run folder under a new analysis index: the
     * workbench twin of {@code carnot analyze}, on the same engine service
     * ({@link CheckpointAnalyzer}) and the same recorder.
     */
    public RunHandle analyze(Path runFolder, String analysisId, Map<String, Object> settings, Integer epoch) {
        RunHandle handle = new RunHandle(analysisId + " on " + runFolder.getParent().getFileName() + "/"
                + runFolder.getFileName(), runFolder, Mode.IN_PROCESS);
        Job job = new CarnotJob("Analyze " + handle.title()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return reanalyze(handle, analysisId, settings, epoch, monitor);
            }
        };
        job.setRule(ENGINE);
        handle.update(State.QUEUED, "starting");
        return start(handle, job);
    }

    private IStatus reanalyze(RunHandle handle, String id, Map<String, Object> settings, Integer epoch,
            IProgressMonitor monitor) {
        Path folder = handle.source();
        try {
            handle.update(State.PREPARING, "reading " + RunRecorder.SPEC);
            ExperimentSpec spec;
            try {
                spec = ExperimentFiles.read(folder.resolve(RunRecorder.SPEC));
            } catch (ExperimentFileException e) {
                return fail(handle, e.getMessage(), "Only run folders written by Carnot can be analyzed again.");
            }
            TreeMap<Integer, Path> checkpoints = RunRecords.checkpoints(folder);
            if (epoch != null) {
                checkpoints.keySet().retainAll(List.of(epoch));
            }
            if (checkpoints.isEmpty()) {
                return fail(handle, folder.resolve("checkpoints") + ": no checkpoint" + (epoch == null ? "" : " of epoch " + epoch),
                        "A run saves its final weights when it completes: analyze a completed run.");
            }
            CheckpointAnalyzer analyzer = session.service(CheckpointAnalyzer.class).orElse(null);
            if (analyzer == null) {
                return fail(handle, "the engine (carnot.engine) is not running: no CheckpointAnalyzer service",
                        "Check the Components view and the OSGi log (start with CARNOT_CONSOLE_LOG=1).");
            }
            monitor.beginTask("Analyze " + handle.title(), checkpoints.size());
            handle.setFolder(folder);
            handle.update(State.RUNNING, "analyzing");
            int index = RunRecorder.nextAnalysisIndex(folder);
            RunRecorder recorder = RunRecorder.appendingTo(folder);
            int done = 0;
            for (Map.Entry<Integer, Path> checkpoint : checkpoints.entrySet()) {
                long start = System.nanoTime();
                AnalysisResult result;
                try {
                    result = analyzer.analyze(spec, checkpoint.getKey(), Files.readAllBytes(checkpoint.getValue()),
                            new ComponentSpec(id, settings), monitor(monitor, handle));
                } catch (InvalidExperimentException e) {
                    return fail(handle, folder + ": " + e.getMessage(), "Fix the named setting and analyze again.");
                } catch (CancelledException e) {
                    handle.update(State.CANCELLED, "cancelled");
                    return Status.CANCEL_STATUS;
                } catch (Exception e) {
                    return fail(handle, "analysis " + id + " failed on epoch " + checkpoint.getKey() + ": " + e,
                            "The analysis itself threw: see its message; the run folder is unchanged for this epoch.");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                recorder.onEvent(new RunEvent.AnalysisDone(id, index, checkpoint.getKey(), result, seconds));
                handle.append(String.format(Locale.ROOT, "carnot: %s on epoch %d (%.1f s): %s", id, checkpoint.getKey(),
                        seconds, result.scalars()));
                monitor.worked(1);
                done++;
                handle.setProgress((double) done / checkpoints.size(), "epoch " + checkpoint.getKey() + " done");
                if (monitor.isCanceled()) {
                    handle.update(State.CANCELLED, "cancelled after " + done + " checkpoints");
                    return Status.CANCEL_STATUS;
                }
            }
            Path results = folder.resolve("analyses").resolve(index + "-" + id);
            handle.append("carnot: results in " + results);
            handle.update(State.COMPLETED, "results in analyses/" + index + "-" + id);
            return Status.OK_STATUS;
        } catch (IOException | RuntimeException e) {
            return fail(handle, "internal error: " + e, "See the run folder; nothing was recorded for the failed epoch.");
        } finally {
            monitor.done();
        }
    }

    /** Registers a handle for a job built elsewhere (re-analysis) and starts it. */
    public RunHandle start(RunHandle handle, Job job) {
        handle.setCanceller(job::cancel);
        add(handle);
        job.schedule();
        return handle;
    }

    /** Creates a handle for work that is not a run of an experiment file. */
    public static RunHandle handle(String title, Path source) {
        return new RunHandle(title, source, Mode.IN_PROCESS);
    }

    private void add(RunHandle handle) {
        handle.addListener(forward);
        handles.add(handle);
        forward.accept(handle);
    }

    /** Removes finished runs from the list (their folders stay). */
    public void clearFinished() {
        handles.removeIf(h -> h.state().finished());
        listeners.forEach(l -> l.accept(null));
    }

    /** Cancels every run still going (the workbench is closing). */
    public void cancelAll() {
        handles.stream().filter(h -> !h.state().finished()).forEach(RunHandle::cancel);
        Job.getJobManager().cancel(FAMILY);
    }

    private static String experimentName(Path file) {
        String name = carnot.ui.internal.explorer.WorkspaceTree.experimentName(file);
        return name != null ? name : file.getFileName().toString();
    }

    /** A Carnot job: in the {@link #FAMILY}, shown to the user. */
    abstract static class CarnotJob extends Job {
        CarnotJob(String name) {
            super(name);
            setUser(true);
        }

        @Override
        public boolean belongsTo(Object family) {
            return family == FAMILY;
        }
    }

    private Job inProcessJob(RunHandle handle) {
        Job job = new CarnotJob("Run " + handle.title()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return runInProcess(handle, monitor);
            }
        };
        job.setRule(ENGINE);
        return job;
    }

    /** A Carnot progress monitor over an Eclipse one: cancelled when the job is. */
    static ProgressMonitor monitor(IProgressMonitor monitor, RunHandle handle) {
        return new ProgressMonitor() {
            @Override
            public void worked(String task, long done, long total) {
                monitor.subTask(task);
                if (handle.state() == State.PREPARING) {
                    handle.setProgress(0, task + (total > 0 ? String.format(Locale.ROOT, " (%d of %d)", done, total) : ""));
                }
            }

            @Override
            public boolean isCancelled() {
                return monitor.isCanceled();
            }
        };
    }

    private IStatus runInProcess(RunHandle handle, IProgressMonitor monitor) {
        monitor.beginTask("Run " + handle.title(), PROGRESS_UNITS);
        try {
            handle.update(State.PREPARING, "reading " + handle.source().getFileName());
            handle.append("carnot: preparing " + handle.source() + " (workspace " + session.workspace() + ")");
            ExperimentSpec spec;
            try {
                spec = ExperimentFiles.read(handle.source());
            } catch (ExperimentFileException e) {
                return fail(handle, e.getMessage(), "Fix the experiment in its editor (problems are shown in red "
                        + "beside the fields) and run it again.");
            }
            ExperimentRunner runner = session.service(ExperimentRunner.class).orElse(null);
            if (runner == null) {
                return fail(handle, "the engine (carnot.engine) is not running: no ExperimentRunner service",
                        "Check the Components view and the OSGi log (start with CARNOT_CONSOLE_LOG=1).");
            }
            ProgressMonitor carnotMonitor = monitor(monitor, handle);
            PreparedRun prepared;
            try {
                prepared = runner.prepare(spec, carnotMonitor);
            } catch (InvalidExperimentException e) {
                return fail(handle, handle.source() + ": " + e.getMessage(),
                        "Fix the named field in the experiment editor and run it again.");
            }
            try (prepared) {
                Path folder = new Workspace(session.workspace()).createRunFolder(prepared.resolvedSpec());
                handle.setFolder(folder);
                handle.append("carnot: run folder " + folder);
                handle.append("carnot: " + prepared.resolvedSpec().model().id() + " with p = " + prepared.parameterCount()
                        + " parameters");
                handle.update(State.RUNNING, "training");
                ProgressListener progress = new ProgressListener(handle, monitor);
                RunOutcome outcome = prepared.execute(RunListener.all(new RunRecorder(folder), progress), carnotMonitor);
                return finish(handle, outcome);
            }
        } catch (IOException | RuntimeException e) {
            return fail(handle, "internal error: " + e, "The run folder keeps what was recorded; see its run.log.");
        } finally {
            monitor.done();
        }
    }

    private static IStatus finish(RunHandle handle, RunOutcome outcome) {
        EpochMetrics last = outcome.last();
        String summary = outcome.status().label() + " after " + outcome.epochsCompleted() + " epochs"
                + (last == null ? "" : String.format(Locale.ROOT, ": train error %.4f, test error %.4f (gap %.4f)",
                        last.trainError(), last.testError(), last.generalizationGap()))
                + (outcome.message().isEmpty() ? "" : "; " + outcome.message());
        handle.append("carnot: " + summary);
        State state = switch (outcome.status()) {
            case COMPLETED -> State.COMPLETED;
            case CANCELLED -> State.CANCELLED;
            default -> State.FAILED;
        };
        handle.setProgress(outcome.status() == RunStatus.COMPLETED ? 1 : handle.progress(), null);
        if (state == State.FAILED) {
            handle.setFailure("the run " + summary, "Its console (Runs view) and the run folder's run.log say where it "
                    + "stopped; the epochs recorded so far stay in the folder and can be opened and analyzed.");
        }
        handle.update(state, summary);
        return switch (state) {
            case COMPLETED -> Status.OK_STATUS;
            case CANCELLED -> Status.CANCEL_STATUS;
            default -> Status.error("Run " + handle.title() + " " + summary);
        };
    }

    static IStatus fail(RunHandle handle, String what, String todo) {
        handle.append("carnot: " + what);
        handle.append("carnot: what to do: " + todo);
        handle.setFailure(what, todo);
        handle.update(State.FAILED, what + " \u2014 " + todo);
        return Status.error(what + "\n" + todo);
    }

    /** Turns run events into progress, console lines and cancellation checks. */
    private static final class ProgressListener implements RunListener {
        private final RunHandle handle;
        private final IProgressMonitor monitor;
        private long totalSteps = 1;
        private long stepsDone;
        private int reported;
        private int epochs;

        ProgressListener(RunHandle handle, IProgressMonitor monitor) {
            this.handle = handle;
            this.monitor = monitor;
        }

        @Override
        public void onEvent(RunEvent event) {
            if (event instanceof RunEvent.Started started) {
                epochs = started.spec().training().epochs();
                totalSteps = Math.max(1, (long) epochs * started.stepsPerEpoch());
                handle.append("carnot: started: p = " + started.parameterCount() + ", " + started.stepsPerEpoch()
                        + " steps per epoch, " + epochs + " epochs");
            } else if (event instanceof RunEvent.Step step) {
                stepsDone++;
                report(String.format(Locale.ROOT, "epoch %d of %d, step %d of %d, loss %.4f", step.epoch(), epochs,
                        step.step() + 1, step.stepsPerEpoch(), step.loss()));
            } else if (event instanceof RunEvent.EpochEnd end) {
                EpochMetrics m = end.metrics();
                handle.append(String.format(Locale.ROOT,
                        "epoch %d: train loss %.4f error %.4f, test loss %.4f error %.4f (%.1f s)", m.epoch(),
                        m.trainLoss(), m.trainError(), m.testLoss(), m.testError(), m.seconds()));
            } else if (event instanceof RunEvent.AnalysisDone done) {
                handle.append(String.format(Locale.ROOT, "analysis %s after epoch %d (%.1f s): %s", done.id(),
                        done.epoch(), done.seconds(), done.result().scalars()));
            } else if (event instanceof RunEvent.AnalysisFailed failed) {
                handle.append("analysis " + failed.id() + " failed after epoch " + failed.epoch() + ": " + failed.message());
            }
        }

        private void report(String detail) {
            int units = (int) (PROGRESS_UNITS * Math.min(1.0, (double) stepsDone / totalSteps));
            if (units > reported) {
                monitor.worked(units - reported);
                reported = units;
            }
            monitor.subTask(detail);
            handle.setProgress((double) stepsDone / totalSteps, detail);
        }
    }

    private Job childProcessJob(RunHandle handle, Path launcher) {
        return new CarnotJob("Run " + handle.title() + " (child process)") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return runChild(handle, launcher, monitor);
            }
        };
    }

    private IStatus runChild(RunHandle handle, Path launcher, IProgressMonitor monitor) {
        monitor.beginTask("Run " + handle.title(), PROGRESS_UNITS);
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "run", handle.source().toString(), "--quiet")
                .directory(session.workspace().toFile()).redirectErrorStream(true);
        builder.environment().put("CARNOT_WORKSPACE", session.workspace().toString());
        int threads = Preferences.load().threads();
        if (threads > 0) {
            builder.environment().put("CARNOT_THREADS", Integer.toString(threads));
        }
        handle.update(State.PREPARING, "starting " + launcher + " run");
        handle.append("carnot: " + String.join(" ", builder.command()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            monitor.done();
            return fail(handle, "cannot start " + launcher + ": " + e.getMessage(),
                    "Check that the Carnot installation is complete and Java 17 is on the PATH.");
        }
        Thread reader = new Thread(() -> readOutput(process, handle), "carnot-child-output");
        reader.setDaemon(true);
        reader.start();
        int reported = 0;
        try {
            while (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
                if (monitor.isCanceled()) {
                    handle.append("carnot: cancelling (SIGTERM)");
                    process.destroy();
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                    break;
                }
                Path folder = handle.folder();
                if (folder != null) {
                    double fraction = statusFraction(folder);
                    int units = (int) (PROGRESS_UNITS * fraction);
                    if (units > reported) {
                        monitor.worked(units - reported);
                        reported = units;
                    }
                    if (handle.state() != State.RUNNING) {
                        handle.update(State.RUNNING, "training");
                    }
                    handle.setProgress(fraction, String.format(Locale.ROOT, "%.0f%% of the epochs", 100 * fraction));
                }
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        } finally {
            monitor.done();
        }
        int code = process.isAlive() ? -1 : process.exitValue();
        return switch (code) {
            case 0 -> {
                handle.setProgress(1, null);
                handle.update(State.COMPLETED, "completed (child process)");
                yield Status.OK_STATUS;
            }
            case 130, 143 -> {
                handle.update(State.CANCELLED, "cancelled");
                yield Status.CANCEL_STATUS;
            }
            case 2 -> fail(handle, "bad input (exit code 2): see the console",
                    "Fix the field the console names in the experiment editor and run again.");
            default -> fail(handle, "the run failed (exit code " + code + "): see the console",
                    "The run folder keeps what was recorded; see its run.log.");
        };
    }

    private static void readOutput(Process process, RunHandle handle) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                handle.append(line);
                Matcher m = RUN_FOLDER_LINE.matcher(line.strip());
                if (m.matches()) {
                    handle.setFolder(Path.of(m.group(1)));
                }
            }
        } catch (IOException e) {
            handle.append("carnot: lost the child's output: " + e.getMessage());
        }
    }

    /** Epochs completed over epochs planned, from a run's {@code status.json}; 0 if unreadable. */
    static double statusFraction(Path folder) {
        try {
            carnot.workspace.RunRecords.Status status = carnot.workspace.RunRecords.status(folder);
            return status.epochsPlanned() <= 0 ? 0 : Math.min(1.0, (double) status.epochsCompleted() / status.epochsPlanned());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
