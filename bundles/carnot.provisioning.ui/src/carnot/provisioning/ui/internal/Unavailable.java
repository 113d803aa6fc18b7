package carnot.provisioning.ui.internal;

import carnot.provisioning.Provisioning;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/** When the provisioning service is not running, the menu items say so instead of failing. */
final class Unavailable {

    private Unavailable() {
    }

    static boolean reported(Shell shell, Provisioning provisioning) {
        if (provisioning != null) {
            return false;
        }
        MessageDialog.openError(shell, "Provisioning unavailable", "p2 provisioning (carnot.provisioning) is not "
                + "running in this Carnot, so add-ons cannot be installed from here. From a terminal: carnot install "
                + "--repository REPOSITORY FEATURE (see docs/distribution.md).");
        return true;
    }
}
