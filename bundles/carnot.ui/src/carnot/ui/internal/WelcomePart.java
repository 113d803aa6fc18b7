package carnot.ui.internal;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The first tab of the editor area: what the workbench does and where to start. It stays when
 * editors and run views are closed, so the editor area never disappears.
 */
public final class WelcomePart {

    @Inject
    private Session session;

    private Label text;
    private Font bold;

    @PostConstruct
    public void createControls(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(16, 16).applyTo(parent);
        Label title = new Label(parent, SWT.NONE);
        title.setText("Carnot: why does deep learning generalize?");
        FontData[] data = title.getFont().getFontData();
        for (FontData d : data) {
            d.setHeight(d.getHeight() + 4);
            d.setStyle(SWT.BOLD);
        }
        bold = new Font(parent.getDisplay(), data);
        title.setFont(bold);
        text = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(text);
        text.setText("""
                Workspace: %s

                \u2022 Workspace (left): experiments and their runs. Double-click an experiment to edit it, a run to \
                chart it. The context menu runs, duplicates, renames, deletes, compares runs and analyzes a saved run \
                again. New... creates an experiment from the installed components.
                \u2022 Experiment editor: a form whose choices come from the installed components (with their \
                settings, defaults and allowed values) and the JSON source; problems show in red as you type. \
                Run saves and starts the run in the background.
                \u2022 Runs (bottom): progress, Cancel, and the console of each run.
                \u2022 Run charts: learning curves and whatever the analyses record (scalars over epochs, series, \
                histograms, 2D grids), live while the run trains; Export as PNG, SVG or CSV.
                \u2022 Components (bottom): every installed provider with its bundle, version and state; bundle jars \
                dropped into the workspace's plugins folder appear there without a restart.

                Window > Preferences sets the workspace folder, the default executor and dataset folders; Run > Executor... chooses where runs go.""".formatted(session.workspace()));
        session.addWorkspaceListener(folder -> parent.getDisplay().asyncExec(() -> {
            if (!text.isDisposed()) {
                text.setText(text.getText().replaceFirst("Workspace: [^\n]*", "Workspace: " + folder));
            }
        }));
        parent.addListener(SWT.Dispose, e -> bold.dispose());
    }

    @Focus
    public void setFocus() {
        text.setFocus();
    }
}
