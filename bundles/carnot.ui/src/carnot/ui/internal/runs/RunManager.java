package carnot.ui.internal.runs;

import carnot.api.component.CancelledException;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.runs.AnalysisFailedException;
import carnot.api.runs.AnalysisRecord;
import carnot.api.runs.Execution;
import carnot.api.runs.ExitCode;
import carnot.api.runs.Reanalysis;
import carnot.api.runs.RunConflictException;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunRequest;
import carnot.api.runs.RunService;
import carnot.api.runs.RunState;
import carnot.ui.internal.Session;
import carnot.ui.internal.runs.RunHandle.Kind;
import carnot.ui.internal.runs.RunHandle.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * The workbench's client of the {@link RunService}: starts runs, sweeps and re-analyses through it
 * as Eclipse {@link Job}s (progress in the status line, cancellation), and follows them through
 * the service's {@link carnot.api.runs.Execution} and {@link carnot.api.runs.RunObserver}. The
 * service alone chooses, locks, continues and records run folders; which process trains is the
 * chosen executor's business ({@link #setExecutor}; none chosen: the workspace default, else
 * {@code in-process}). The {@code in-process} executor trains one run at a time in this process
 * (DJL's PyTorch engine allows one gradient collector per process), so a second run queues in the
 * service; a second Run of the same experiment while the first trains is refused by the service
 * (never a second writer into a live folder) and the workbench offers Run Fresh.
 */
public final class RunManager {

    /** The job family of every Carnot job, for {@code Job.getJobManager().find(FAMILY)}. */
    public static final Object FAMILY = RunManager.class;

    private static final long POLL_MILLIS = 500;

    private final Session session;
    private final List<RunHandle> handles = new CopyOnWriteArrayList<>();
    private final List<Consumer<RunHandle>> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<RunHandle> forward = handle -> listeners.forEach(l -> l.accept(handle));
    private volatile ExecutorSelection executor = ExecutorSelection.WORKSPACE_DEFAULT;

    /**
     * The executor the Run menu chose for the next runs, with its raw settings; an empty id leaves
     * the choice to the run service (the workspace's default executor, else {@code in-process}).
     */
    public record ExecutorSelection(String id, Map<String, Object> settings) {
        public static final ExecutorSelection WORKSPACE_DEFAULT = new ExecutorSelection("", Map.of());

        public ExecutorSelection {
            id = id == null ? "" : id;
            settings = Map.copyOf(settings == null ? Map.of() : settings);
        }

        public boolean isWorkspaceDefault() {
            return id.isEmpty();
        }
    }

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

    public ExecutorSelection executor() {
        return executor;
    }

    /** Chooses the executor of the runs started from now on (the Run menu). */
    public void setExecutor(ExecutorSelection selection) {
        executor = selection == null ? ExecutorSelection.WORKSPACE_DEFAULT : selection;
    }

    /** The run service, if {@code carnot.runs} is running. */
    public Optional<RunService> service() {
        return session.service(RunService.class);
    }

    /** Runs an experiment or sweep file: continues its unfinished run, or starts a new folder, as the service decides. */
    public RunHandle launch(Path file) {
        return run(file, RunRequest.builder().setFile(file), "Run ");
    }

    /**
     * Runs an experiment or sweep file in a new folder, whatever its earlier runs are (failed, in use);
     * given a run folder, runs the experiment that run recorded (as it resolved it, every default
     * filled in) again in a new folder of the same experiment: the service reads the folder, nothing
     * is copied.
     */
    public RunHandle launchFresh(Path fileOrRunFolder) {
        if (Files.isDirectory(fileOrRunFolder)) {
            return run(fileOrRunFolder, service -> RunRequest.builder().setSpec(recordedExperiment(service,
                    fileOrRunFolder)).optFresh(true), "Run fresh: ");
        }
        return run(fileOrRunFolder, RunRequest.builder().setFile(fileOrRunFolder).optFresh(true), "Run fresh: ");
    }

    private static ExperimentSpec recordedExperiment(RunService service, Path runFolder)
            throws IOException, InvalidExperimentException {
        return service.open(runFolder).spec().orElseThrow(() -> new InvalidExperimentException(null, runFolder
                + ": the run recorded no resolved experiment (it stopped before preparing)"));
    }

    /** Continues an interrupted or cancelled run in its folder from its last saved epoch. */
    public RunHandle resume(Path runFolder) {
        return run(runFolder, RunRequest.builder().optInto(runFolder), "Resume ");
    }

    /** What to ask the service for, built once the service is there (a run folder's experiment is read through it). */
    @FunctionalInterface
    private interface RequestSource {
        RunRequest.Builder request(RunService service) throws IOException, InvalidExperimentException;
    }

    private RunHandle run(Path source, RunRequest.Builder request, String verb) {
        return run(source, service -> request, verb);
    }

    private RunHandle run(Path source, RequestSource requestSource, String verb) {
        String name = runTitle(source);
        RunHandle handle = new RunHandle(name, source, Kind.RUN);
        ExecutorSelection chosen = executor;
        Job job = new CarnotJob(verb + name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return follow(handle, requestSource, chosen, monitor);
            }
        };
        handle.update(State.QUEUED, "starting");
        return start(handle, job);
    }

    private IStatus follow(RunHandle handle, RequestSource requestSource, ExecutorSelection chosen,
            IProgressMonitor monitor) {
        monitor.beginTask(getJobName(handle), HandleObserver.PROGRESS_UNITS);
        try {
            RunService service = service().orElse(null);
            if (service == null) {
                return fail(handle, "the run service (carnot.runs) is not running", "Check the Components view and "
                        + "the OSGi log (start with CARNOT_CONSOLE_LOG=1).");
            }
            handle.update(State.PREPARING, "preparing");
            handle.append("carnot: preparing " + handle.source() + " (workspace " + session.workspace() + ")");
            HandleObserver observer = new HandleObserver(handle, monitor);
            RunRequest.Builder request;
            try {
                request = requestSource.request(service);
            } catch (InvalidExperimentException e) {
                return fail(handle, e.getMessage(), "Open the experiment file in the editor and run it from there.");
            }
            if (!chosen.isWorkspaceDefault()) {
                request.optExecutor(chosen.id(), chosen.settings());
            }
            request.setWorkspace(session.workspace()).optClient("carnot workbench: " + handle.title())
                    .optObserver(observer).optMonitor(monitor(monitor, handle));
            Execution execution;
            try {
                execution = service.start(request.build());
            } catch (InvalidExperimentException e) {
                return fail(handle, e.getMessage(), "Fix the named field in the experiment editor (problems are "
                        + "shown in red beside the fields) and run it again.");
            } catch (RunConflictException e) {
                handle.setConflict(e.reason());
                return fail(handle, e.getMessage(), e.reason() == RunConflictException.Reason.IN_USE
                        ? "Wait for that run, or use Run Fresh to train another copy in a new folder."
                        : "Fix the experiment, or use Run Fresh to start over in a new folder.");
            }
            handle.setExecutor(execution.executor());
            handle.setFolder(execution.folder());
            handle.setCanceller(execution::cancel);
            observer.expectPoints(execution.points().size());
            handle.append("carnot: run folder " + execution.folder() + " (executor " + execution.executor() + ")");
            while (!execution.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (monitor.isCanceled()) {
                    execution.cancel();
                }
                handle.setSchedulerState(SchedulerColumn.state(execution.points()));
            }
            return finish(handle, service, execution);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(handle, "interrupted while following the run", "The run folder keeps what was recorded.");
        } catch (IOException | RuntimeException e) {
            return fail(handle, "internal error: " + e, "The run folder keeps what was recorded; see its run.log.");
        } finally {
            monitor.done();
        }
    }

    private static String getJobName(RunHandle handle) {
        return "Run " + handle.title();
    }

    /** How it ended: from the service's exit code and the folder's status, never from a process' output. */
    private static IStatus finish(RunHandle handle, RunService service, Execution execution) throws IOException {
        ExitCode code = execution.exitCode().orElse(ExitCode.INTERNAL);
        String summary;
        if (execution.points().size() == 1 && execution.folder().equals(execution.points().get(0).folder())) {
            RunInfo info = service.status(execution.folder());
            summary = info.state().label() + " after " + info.epochsCompleted() + " of " + info.epochsPlanned() + " epochs"
                    + info.last().map(m -> String.format(Locale.ROOT, ": train error %.4f, test error %.4f (gap %.4f)",
                            m.trainError(), m.testError(), m.generalizationGap())).orElse("")
                    + (info.message().isEmpty() ? "" : "; " + info.message());
            if (info.state() == RunState.COMPLETED && code == ExitCode.OK) {
                handle.setProgress(1, null);
            }
        } else {
            long completed = execution.points().stream().filter(p -> p.state() == RunState.COMPLETED).count();
            summary = "sweep: " + completed + " of " + execution.points().size() + " points completed";
            if (code == ExitCode.OK) {
                handle.setProgress(1, null);
            }
        }
        handle.append("carnot: " + summary);
        switch (code) {
            case OK -> {
                handle.update(State.COMPLETED, summary);
                return Status.OK_STATUS;
            }
            case CANCELLED -> {
                handle.update(State.CANCELLED, summary);
                return Status.CANCEL_STATUS;
            }
            default -> {
                String why = execution.message().isEmpty() ? summary : execution.message();
                return fail(handle, "the run " + why, "The Runs view's console and the run folder's run.log say where "
                        + "it stopped; the epochs recorded so far stay in the folder and can be opened and analyzed.");
            }
        }
    }

    /**
     * Re-runs an analysis on a saved run's checkpoints (every one, or one epoch) through
     * {@link RunService#reanalyze}, which holds the folder's lock and records the results under a
     * new analysis index: the workbench twin of {@code carnot analyze}.
     */
    public RunHandle analyze(Path runFolder, String analysisId, Map<String, Object> settings, Integer epoch) {
        RunHandle handle = new RunHandle(analysisId + " on " + runFolder.getParent().getFileName() + "/"
                + runFolder.getFileName(), runFolder, Kind.ANALYSIS);
        Job job = new CarnotJob("Analyze " + handle.title()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return reanalyze(handle, new ComponentSpec(analysisId, settings), Optional.ofNullable(epoch), monitor);
            }
        };
        handle.update(State.QUEUED, "starting");
        return start(handle, job);
    }

    private IStatus reanalyze(RunHandle handle, ComponentSpec analysis, Optional<Integer> epoch, IProgressMonitor monitor) {
        monitor.beginTask("Analyze " + handle.title(), IProgressMonitor.UNKNOWN);
        try {
            RunService service = service().orElse(null);
            if (service == null) {
                return fail(handle, "the run service (carnot.runs) is not running", "Check the Components view and "
                        + "the OSGi log (start with CARNOT_CONSOLE_LOG=1).");
            }
            handle.setFolder(handle.source());
            handle.update(State.RUNNING, "analyzing");
            Reanalysis done = service.reanalyze(handle.source(), analysis, epoch, "carnot workbench: analyze "
                    + analysis.id(), new HandleObserver(handle, monitor), monitor(monitor, handle));
            for (AnalysisRecord record : done.results()) {
                handle.append(String.format(Locale.ROOT, "carnot: %s on epoch %d: %s", done.id(), record.epoch(),
                        record.scalars()));
            }
            handle.append("carnot: results in " + handle.source().resolve("analyses").resolve(done.index() + "-" + done.id()));
            handle.setProgress(1, null);
            handle.update(State.COMPLETED, "results in analyses/" + done.index() + "-" + done.id());
            return Status.OK_STATUS;
        } catch (CancelledException e) {
            handle.update(State.CANCELLED, "cancelled");
            return Status.CANCEL_STATUS;
        } catch (InvalidExperimentException e) {
            return fail(handle, e.getMessage(), e.getMessage().contains("no checkpoint")
                    ? "A run saves its final weights when it completes: analyze a completed run."
                    : "Fix the named setting and analyze again.");
        } catch (RunConflictException e) {
            return fail(handle, e.getMessage(), "Wait until the run in that folder ends, then analyze again.");
        } catch (AnalysisFailedException e) {
            return fail(handle, e.getMessage(), "The analysis itself threw: see its message; the run folder is "
                    + "unchanged for that epoch.");
        } catch (IOException | RuntimeException e) {
            return fail(handle, "internal error: " + e, "See the run folder; nothing was recorded for the failed epoch.");
        } finally {
            monitor.done();
        }
    }

    private RunHandle start(RunHandle handle, Job job) {
        handle.setCanceller(job::cancel);
        handle.addListener(forward);
        handles.add(handle);
        forward.accept(handle);
        job.schedule();
        return handle;
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

    private static String runTitle(Path source) {
        String name = carnot.ui.internal.explorer.WorkspaceTree.experimentName(source);
        if (name != null) {
            return name;
        }
        Path parent = source.getParent();
        return parent == null ? source.getFileName().toString() : parent.getFileName() + "/" + source.getFileName();
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

    static IStatus fail(RunHandle handle, String what, String todo) {
        handle.append("carnot: " + what);
        handle.append("carnot: what to do: " + todo);
        handle.setFailure(what, todo);
        handle.update(State.FAILED, what + " \u2014 " + todo);
        return Status.error(what + "\n" + todo);
    }
}
