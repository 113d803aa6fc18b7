package carnot.ui.internal;

import jakarta.inject.Named;
import java.util.List;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.widgets.Shell;

/** File &gt; Open Run...: brings the Run part forward and lets it ask for a folder. */
public final class OpenRunHandler {

    @Execute
    public void execute(MApplication application, EModelService models, EPartService parts,
            @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        List<MPart> found = models.findElements(application, RunChartPart.PART_ID, MPart.class, null);
        if (found.isEmpty()) {
            return;
        }
        MPart part = parts.showPart(found.get(0), PartState.ACTIVATE);
        if (part != null && part.getObject() instanceof RunChartPart run) {
            run.browse(shell);
        }
    }
}
