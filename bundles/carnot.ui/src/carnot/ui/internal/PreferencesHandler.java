package carnot.ui.internal;

import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

/** Window &gt; Preferences. */
public final class PreferencesHandler {

    @Execute
    public void execute(Session session, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        new PreferencesDialog(shell, session).open();
    }
}
