package carnot.ui.internal.explorer;

import carnot.ui.internal.Dialogs;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.Session;
import carnot.ui.internal.Widgets;
import carnot.ui.internal.editor.ExperimentDocument;
import carnot.ui.internal.editor.ExperimentEditorPart;
import carnot.ui.internal.explorer.WorkspaceTree.Experiment;
import carnot.ui.internal.explorer.WorkspaceTree.Run;
import carnot.ui.internal.runs.AnalyzeDialog;
import carnot.ui.internal.runs.RunManager;
import carnot.workspace.AtomicFiles;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Shell;

/**
 * The workspace explorer: experiments and their runs as a tree, read from the workspace folder
 * and re-read when files change on disk ({@link WorkspaceWatcher}). Open (double-click), run,
 * duplicate, rename and delete (after confirmation) from the context menu; new experiments from
 * the installed components. The selection (experiments and runs) goes to the selection service,
 * where the comparison and the analysis commands find it.
 */
public final class ExplorerPart {

    /** Element id in Application.e4xmi. */
    public static final String PART_ID = "carnot.ui.part.explorer";
    /** Part descriptor of the run view, opened on run folders. */
    public static final String RUN_DESCRIPTOR_ID = "carnot.ui.partdescriptor.run";
    /** Part descriptor of the comparison, opened on several runs. */
    public static final String COMPARISON_DESCRIPTOR_ID = "carnot.ui.partdescriptor.comparison";

    @Inject
    Session session;
    @Inject
    @Optional
    RunManager runs;
    @Inject
    @Optional
    MApplication application;
    @Inject
    @Optional
    EModelService models;
    @Inject
    @Optional
    EPartService parts;
    @Inject
    @Optional
    private ESelectionService selectionService;

    private final ExplorerFiles files = new ExplorerFiles(this);
    private TreeViewer viewer;
    private Label status;
    private String summary = "";
    private org.eclipse.swt.graphics.Image errorMark;
    private ExplorerLabels labels;
    private ExplorerMenu contextMenu;
    private WorkspaceWatcher watcher;
    private volatile Display display;
    private volatile boolean closed;
    private final Consumer<Path> workspaceChanged = folder -> asyncRefresh(true);
    /** Components installed or removed change which settings are valid. */
    private final Runnable registryChanged = () -> asyncRefresh(false);

    @PostConstruct
    public void createControls(Composite parent) {
        display = parent.getDisplay();
        GridLayoutFactory.fillDefaults().margins(4, 4).spacing(4, 4).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        Widgets.button(bar, "New...", "A new experiment file in the workspace's experiments folder", this::newExperiment);
        Widgets.button(bar, "Run", "Run the selected experiments", this::runSelected);
        Widgets.button(bar, "Refresh", "Read the workspace folder again", this::refresh);

        viewer = new TreeViewer(parent, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        viewer.setComparer(ExplorerContent.COMPARER);
        viewer.setContentProvider(new ExplorerContent());
        errorMark = ProblemMark.create(parent.getDisplay());
        labels = new ExplorerLabels(errorMark);
        viewer.setLabelProvider(labels);
        org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.addDoubleClickListener(e -> openSelected());
        viewer.addSelectionChangedListener(e -> {
            if (selectionService != null) {
                selectionService.setSelection(selected());
            }
            showProblemOfSelection();
        });
        viewer.getControl().addListener(SWT.KeyDown, this::keyPressed);
        contextMenu = new ExplorerMenu(this, viewer.getControl());

        status = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(status);
        session.addWorkspaceListener(workspaceChanged);
        session.addRegistryListener(registryChanged);
        refresh();
        // After the workbench has rendered, so that parts open into the editor area.
        parent.getDisplay().asyncExec(() -> {
            if (!closed) {
                new ExplorerRequests(this).open();
            }
        });
    }

    /** The context menu for the current selection (built when shown; tests call it directly). */
    void fillMenu() {
        contextMenu.fill();
    }

    /** The context menu, for tests. */
    Menu menu() {
        return contextMenu.menu();
    }

    /** The status line, for tests. */
    Label status() {
        return status;
    }

    /** The tree, for tests. */
    TreeViewer viewer() {
        return viewer;
    }

    /** Re-reads the workspace, keeping what was expanded and selected, and (re)starts watching it. */
    public void refresh() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        Path root = session.workspace();
        if (watcher == null || !watcher.root().equals(root)) {
            if (watcher != null) {
                watcher.close();
                watcher = null;
            }
            try {
                watcher = new WorkspaceWatcher(root, () -> asyncRefresh(false));
            } catch (IOException e) {
                status.setText("Not watching " + root + " (" + e.getMessage() + "): use Refresh after changes.");
            }
        }
        Object[] expanded = viewer.getExpandedElements();
        IStructuredSelection selection = viewer.getStructuredSelection();
        List<Experiment> tree = WorkspaceTree.scan(root);
        // The Problems view's own check (one source of truth), so both mark the same files for the same causes.
        labels.setProblems(carnot.ui.internal.ProblemsPart.check(root, session.registry()));
        viewer.setInput(tree);
        viewer.setExpandedElements(expanded);
        viewer.setSelection(selection);
        long runCount = tree.stream().mapToLong(e -> e.runs().size()).sum();
        long files = tree.stream().filter(e -> e.file() != null).count();
        long invalid = tree.stream().filter(e -> labels.problem(e) != null).count();
        summary = root + ": " + files + (files == 1 ? " experiment, " : " experiments, ") + runCount
                + (runCount == 1 ? " run" : " runs") + (invalid == 0 ? "" : ", " + invalid + " invalid (see Problems)");
        showProblemOfSelection();
    }

