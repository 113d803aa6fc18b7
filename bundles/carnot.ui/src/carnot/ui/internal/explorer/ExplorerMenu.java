package carnot.ui.internal.explorer;

import carnot.ui.internal.explorer.WorkspaceTree.Experiment;
import carnot.ui.internal.explorer.WorkspaceTree.Run;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

/**
 * The explorer's context menu, built for the selection each time it is shown: open, run, resume
 * (interrupted or cancelled runs), run fresh (an experiment, or a failed run's), compare, analyze,
 * the run table, and the file operations.
 */
final class ExplorerMenu {

    private final ExplorerPart explorer;
    private final Menu menu;

    ExplorerMenu(ExplorerPart explorer, Control tree) {
        this.explorer = explorer;
        menu = new Menu(tree);
        tree.setMenu(menu);
        menu.addListener(SWT.Show, e -> {
            for (MenuItem item : menu.getItems()) {
                item.dispose();
            }
            fill();
        });
    }

    /** Builds the menu for the current selection. */
    void fill() {
        List<Object> selection = explorer.selected();
        boolean one = selection.size() == 1;
        boolean experiments = !selection.isEmpty() && selection.stream().allMatch(o -> o instanceof Experiment e && e.file() != null);
        boolean runnable = experiments && selection.stream().allMatch(o -> ((Experiment) o).problem() == null);
        boolean runsOnly = !selection.isEmpty() && selection.stream().allMatch(o -> o instanceof Run);
        item("Open", one, explorer::openSelected);
        item("Run", runnable, explorer::runSelected);
        item("Resume", one && selection.get(0) instanceof Run r && r.resumable(), explorer::resumeSelected);
        item("Run Fresh", one && (runnable || selection.get(0) instanceof Run r && r.status().equals("failed")),
                explorer::runFreshSelected);
        item("Compare Runs", runsOnly || (one && selection.get(0) instanceof Experiment e && e.runs().size() > 1),
                explorer::compareSelected);
        item("Analyze...", one && runsOnly, explorer::analyzeSelected);
        item("Open Run Table", one && selection.get(0) instanceof Experiment e && !e.runs().isEmpty(),
                explorer::openRunTable);
        new MenuItem(menu, SWT.SEPARATOR);
        item("Duplicate...", one && (runnable || runsOnly), explorer::duplicateSelected);
        item("Rename...\tF2", one && (runnable || runsOnly), explorer::renameSelected);
        item("Delete...\tDelete", experiments || runsOnly, explorer::deleteSelected);
        new MenuItem(menu, SWT.SEPARATOR);
        item("New Experiment...", true, explorer::newExperiment);
        item("Refresh", true, explorer::refresh);
    }

    private void item(String text, boolean enabled, Runnable action) {
        MenuItem item = new MenuItem(menu, SWT.PUSH);
        item.setText(text);
        item.setEnabled(enabled);
        item.addListener(SWT.Selection, e -> action.run());
    }

    Menu menu() {
        return menu;
    }
}
