package carnot.ui.internal;

import jakarta.inject.Named;
import java.util.List;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Shell;

/** File &gt; Close (Ctrl+W): closes the active editor, run view or comparison, asking to save first. */
public final class ClosePartHandler {

    @CanExecute
    public boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.isCloseable();
    }

    @Execute
    public void execute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part, EPartService parts,
            @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        if (part != null && part.isCloseable() && SavePrompt.saveOrDiscard(parts, List.of(part), shell, "closing it")) {
            parts.hidePart(part);
        }
    }
}
