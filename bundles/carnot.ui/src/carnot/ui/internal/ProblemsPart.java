package carnot.ui.internal;

import carnot.ui.internal.editor.ExperimentDocument;
import carnot.ui.internal.editor.ExperimentEditorPart;
import carnot.ui.internal.explorer.WorkspaceWatcher;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.WorkspaceListing;
import carnot.workspace.WorkspaceListing.ExperimentFile;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * Problems (as Eclipse's Problems view): every experiment or sweep file in the workspace that
 * {@code carnot validate} would reject without loading data, one row per problem: the file, the
 * field (or line and column) and what is wrong, checked against the components installed now.
 * Follows the workspace folder and the component registry; double-click opens the file in the
 * editor at its source when it does not parse.
 */
public final class ProblemsPart {

    /** Element id in Application.e4xmi. */
    public static final String PART_ID = "carnot.ui.part.problems";

    /** One row. */
    public record Problem(Path file, String where, String message) {
    }

    @Inject
    private Session session;
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
    private Label summary;
    private WorkspaceWatcher watcher;
    private List<Problem> problems = List.of();
    private volatile boolean closed;
    private Display display;
    private final Runnable changed = this::asyncRefresh;
    private final Consumer<Path> workspaceChanged = folder -> asyncRefresh();

    @PostConstruct
    public void createControls(Composite parent) {
        display = parent.getDisplay();
        GridLayoutFactory.fillDefaults().margins(4, 4).spacing(4, 4).numColumns(2).applyTo(parent);
        summary = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(summary);
        Widgets.button(parent, "Refresh", "Check every experiment file again", this::refresh);
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(table);
        column("File", 220);
        column("Where", 200);
        column("Problem", 600);
        table.addListener(SWT.DefaultSelection, e -> openSelected());
        session.addRegistryListener(changed);
        session.addWorkspaceListener(workspaceChanged);
        refresh();
    }

    private void column(String title, int width) {
        TableColumn column = new TableColumn(table, SWT.LEFT);
        column.setText(title);
        column.setWidth(width);
    }

    /**
     * Every problem of every experiment file in the workspace, files in path order: what the
     * editor shows for each (malformed JSON with its position; the file's structure; every
     * component's id and settings against the installed providers when there is a registry).
     */
    public static List<Problem> check(Path workspace, carnot.api.component.ComponentRegistry registry) {
        List<Problem> found = new ArrayList<>();
        for (ExperimentFile file : WorkspaceListing.experimentFiles(workspace)) {
            String prefix = file.file() + ":";
            try {
                String text = Files.readString(file.file(), StandardCharsets.UTF_8);
                for (ExperimentDocument.Problem problem : ExperimentDocument.parse(file.file(), text).validate(registry)) {
                    if (problem.field() != null || registry != null) {
                        found.add(new Problem(file.file(), problem.field() == null ? "" : problem.field(),
                                problem.message()));
                    }
                }
            } catch (ExperimentFileException e) {
                String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
                java.util.regex.Matcher position = LINE_COLUMN.matcher(message);
                found.add(position.matches() ? new Problem(file.file(), "line " + position.group(1), position.group(2))
                        : new Problem(file.file(), e.field() == null ? "" : e.field(), message.strip()));
            } catch (IOException e) {
                found.add(new Problem(file.file(), "", "cannot read: " + e.getMessage()));
            }
        }
        return found;
    }

    private static final java.util.regex.Pattern LINE_COLUMN = java.util.regex.Pattern.compile("(\\d+:\\d+): (.*)",
            java.util.regex.Pattern.DOTALL);

    /** Checks the workspace again and shows what is wrong. */
    public void refresh() {
        if (table == null || table.isDisposed()) {
            return;
        }
        Path root = session.workspace();
        if (watcher == null || !watcher.root().equals(root)) {
            if (watcher != null) {
                watcher.close();
            }
            try {
                watcher = new WorkspaceWatcher(root, this::asyncRefresh);
            } catch (IOException e) {
                watcher = null;
            }
        }
        problems = check(root, session.registry());
        table.setRedraw(false);
        try {
            table.removeAll();
            for (Problem problem : problems) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(new String[] {root.relativize(problem.file()).toString(), problem.where(), problem.message()});
            }
        } finally {
            table.setRedraw(true);
        }
        long files = problems.stream().map(Problem::file).distinct().count();
        summary.setText(problems.isEmpty() ? "No problems: every experiment file in " + root + " is valid."
                : problems.size() + (problems.size() == 1 ? " problem in " : " problems in ") + files
                        + (files == 1 ? " file" : " files") + " (double-click to open)");
        summary.requestLayout();
    }

    private void asyncRefresh() {
        Display ui = display;
        if (!closed && ui != null && !ui.isDisposed()) {
            ui.asyncExec(() -> {
                if (!closed) {
                    refresh();
                }
            });
        }
    }

    private void openSelected() {
        int index = table.getSelectionIndex();
        if (index < 0 || index >= problems.size() || application == null || models == null || parts == null) {
            return;
        }
        Path file = problems.get(index).file();
        PartOpener.open(application, models, parts, ExperimentEditorPart.DESCRIPTOR_ID, file, file.getFileName().toString());
    }

    /** What the view shows, for tests. */
    List<Problem> problems() {
        return problems;
    }

    Table table() {
        return table;
    }

    @Focus
    public void setFocus() {
        table.setFocus();
    }

    @PreDestroy
    public void dispose() {
        closed = true;
        session.removeRegistryListener(changed);
        session.removeWorkspaceListener(workspaceChanged);
        if (watcher != null) {
            watcher.close();
        }
    }
}
