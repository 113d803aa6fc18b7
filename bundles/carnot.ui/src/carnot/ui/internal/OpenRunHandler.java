package carnot.ui.internal;

import carnot.ui.internal.explorer.ExplorerPart;
import carnot.ui.internal.explorer.WorkspaceTree;
import jakarta.inject.Named;
import java.nio.file.Path;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Shell;

/** File &gt; Open Run...: charts of any run folder, also outside the workspace, or a measure study's view. */
public final class OpenRunHandler {

    @Execute
    public void execute(MApplication application, EModelService models, EPartService parts, Session session,
            @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        String chosen = Dialogs.chooseFolder(shell, "Open Run", "Choose a run folder (runs/<experiment>/<run>) or a measure study (studies/<experiment>-measures/<time>)",
                session.workspace().resolve("runs").toString());
        if (chosen == null) {
            return;
        }
        Path folder = Path.of(chosen).toAbsolutePath().normalize();
        if (carnot.ui.internal.charts.MeasureStudyPart.isStudy(folder)) {
            carnot.ui.internal.charts.MeasureStudyPart.open(application, models, parts, folder);
            return;
        }
        if (!WorkspaceTree.isRun(folder)) {
            Dialogs.error(shell, "Open Run", folder + " is not a run folder: it has no status.json or metrics.jsonl.",
                    "Choose a folder runs/<experiment>/<run> that carnot run or the workbench wrote, or a study folder "
                            + "studies/<experiment>-measures/<time> that carnot measures wrote.");
            return;
        }
        PartOpener.open(application, models, parts, ExplorerPart.RUN_DESCRIPTOR_ID, folder,
                folder.getParent().getFileName() + "/" + folder.getFileName());
    }
}
