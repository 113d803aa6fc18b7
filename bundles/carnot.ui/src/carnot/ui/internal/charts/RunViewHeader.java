package carnot.ui.internal.charts;

import carnot.api.runs.RunInfo;
import carnot.api.runs.RunState;
import carnot.ui.internal.Widgets;
import carnot.ui.internal.runs.RunManager;
import java.nio.file.Path;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The run view's first line: the run's state with liveness and its epochs, and what the run
 * service can do with it from here: Resume (an interrupted or cancelled run continues in its own
 * folder from its last saved epoch) and Run Fresh (the experiment the run recorded trains again in
 * a new folder). Both go through the {@link RunManager}, hence the service and the Run menu's
 * executor; nothing is copied by the view.
 */
final class RunViewHeader {

    private final Path folder;
    private final RunManager runs;
    private final Runnable followSoon;
    private final Label text;
    private final Button resume;
    private final Button fresh;

    /**
     * @param bar        the view's button bar (a grid layout): the label takes the first row (a run's name
     *                   and state never cut off by the buttons), the two buttons start the second
     * @param followSoon called after Resume, so the view re-reads the folder while the run goes on
     */
    RunViewHeader(Composite bar, Path folder, RunManager runs, Runnable followSoon) {
        this.folder = folder;
        this.runs = runs;
        this.followSoon = followSoon;
        text = new Label(bar, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER)
                .span(((org.eclipse.swt.layout.GridLayout) bar.getLayout()).numColumns, 1).applyTo(text);
        resume = Widgets.button(bar, "Resume", "Continue this interrupted or cancelled run from its last saved epoch "
                + "(through the run service, with the Run menu's executor)", this::resume);
        fresh = Widgets.button(bar, "Run Fresh", "Train the experiment this run recorded again, in a new run folder "
                + "of the same experiment (through the run service, with the Run menu's executor)", this::runFresh);
        resume.setEnabled(false);
        fresh.setEnabled(false);
    }

    /** Shows the folder's state as just read; {@code info} is {@code null} when it has no readable status. */
    void show(String state, int epochsCompleted, int epochsPlanned, RunInfo info) {
        text.setForeground(null);
        // The folder's own name (the tab says its experiment): a sweep's point is named by its cell and seed.
        text.setText(folder.getFileName() + "  \u2014  " + state
                + (epochsPlanned > 0 ? ", " + epochsCompleted + " of " + epochsPlanned + " epochs" : "")
                + (info != null && info.resumable() ? " (resumable)" : ""));
        resume.setEnabled(runs != null && info != null && info.resumable());
        fresh.setEnabled(runs != null && info != null && !isLive(info.state()));
        text.requestLayout();
    }

    /** The folder is gone: nothing to resume or to read the experiment from. */
    void showGone() {
        text.setText(folder.getFileName() + "  \u2014  folder deleted");
        text.setForeground(text.getDisplay().getSystemColor(SWT.COLOR_RED));
        resume.setEnabled(false);
        fresh.setEnabled(false);
        text.requestLayout();
    }

    /** While a process trains or a scheduler holds the run, a fresh copy would only compete with it. */
    private static boolean isLive(RunState state) {
        return state.isActive();
    }

    private void resume() {
        if (runs != null) {
            resume.setEnabled(false);
            runs.resume(folder);
            followSoon.run();
        }
    }

    private void runFresh() {
        if (runs != null) {
            runs.launchFresh(folder);
        }
    }

    Label label() {
        return text;
    }

    Button resumeButton() {
        return resume;
    }

    Button freshButton() {
        return fresh;
    }
}
