package carnot.ui.internal;

import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Window &gt; Show View &gt; ...: brings a view forward (shown again if its stack was hidden). */
public final class ShowPartHandler {

    /** The command parameter naming the part's element id. */
    public static final String PART_PARAMETER = "carnot.ui.commandparameter.part";

    @Execute
    public void execute(@Named(PART_PARAMETER) String partId, EPartService parts) {
        MPart part = parts.findPart(partId);
        if (part != null) {
            PartOpener.reveal(part);
            parts.showPart(part, PartState.ACTIVATE);
        }
    }
}
