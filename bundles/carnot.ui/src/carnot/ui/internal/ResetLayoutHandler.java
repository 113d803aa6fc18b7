package carnot.ui.internal;

import java.util.List;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * Window &gt; Reset Layout (Eclipse's Reset Perspective): the sashes back to their first sizes and
 * every view shown; open editors and run views stay.
 */
public final class ResetLayoutHandler {

    /** The views, in the order they are brought forward (the last of a stack ends up in front). */
    static final List<String> VIEWS = List.of("carnot.ui.part.explorer", "carnot.ui.part.components",
            "carnot.ui.part.problems", "carnot.ui.part.runs");

    @Execute
    public void execute(MApplication application, EModelService models, EPartService parts, LayoutMemory layout) {
        layout.reset(application, models);
        for (String id : VIEWS) {
            MPart part = parts.findPart(id);
            if (part != null) {
                PartOpener.reveal(part);
                parts.showPart(part, PartState.VISIBLE);
            }
        }
        var stack = PartOpener.editorStack(application, models);
        if (stack != null) {
            PartOpener.reveal(stack);
        }
    }
}
