package carnot.ui.internal.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.ui.internal.PartTest;
import carnot.ui.internal.UiTesting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.Test;

/** The explorer driven through its tree and context menu, on a real workspace folder. */
class ExplorerPartTest extends PartTest {

    private ExplorerPart open() {
        setUp(400, 500, false);
        return make(ExplorerPart.class);
    }

    private static List<String> labels(ExplorerPart explorer) {
        explorer.viewer().expandAll();
        List<String> labels = new ArrayList<>();
        for (TreeItem item : explorer.viewer().getTree().getItems()) {
            labels.add(item.getText());
        }
        return labels;
    }

    private void answer(boolean confirm, String name) {
        dialogs.confirm = confirm;
        dialogs.name = name;
        dialogs.errorsExpected = true;
    }

    private void click(ExplorerPart explorer, String label) {
        for (MenuItem item : explorer.menu().getItems()) {
            item.dispose();
        }
        explorer.fillMenu();
        MenuItem item = Arrays.stream(explorer.menu().getItems()).filter(i -> label.equals(i.getText().split("\t")[0])).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + label));
        assertTrue(item.getEnabled(), label + " is disabled");
        item.notifyListeners(SWT.Selection, null);
    }

    @Test
    void showsExperimentsAndRunsAndFollowsTheFolder() throws Exception {
        Path alpha = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        WorkspaceFixture.writeRun(workspace, "alpha", "20261101-100000-seed1", "completed", 3);
        ExplorerPart explorer = open();
        org.eclipse.swt.widgets.Tree tree = explorer.viewer().getTree();

        assertEquals(List.of("alpha  (1 run)"), labels(explorer));
        assertEquals("20261101-100000-seed1  [completed]", tree.getItem(0).getItem(0).getText());

        // Files changed by someone else (a headless run, a shell) show up without Refresh.
        WorkspaceFixture.writeExperiment(workspace, "experiments/beta.json", "beta");
        WorkspaceFixture.writeRun(workspace, "alpha", "20261102-100000-seed1", "running", 1);
        UiTesting.spinUntil("the watcher to show beta and the second run", () -> tree.getItemCount() == 2
                && tree.getItem(0).getText().equals("alpha  (2 runs)"), 10_000);
        assertEquals("beta", tree.getItem(1).getText());
        assertTrue(tree.getItem(0).getExpanded(), "expansion survives a refresh");

        // A run's status changing on disk is shown too.
        Files.writeString(workspace.resolve("runs/alpha/20261102-100000-seed1/status.json"),
                "{\"status\": \"cancelled\"}");
        UiTesting.spinUntil("the new status", () -> tree.getItem(0).getItemCount() == 2
                && tree.getItem(0).getItem(0).getText().endsWith("[cancelled]"), 10_000);

        Files.delete(alpha);
        // Its runs stay, listed after the experiments that have files.
        UiTesting.spinUntil("the deleted file to go", () -> tree.getItemCount() == 2
                && tree.getItem(1).getText().equals("alpha (no experiment file)  (2 runs)"), 10_000);
        assertEquals("beta", tree.getItem(0).getText());
    }

    @Test
    void duplicateRenameAndDeleteWithConfirmation() throws Exception {
        Path alpha = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        Path run = WorkspaceFixture.writeRun(workspace, "alpha", "20261101-100000-seed1", "completed", 3);
        ExplorerPart explorer = open();

        explorer.select(alpha);
        answer(true, "alpha2");
        click(explorer, "Duplicate...");
        Path copy = workspace.resolve("experiments/alpha2.json");
        assertEquals("alpha2", WorkspaceTree.experimentName(copy));
        assertTrue(dialogs.shown.get(0).contains("[alpha-copy] null"), dialogs.shown.toString());

        explorer.select(copy);
        answer(true, "bad/name");
        click(explorer, "Rename...");
        assertTrue(Files.exists(copy), "a refused name changes nothing");
        assertTrue(dialogs.shown.get(1).contains("letters, digits"), dialogs.shown.toString());

        answer(true, "gamma");
        click(explorer, "Rename...");
        assertFalse(Files.exists(copy));
        assertEquals("gamma", WorkspaceTree.experimentName(workspace.resolve("experiments/gamma.json")));
        assertTrue(Files.readString(workspace.resolve("experiments/gamma.json")).contains("// comments are allowed"),
                "renaming changes the name, not the rest of the file");

        explorer.select(run);
        answer(false, null);
        click(explorer, "Delete...");
        assertTrue(Files.isDirectory(run), "not confirmed: nothing deleted");
        assertTrue(dialogs.shown.get(dialogs.shown.size() - 1).contains("run folder alpha/20261101-100000-seed1"), dialogs.shown.toString());

        answer(true, null);
        click(explorer, "Delete...");
        assertFalse(Files.exists(run));
        assertEquals(List.of("alpha", "gamma"), labels(explorer));
    }

    @Test
    void aMalformedExperimentIsListedWithItsProblemInsteadOfVanishing() throws Exception {
        Path alpha = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        Path broken = workspace.resolve("experiments/broken.json");
        Files.writeString(broken, "{\"name\": \"broken\",\n \"dataset\": }");
        Files.writeString(workspace.resolve("package.json"), "{\"private\": true}");
        ExplorerPart explorer = open();
        org.eclipse.swt.widgets.Tree tree = explorer.viewer().getTree();

        assertEquals(List.of("alpha", "broken.json  [invalid]"), labels(explorer));
        assertTrue(tree.getItem(1).getImage() != null, "an error mark");
        assertTrue(tree.getItem(0).getImage() == null);
        explorer.select(broken);
        assertTrue(explorer.status().getText().contains("broken.json:2:")
                && explorer.status().getText().contains("malformed JSON"), explorer.status().getText());
        for (MenuItem item : explorer.menu().getItems()) {
            item.dispose();
        }
        explorer.fillMenu();
        assertFalse(menuItem(explorer, "Run").getEnabled(), "a file with a problem cannot run");
        assertTrue(menuItem(explorer, "Open").getEnabled(), "but opens, to be fixed");

        // A file that breaks on disk stays listed, marked.
        Files.writeString(alpha, Files.readString(alpha).replace("\"seed\": 7,", "\"seed\": 7,,"));
        UiTesting.spinUntil("alpha to be marked invalid", () -> tree.getItemCount() == 2
                && tree.getItem(0).getText().equals("alpha.json  [invalid]"), 10_000);
    }

    @Test
    void filesWithInvalidSettingsAreMarkedWithTheProblemsViewsCauses() throws Exception {
        WorkspaceFixture.writeExperiment(workspace, "experiments/good.json", "good");
        Path unknown = workspace.resolve("experiments/unknown.json");
        Files.writeString(unknown, WorkspaceFixture.experiment("unknown", 2).replace("\"id\": \"mlp\"",
                "\"id\": \"no-such-model\""));
        Path range = workspace.resolve("experiments/range.json");
        Files.writeString(range, WorkspaceFixture.experiment("range", 2).replace("\"hidden\": [16]", "\"hidden\": [0]"));
        Path malformed = workspace.resolve("experiments/malformed.json");
        Files.writeString(malformed, "{\"name\": \"malformed\",\n \"seed\": }");
        setUp(400, 500, true);
        ExplorerPart explorer = make(ExplorerPart.class);
        org.eclipse.swt.widgets.Tree tree = explorer.viewer().getTree();
        ExplorerLabels labels = (ExplorerLabels) explorer.viewer().getLabelProvider();

        assertEquals(List.of("good", "malformed.json  [invalid]", "range", "unknown"), labels(explorer));
        List<carnot.ui.internal.ProblemsPart.Problem> problems = carnot.ui.internal.ProblemsPart.check(workspace,
                session.registry());
        for (int i = 0; i < tree.getItemCount(); i++) {
            WorkspaceTree.Experiment experiment = (WorkspaceTree.Experiment) tree.getItem(i).getData();
            List<carnot.ui.internal.ProblemsPart.Problem> own = problems.stream()
                    .filter(p -> p.file().equals(experiment.file())).toList();
            boolean marked = !experiment.name().equals("good");
            assertEquals(marked, !own.isEmpty(), "the Problems view on " + experiment.file() + ": " + own);
            assertEquals(marked, tree.getItem(i).getImage() != null, "error mark on " + experiment.name());
            assertEquals(marked, tree.getItem(i).getForeground(0).equals(tree.getDisplay().getSystemColor(SWT.COLOR_RED)),
                    "red " + experiment.name());
            String tooltip = labels.getToolTipText(experiment);
            for (carnot.ui.internal.ProblemsPart.Problem problem : own) {
                if (experiment.problem() == null) {
                    assertTrue(tooltip.contains(problem.where() + ": " + problem.message()), tooltip + " lacks " + problem);
                }
            }
        }
        String unknownTip = labels.getToolTipText(tree.getItem(3).getData());
        assertTrue(unknownTip.startsWith("model.id: ") && unknownTip.contains("no-such-model"), unknownTip);
        String rangeTip = labels.getToolTipText(tree.getItem(2).getData());
        assertTrue(rangeTip.startsWith("model.settings.hidden[0]: expected a list of integers with every element >= 1"),
                rangeTip);
        assertTrue(labels.getToolTipText(tree.getItem(1).getData()).contains("malformed JSON"));
        explorer.select(range);
        assertEquals(rangeTip, explorer.status().getText(), "the status line says the same");
        assertTrue(explorer.status().getText().length() > 0);

        // Fixed on disk: the mark goes, as the Problems view's row does.
        Files.writeString(range, WorkspaceFixture.experiment("range", 2));
        UiTesting.spinUntil("range to lose its mark", () -> tree.getItemCount() == 4 && tree.getItem(2).getImage() == null,
                10_000);
    }

        @Test
    void deleteAndF2WorkFromTheKeyboard() throws Exception {
        WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        Path run = WorkspaceFixture.writeRun(workspace, "alpha", "20261101-100000-seed1", "completed", 3);
        ExplorerPart explorer = open();
        explorer.select(run);
        answer(true, "renamed-run");
        press(explorer, SWT.F2);
        assertTrue(dialogs.last().startsWith("ask: Rename Run"), dialogs.last());
        Path renamed = workspace.resolve("runs/alpha/renamed-run");
        assertTrue(Files.isDirectory(renamed));

        explorer.select(renamed);
        press(explorer, SWT.DEL);
        assertTrue(dialogs.last().startsWith("confirm: Delete: Delete run folder alpha/renamed-run"), dialogs.last());
        assertFalse(Files.exists(renamed));
    }

    private static void press(ExplorerPart explorer, int key) {
        org.eclipse.swt.widgets.Event event = new org.eclipse.swt.widgets.Event();
        event.keyCode = key;
        event.doit = true;
        explorer.viewer().getControl().notifyListeners(SWT.KeyDown, event);
    }

    private static MenuItem menuItem(ExplorerPart explorer, String label) {
        return Arrays.stream(explorer.menu().getItems()).filter(i -> label.equals(i.getText().split("\t")[0]))
                .findFirst().orElseThrow(() -> new AssertionError("no menu item " + label));
    }
}
