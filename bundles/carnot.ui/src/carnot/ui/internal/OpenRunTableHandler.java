package carnot.ui.internal;

import carnot.ui.internal.table.RunTablePart;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** File &gt; Open Run Table: every run of the workspace in one table (Ctrl+Shift+T). */
public final class OpenRunTableHandler {

    @Execute
    public void execute(MApplication application, EModelService models, EPartService parts, Session session) {
        RunTablePart.open(application, models, parts, session.workspace(), null);
    }
}
