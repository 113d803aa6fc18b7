package carnot.ui.internal.runs;

import carnot.ui.internal.Dialogs;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.Widgets;
import carnot.ui.internal.explorer.ExplorerPart;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.function.Consumer;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The runs started from the workbench: one row each with its state and progress, Cancel, and
 * the console of the selected run (what it reported, line by line; the run folder's
 * {@code run.log} has the same).
 */
public final class RunsPart {

    /** Element id in Application.e4xmi. */
    public static final String PART_ID = "carnot.ui.part.runs";
    /** The console is refreshed at most this often. */
    static final int UPDATE_MILLIS = 200;

    @Inject
    private RunManager runs;
    @Inject
    @Optional
    private MApplication application;
    @Inject
    @Optional
    private EModelService models;
    @Inject
    @Optional
    private EPartService parts;

    private Table table;
    private ProgressBar progress;
    private StyledText console;
    private Button cancel;
    private Button open;
    private Button fresh;
    private Font monospace;
    private volatile Display display;
    private volatile boolean updateScheduled;
    private List<RunHandle> shown = List.of();
    /** Failed runs already reported in a dialog. */
    private final Set<RunHandle> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Consumer<RunHandle> changed = handle -> scheduleUpdate();
    private final Runnable update = this::update;

    @PostConstruct
    public void createControls(Composite parent) {
        display = parent.getDisplay();
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(parent);
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);

        Composite left = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).spacing(4, 4).applyTo(left);
        // The buttons above the list: in a short bottom stack they stay visible (issue 21: the first
        // layout cut them off below the list).
        progress = new ProgressBar(left, SWT.HORIZONTAL | SWT.SMOOTH);
        progress.setMaximum(1000);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(progress);
        cancel = Widgets.button(left, "Cancel", "Stop the selected run; it is recorded as cancelled", () -> {
            RunHandle handle = selected();
            if (handle != null) {
                handle.cancel();
            }
        });
        open = Widgets.button(left, "Open", "Show the selected run's charts", this::openSelected);
        fresh = Widgets.button(left, "Run Fresh", "Run the selected run's experiment again in a new folder "
                + "(after a failure, or while another run of it trains)", () -> {
                    RunHandle handle = selected();
                    if (handle != null && canRunFresh(handle)) {
                        runs.launchFresh(handle.source());
                    }
                });
        Widgets.button(left, "Clear Finished", "Remove finished runs from this list (their folders stay)", runs::clearFinished);
        table = new Table(left, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().span(5, 1).grab(true, true).applyTo(table);
        column("Experiment", 130);
        column("State", 80);
        column("Done", 50);
        column(SchedulerColumn.TITLE, 170);
        column("Run folder", 180);
        column("Detail", 320);
        table.addListener(SWT.Selection, e -> update());
        table.addListener(SWT.DefaultSelection, e -> openSelected());

        console = new StyledText(sash, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL | SWT.READ_ONLY);
        monospace = new Font(parent.getDisplay(), "Monospace", 9, SWT.NORMAL);
        console.setFont(monospace);
        // Failures are one long line each: what went wrong, then what to do.
        console.setWordWrap(true);
        sash.setWeights(55, 45);
        runs.addListener(changed);
        update();
    }

    private void column(String title, int width) {
        TableColumn column = new TableColumn(table, SWT.LEFT);
        column.setText(title);
        column.setWidth(width);
    }


    /** The table, for tests. */
    Table table() {
        return table;
    }

    /** The console, for tests. */
    StyledText console() {
        return console;
    }

    /** A failed run of an experiment file (or of a run folder's recorded experiment) can start over in a new folder. */
    private static boolean canRunFresh(RunHandle handle) {
        return handle.kind() == RunHandle.Kind.RUN && handle.state() == RunHandle.State.FAILED
                && Files.exists(handle.source());
    }

    /** The Run Fresh button, for tests. */
    Button freshButton() {
        return fresh;
    }

    /** The Cancel button, for tests. */
    Button cancelButton() {
        return cancel;
    }

    private RunHandle selected() {
        int index = table.getSelectionIndex();
        return index >= 0 && index < shown.size() ? shown.get(index) : null;
    }

    private void openSelected() {
        RunHandle handle = selected();
        if (handle != null && handle.folder() != null && application != null && models != null && parts != null) {
            PartOpener.open(application, models, parts, ExplorerPart.RUN_DESCRIPTOR_ID, handle.folder(),
                    handle.title() + "/" + handle.folder().getFileName());
        }
    }

    private void scheduleUpdate() {
        Display ui = display;
        if (updateScheduled || ui == null || ui.isDisposed()) {
            return;
        }
        updateScheduled = true;
        try {
            ui.asyncExec(() -> {
                if (!ui.isDisposed()) {
                    ui.timerExec(UPDATE_MILLIS, update);
                }
            });
        } catch (SWTException e) {
            // Closing.
        }
    }

    /** Shows the runs as they are now (called on the UI thread). */
    void update() {
        updateScheduled = false;
        if (table.isDisposed()) {
            return;
        }
        RunHandle previous = selected();
        shown = runs.handles();
        table.setItemCount(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            RunHandle handle = shown.get(i);
            TableItem item = table.getItem(i);
            item.setText(new String[] {handle.title(), handle.state().label(),
                    String.format(Locale.ROOT, "%.0f%%", 100 * handle.progress()), handle.scheduling().text(),
                    handle.folder() == null ? "" : handle.folder().getFileName().toString(), handle.detail()});
        }
        int index = previous == null ? shown.size() - 1 : shown.indexOf(previous);
        if (index >= 0) {
            table.setSelection(index);
        }
        reportFailures();
        RunHandle current = selected();
        progress.setSelection(current == null ? 0 : (int) Math.round(1000 * current.progress()));
        cancel.setEnabled(current != null && !current.state().finished());
        open.setEnabled(current != null && current.folder() != null);
        fresh.setEnabled(current != null && canRunFresh(current));
        String log = current == null ? "" : current.log();
        if (!log.equals(console.getText())) {
            console.setText(log);
            console.setTopIndex(Math.max(0, console.getLineCount() - 1));
        }
    }

    /**
     * A run or re-analysis that failed is reported once in an error dialog saying what went wrong
     * and what to do (a failed background job alone would only reach the OSGi log). Opened after
     * this update, so that the table already shows the failure behind the dialog.
     */
    private void reportFailures() {
        for (RunHandle handle : shown) {
            RunHandle.Failure failure = handle.failure();
            if (handle.state() == RunHandle.State.FAILED && failure != null && reported.add(handle)) {
                table.getDisplay().asyncExec(() -> {
                    if (!table.isDisposed()) {
                        Dialogs.error(table.getShell(), (handle.kind() == RunHandle.Kind.ANALYSIS
                                ? "Analysis failed: " : "Run failed: ") + handle.title(), failure.what(), failure.whatToDo());
                    }
                });
            }
        }
    }

    @Focus
    public void setFocus() {
        table.setFocus();
    }

    @PreDestroy
    public void dispose() {
        runs.removeListener(changed);
        if (monospace != null) {
            monospace.dispose();
        }
    }
}
