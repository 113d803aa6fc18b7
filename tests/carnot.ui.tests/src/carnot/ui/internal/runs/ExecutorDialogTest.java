package carnot.ui.internal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.ui.internal.PartTest;
import carnot.ui.internal.runs.RunManager.ExecutorSelection;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.WorkspaceExecutor;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.swt.SWT;
import org.junit.jupiter.api.Test;

/**
 * Run &gt; Executor...: the installed executors from the component registry, each with its
 * settings checked against its own schema; the choice reaches the run manager's requests and can
 * become the workspace's default, the file carnot run reads.
 */
class ExecutorDialogTest extends PartTest {

    @Test
    void listsTheInstalledExecutorsValidatesTheirSettingsAndSavesTheWorkspaceDefault() throws Exception {
        setUp(600, 400, true);
        ExecutorDialog dialog = new ExecutorDialog(shell, session.registry(), ExecutorSelection.WORKSPACE_DEFAULT, "",
                false);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            List<String> items = Arrays.asList(dialog.executorCombo().getItems());
            assertEquals("the workspace's default (in-process)", items.get(0));
            assertTrue(items.stream().anyMatch(i -> i.endsWith("(in-process)") && !i.startsWith("the workspace")), items.toString());
            assertTrue(items.stream().anyMatch(i -> i.endsWith("(local)")), items.toString());

            int local = items.indexOf(items.stream().filter(i -> i.endsWith("(local)")).findFirst().orElseThrow());
            dialog.executorCombo().select(local);
            dialog.executorCombo().notifyListeners(SWT.Selection, null);
            assertTrue(dialog.settingInputs().containsKey("parallel"), dialog.settingInputs().keySet().toString());

            dialog.settingInputs().get("parallel").setText("-1");
            dialog.pressUse();
            assertTrue(dialog.problem().startsWith("executor.settings.parallel: "), dialog.problem());
            assertNull(dialog.selection(), "not closed on a bad setting");

            dialog.settingInputs().get("parallel").setText("2");
            dialog.saveDefaultBox().setSelection(true);
            dialog.pressUse();
        } finally {
            if (dialog.getShell() != null && !dialog.getShell().isDisposed()) {
                dialog.close();
            }
        }
        assertEquals("local", dialog.selection().id());
        assertEquals(java.util.Set.of("parallel"), dialog.selection().settings().keySet());
        assertEquals(2, ((Number) dialog.selection().settings().get("parallel")).intValue());
        assertTrue(dialog.saveAsDefault());

        WorkspaceExecutor.write(workspace, dialog.selection().id(), dialog.selection().settings());
        assertEquals("local", WorkspaceExecutor.id(workspace).orElseThrow());
        Map<String, Object> saved = ExperimentFiles.parseSettings(
                Files.readString(workspace.resolve(WorkspaceExecutor.FILE)), WorkspaceExecutor.FILE);
        assertEquals("local", saved.get("id"));
        assertEquals(2, ((Number) ((Map<?, ?>) saved.get("settings")).get("parallel")).intValue());
    }

    /** The Run menu's choice goes into the run service's request: an executor it does not know is refused, named. */
    @Test
    void theChosenExecutorReachesTheRunService() throws Exception {
        java.nio.file.Path file = workspace.resolve("e.json");
        Files.writeString(file, carnot.ui.internal.explorer.WorkspaceFixture.experiment("e", 1));
        setUp(600, 400, true);
        carnot.ui.internal.ScriptedDialogs.install().errorsExpected = true;
        RunManager runs = new RunManager(session);
        runs.setExecutor(new ExecutorSelection("no-such-executor", Map.of()));
        RunHandle handle = runs.launch(file);
        carnot.ui.internal.UiTesting.spinUntil("the refusal", () -> handle.state().finished(), 60_000);
        assertEquals(RunHandle.State.FAILED, handle.state(), handle.log());
        assertTrue(handle.detail().contains("executor.id: unknown executor 'no-such-executor'; installed: "),
                handle.detail());
        assertNull(handle.folder(), "nothing written");
        try (var runsFolder = Files.list(workspace)) {
            assertTrue(runsFolder.noneMatch(p -> p.getFileName().toString().equals("runs")), "no runs/ folder");
        }
    }
}