    /** The status line: the selected file's problem, else the workspace summary. */
    private void showProblemOfSelection() {
        List<Object> selection = selected();
        String problem = selection.size() == 1 && selection.get(0) instanceof Experiment e ? labels.problem(e) : null;
        status.setText(Widgets.literal(problem == null ? summary : problem));
        status.setForeground(status.getDisplay().getSystemColor(problem == null ? SWT.COLOR_WIDGET_FOREGROUND
                : SWT.COLOR_RED));
        status.requestLayout();
    }

    /** Enter opens, Delete deletes, F2 renames: the keys of Eclipse's navigators. */
    private void keyPressed(org.eclipse.swt.widgets.Event event) {
        List<Object> selection = selected();
        boolean renamable = selection.size() == 1 && (selection.get(0) instanceof Run
                || selection.get(0) instanceof Experiment e && e.file() != null && e.problem() == null);
        boolean deletable = !selection.isEmpty() && selection.stream().allMatch(o -> o instanceof Run
                || o instanceof Experiment e && e.file() != null);
        if (event.keyCode == SWT.DEL && deletable) {
            deleteSelected();
        } else if (event.keyCode == SWT.F2 && renamable) {
            renameSelected();
        } else if ((event.keyCode == SWT.CR || event.keyCode == SWT.KEYPAD_CR) && selection.size() == 1) {
            openSelected();
        } else {
            return;
        }
        event.doit = false;
    }

    private void asyncRefresh(boolean restartWatcher) {
        Display ui = display;
        if (closed || ui == null || ui.isDisposed()) {
            return;
        }
        try {
            ui.asyncExec(() -> {
                if (!closed) {
                    refresh();
                }
            });
        } catch (SWTException e) {
            // The workbench is closing.
        }
    }

    /** The selected experiments and runs. */
    public List<Object> selected() {
        return new ArrayList<>(viewer.getStructuredSelection().toList());
    }

    /** Selects the elements whose files or folders are given (tests, and after creating files). */
    void select(Path... paths) {
        List<Object> found = new ArrayList<>();
        List<?> input = (List<?>) viewer.getInput();
        for (Object element : input) {
            Experiment e = (Experiment) element;
            for (Path path : paths) {
                if (path.equals(e.file())) {
                    found.add(e);
                }
                e.runs().stream().filter(r -> r.folder().equals(path)).forEach(found::add);
            }
        }
        found.stream().filter(o -> o instanceof Run).forEach(r -> viewer.expandToLevel(experimentOf((Run) r), 1));
        viewer.setSelection(new StructuredSelection(found), true);
    }

