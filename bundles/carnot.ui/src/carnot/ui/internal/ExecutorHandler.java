package carnot.ui.internal;

import carnot.ui.internal.runs.ExecutorDialog;
import carnot.ui.internal.runs.RunManager;
import carnot.workspace.WorkspaceExecutor;
import jakarta.inject.Named;
import java.io.IOException;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

/**
 * Run &gt; Executor...: chooses the executor of the runs the workbench starts from now on, and
 * optionally makes it the workspace's default (Window &gt; Preferences offers the same).
 */
public final class ExecutorHandler {

    @Execute
    public void execute(Session session, RunManager runs, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        choose(shell, session, runs, false);
    }

    /** Opens the executor dialog and applies its choice; {@code asDefault}: "save as default" starts checked. */
    public static void choose(Shell shell, Session session, RunManager runs, boolean asDefault) {
        ExecutorDialog dialog = new ExecutorDialog(shell, session.registry(), runs == null ? null : runs.executor(),
                WorkspaceExecutor.id(session.workspace()).orElse(""), asDefault);
        if (dialog.open() != Window.OK || dialog.selection() == null) {
            return;
        }
        if (runs != null) {
            runs.setExecutor(dialog.selection());
        }
        if (dialog.saveAsDefault()) {
            try {
                WorkspaceExecutor.write(session.workspace(), dialog.selection().id(), dialog.selection().settings());
            } catch (IOException e) {
                Dialogs.error(shell, "Cannot save the workspace's default executor",
                        session.workspace().resolve(WorkspaceExecutor.FILE) + ": " + e.getMessage(),
                        "Check that the workspace folder is writable; the choice applies to this session.");
            }
        }
    }
}
