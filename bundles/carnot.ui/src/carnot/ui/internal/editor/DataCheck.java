package carnot.ui.internal.editor;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.PreparedRun;
import carnot.ui.internal.editor.ExperimentDocument.Problem;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.Sweeps;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;

/**
 * The check {@code carnot validate} makes, for the form: the engine's
 * {@link ExperimentRunner#prepare} resolves every component and loads the data, which finds what
 * the settings alone cannot (a {@code trainSize} beyond what the dataset's files hold, a folder
 * without the files). It loads data, so it runs in a background job after a pause in editing,
 * only once the file's structure and settings are valid; a newer edit cancels an older check.
 */
final class DataCheck {

    /** The check starts after this pause in editing. */
    static final int DELAY_MILLIS = 500;

    private final Path file;
    private final Supplier<Optional<ExperimentRunner>> runner;
    private final Display display;
    private final Consumer<List<Problem>> report;
    private final AtomicLong generation = new AtomicLong();
    /** The generation whose result was last reported (or that needs none). */
    private final AtomicLong reported = new AtomicLong();
    private Job job;

    /**
     * @param report called on the UI thread with the problems found (empty: ready to run), for the
     *               text most recently {@linkplain #check checked} only
     */
    DataCheck(Path file, Supplier<Optional<ExperimentRunner>> runner, Display display, Consumer<List<Problem>> report) {
        this.file = file;
        this.runner = runner;
        this.display = display;
        this.report = report;
    }

    /**
     * Checks this text after the pause (a sweep: its first point); an older check still pending or
     * running is cancelled.
     */
    void check(String text, boolean sweep) {
        long mine = generation.incrementAndGet();
        if (job != null) {
            job.cancel();
        }
        ExperimentRunner engine = runner.get().orElse(null);
        if (engine == null) {
            reported.set(mine);
            return;
        }
        job = Job.create("Checking " + file.getFileName() + " with its data", monitor -> {
            List<Problem> problems = prepare(engine, text, sweep, monitor);
            if (problems != null && generation.get() == mine && !display.isDisposed()) {
                display.asyncExec(() -> {
                    if (generation.get() == mine) {
                        reported.set(mine);
                        report.accept(problems);
                    }
                });
            }
            return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule(DELAY_MILLIS);
    }

    /** Forgets pending checks: their results are not reported. */
    void cancel() {
        reported.set(generation.incrementAndGet());
        if (job != null) {
            job.cancel();
        }
    }

    /** The problems {@code prepare} finds, or {@code null} when cancelled. */
    private List<Problem> prepare(ExperimentRunner engine, String text, boolean sweep, IProgressMonitor monitor) {
        ExperimentSpec spec;
        try {
            // A sweep: its first point's data, as carnot validate checks it.
            spec = sweep ? Sweeps.parse(file, text).points().get(0).spec() : ExperimentFiles.parse(file, text);
        } catch (ExperimentFileException e) {
            return List.of();
        }
        ProgressMonitor cancellable = new ProgressMonitor() {
            @Override
            public void worked(String task, long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return monitor.isCanceled();
            }
        };
        try (PreparedRun prepared = engine.prepare(spec, cancellable)) {
            return List.of();
        } catch (InvalidExperimentException e) {
            String field = e.field();
            String message = e.getMessage();
            if (field != null && message.startsWith(field + ": ")) {
                message = message.substring(field.length() + 2);
            }
            return List.of(new Problem(field, message));
        } catch (RuntimeException e) {
            return monitor.isCanceled() ? null : List.of(new Problem(null, "the engine failed to prepare it: " + e));
        }
    }

    /** Whether the latest check has yet to report (tests wait for it). */
    boolean busy() {
        return reported.get() != generation.get();
    }
}
