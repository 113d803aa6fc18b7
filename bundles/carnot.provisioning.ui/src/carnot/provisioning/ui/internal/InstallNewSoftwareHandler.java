package carnot.provisioning.ui.internal;

import carnot.provisioning.Provisioning;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.widgets.Shell;

/** Help &gt; Install New Software...: opens {@link InstallNewSoftwareDialog} on the provisioning service. */
public final class InstallNewSoftwareHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, @Optional Provisioning provisioning,
            IWorkbench workbench) {
        if (Unavailable.reported(shell, provisioning)) {
            return;
        }
        new InstallNewSoftwareDialog(shell, provisioning, workbench::restart).open();
    }
}
