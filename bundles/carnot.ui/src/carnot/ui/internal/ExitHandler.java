package carnot.ui.internal;

import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Shell;

/** File &gt; Exit (Ctrl+Q): asks to save unsaved editors first, then closes the workbench. */
public final class ExitHandler {

    @Execute
    public void execute(IWorkbench workbench, EPartService parts, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        if (SavePrompt.saveOrDiscard(parts, shell, "quitting")) {
            workbench.close();
        }
    }
}
