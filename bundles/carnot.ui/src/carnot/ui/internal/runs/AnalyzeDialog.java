package carnot.ui.internal.runs;

import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.InvalidSettingsException;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Analyze a saved run: choose an installed analysis, its settings (JSON, checked against the
 * analysis' schema as typed) and a checkpoint; OK starts the re-analysis in the background
 * ({@link RunManager#analyze}), the workbench twin of {@code carnot analyze}.
 */
public final class AnalyzeDialog extends TitleAreaDialog {

    /** What the user chose. */
    public record Choice(String analysis, Map<String, Object> settings, Integer epoch) {
    }

    private final Path run;
    private final ComponentRegistry registry;
    private Combo analysis;
    private Text settings;
    private Combo checkpoint;
    private Label hint;
    private List<Integer> epochs = List.of();
    private Choice choice;

    public AnalyzeDialog(Shell parent, Path run, ComponentRegistry registry) {
        super(parent);
        this.run = run;
        this.registry = registry;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Analyze Run");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Analyze " + run.getParent().getFileName() + "/" + run.getFileName());
        setMessage("Runs an analysis on the run's saved weights without retraining; results are added to the run folder.");
        Composite form = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(form);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        new Label(form, SWT.NONE).setText("Analysis:");
        analysis = new Combo(form, SWT.READ_ONLY | SWT.DROP_DOWN);
        analysis.setItems(registry == null ? new String[0] : registry.ids(ComponentKind.ANALYSIS).toArray(String[]::new));
        analysis.select(0);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(analysis);
        new Label(form, SWT.NONE).setText("Settings (JSON):");
        settings = new Text(form, SWT.BORDER);
        settings.setText("{}");
        GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(settings);
        new Label(form, SWT.NONE).setText("Checkpoint:");
        checkpoint = new Combo(form, SWT.READ_ONLY | SWT.DROP_DOWN);
        try {
            epochs = new ArrayList<>(RunRecords.checkpoints(run).keySet());
        } catch (IOException e) {
            epochs = List.of();
        }
        List<String> items = new ArrayList<>();
        items.add("every checkpoint");
        epochs.forEach(e -> items.add("epoch " + e));
        checkpoint.setItems(items.toArray(String[]::new));
        checkpoint.select(0);
        hint = new Label(form, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(420, SWT.DEFAULT).applyTo(hint);
        analysis.addListener(SWT.Selection, e -> check());
        settings.addListener(SWT.Modify, e -> check());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        check();
    }

    /** What is wrong with the choice, or {@code null}; shows the analysis' settings as a hint. */
    private String check() {
        String problem = problem(registry, analysis.getText(), settings.getText(), epochs.isEmpty());
        ComponentDescriptor descriptor = registry == null ? null
                : registry.describe(ComponentKind.ANALYSIS, analysis.getText()).orElse(null);
        hint.setText(descriptor == null ? "" : descriptor.title() + ". Settings: " + String.join(", ",
                descriptor.schema().settings().stream().map(s -> s.key() + " (" + s.allowedValues() + ", default "
                        + s.defaultValue() + ")").toList()));
        hint.requestLayout();
        setErrorMessage(problem);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(problem == null);
        }
        return problem;
    }

    /** Checks a choice against the registry: installed, settings valid, a checkpoint present. */
    static String problem(ComponentRegistry registry, String id, String settingsJson, boolean noCheckpoint) {
        if (noCheckpoint) {
            return "The run has no checkpoint (checkpoints/epoch-NNNN.params): a run saves its final weights when it completes.";
        }
        if (registry == null || id == null || id.isEmpty()) {
            return "No analysis installed.";
        }
        ComponentDescriptor descriptor = registry.describe(ComponentKind.ANALYSIS, id).orElse(null);
        if (descriptor == null) {
            return "Analysis " + id + " is no longer installed; installed: " + registry.ids(ComponentKind.ANALYSIS);
        }
        try {
            descriptor.schema().validate(ExperimentFiles.parseSettings(settingsJson, "settings"), "settings");
        } catch (ExperimentFileException e) {
            return e.getMessage();
        } catch (InvalidSettingsException e) {
            return e.getMessage();
        }
        return null;
    }

    @Override
    protected void okPressed() {
        if (check() != null) {
            return;
        }
        try {
            int index = checkpoint.getSelectionIndex();
            choice = new Choice(analysis.getText(), ExperimentFiles.parseSettings(settings.getText(), "settings"),
                    index <= 0 ? null : epochs.get(index - 1));
        } catch (ExperimentFileException e) {
            setErrorMessage(e.getMessage());
            return;
        }
        super.okPressed();
    }

    /** The choice after OK, else {@code null}. */
    public Choice choice() {
        return choice;
    }
}