    Experiment experimentOf(Run run) {
        for (Object element : (List<?>) viewer.getInput()) {
            if (((Experiment) element).runs().contains(run)) {
                return (Experiment) element;
            }
        }
        return null;
    }

    Shell shell() {
        return viewer.getControl().getShell();
    }

    void openSelected() {
        List<Object> selection = selected();
        if (selection.size() != 1 || application == null || models == null || parts == null) {
            return;
        }
        Object element = selection.get(0);
        if (element instanceof Experiment e && e.file() != null) {
            PartOpener.open(application, models, parts, ExperimentEditorPart.DESCRIPTOR_ID, e.file(),
                    e.file().getFileName().toString());
        } else if (element instanceof Experiment e) {
            viewer.setExpandedState(e, !viewer.getExpandedState(e));
        } else if (element instanceof Run r) {
            PartOpener.open(application, models, parts, RUN_DESCRIPTOR_ID, r.folder(), r.experiment() + "/" + r.runId());
        }
    }

    void runSelected() {
        if (runs == null) {
            return;
        }
        for (Object element : selected()) {
            if (element instanceof Experiment e && e.file() != null) {
                runs.launch(e.file());
            }
        }
    }

    /** Continues the selected interrupted or cancelled run from its last saved epoch, through the run service. */
    void resumeSelected() {
        if (runs != null && selected().size() == 1 && selected().get(0) instanceof Run r) {
            runs.resume(r.folder());
        }
    }

    /** Runs the selected experiment, or a failed run's experiment, again in a new folder. */
    void runFreshSelected() {
        if (runs == null || selected().size() != 1) {
            return;
        }
        Object element = selected().get(0);
        if (element instanceof Experiment e && e.file() != null) {
            runs.launchFresh(e.file());
        } else if (element instanceof Run r) {
            Experiment experiment = experimentOf(r);
            if (experiment != null && experiment.file() != null) {
                runs.launchFresh(experiment.file());
            }
        }
    }

    void compareSelected() {
        List<Path> folders = new ArrayList<>();
        for (Object element : selected()) {
            if (element instanceof Run r) {
                folders.add(r.folder());
            } else if (element instanceof Experiment e) {
                e.runs().forEach(r -> folders.add(r.folder()));
            }
        }
        if (folders.isEmpty() || application == null || models == null || parts == null) {
            return;
        }
        PartOpener.openMany(application, models, parts, COMPARISON_DESCRIPTOR_ID, folders,
                "Comparison of " + folders.size() + (folders.size() == 1 ? " run" : " runs"));
    }

    void openRunTable() {
        if (selected().size() == 1 && selected().get(0) instanceof Experiment e && application != null && models != null
                && parts != null) {
            carnot.ui.internal.table.RunTablePart.open(application, models, parts, session.workspace(), e.name());
        }
    }

    void analyzeSelected() {
        if (runs == null || selected().size() != 1 || !(selected().get(0) instanceof Run run)) {
            return;
        }
        AnalyzeDialog dialog = new AnalyzeDialog(shell(), run.folder(), session.registry());
        if (dialog.open() == org.eclipse.jface.window.Window.OK && dialog.choice() != null) {
            AnalyzeDialog.Choice choice = dialog.choice();
            runs.analyze(run.folder(), choice.analysis(), choice.settings(), choice.epoch());
            // Its progress is in the Runs view; bring it forward.
            MPart runsView = parts == null ? null : parts.findPart("carnot.ui.part.runs");
            if (runsView != null) {
                parts.showPart(runsView, org.eclipse.e4.ui.workbench.modeling.EPartService.PartState.VISIBLE);
            }
        }
    }

    void duplicateSelected() {
        files.duplicate();
    }

    void renameSelected() {
        files.rename();
    }

    void deleteSelected() {
        files.delete();
    }

    void newExperiment() {
        files.newExperiment();
    }

    @Focus
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @PreDestroy
    public void dispose() {
        closed = true;
        if (errorMark != null) {
            errorMark.dispose();
        }
        session.removeWorkspaceListener(workspaceChanged);
        session.removeRegistryListener(registryChanged);
        if (watcher != null) {
            watcher.close();
        }
    }
}
