package carnot.ui.internal.runs;

import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.InvalidSettingsException;
import carnot.api.component.Setting;
import carnot.ui.internal.Widgets;
import carnot.ui.internal.editor.SettingValues;
import carnot.ui.internal.runs.RunManager.ExecutorSelection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
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
 * Run &gt; Executor...: which executor runs what the workbench starts from now on, with its
 * settings. Lists the executors installed in the component registry (a third-party bundle's
 * too), each with its description and a row per setting (default shown, allowed values beside),
 * validated against the executor's own schema before the dialog closes; optionally saved as the
 * workspace's default ({@code .carnot/executor.json}), which {@code carnot run} uses as well.
 */
public final class ExecutorDialog extends Dialog {

    private static final ObjectMapper JSON = carnot.workspace.ExperimentFiles.mapper();

    private final ComponentRegistry registry;
    private final ExecutorSelection initial;
    private final String workspaceDefault;
    private final boolean saveInitially;
    private List<String> ids = List.of();
    private Combo executor;
    private Label description;
    private Composite settingsArea;
    private final Map<Setting, Text> inputs = new LinkedHashMap<>();
    private Label problem;
    private Button saveDefault;
    private ExecutorSelection selection;
    private boolean save;

    /**
     * @param workspaceDefault the id the workspace's default names, or empty
     * @param saveDefault      whether "save as the workspace's default" starts checked (Preferences)
     */
    public ExecutorDialog(Shell shell, ComponentRegistry registry, ExecutorSelection initial, String workspaceDefault,
            boolean saveDefault) {
        super(shell);
        this.registry = registry;
        this.initial = initial == null ? ExecutorSelection.WORKSPACE_DEFAULT : initial;
        this.workspaceDefault = workspaceDefault == null ? "" : workspaceDefault;
        this.saveInitially = saveDefault;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Executor");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).spacing(8, 6).applyTo(area);
        new Label(area, SWT.NONE).setText("Runs execute");
        executor = new Combo(area, SWT.READ_ONLY | SWT.DROP_DOWN);
        ids = registry == null ? List.of() : registry.ids(ComponentKind.EXECUTOR);
        String defaultLabel = "the workspace's default (" + (workspaceDefault.isEmpty() ? "in-process" : workspaceDefault) + ")";
        executor.add(defaultLabel);
        ids.forEach(id -> executor.add(label(id)));
        executor.select(initial.isWorkspaceDefault() ? 0 : Math.max(0, ids.indexOf(initial.id()) + 1));
        executor.addListener(SWT.Selection, e -> showSettings(Map.of()));
        executor.setToolTipText("The executors installed (components of kind executor; a bundle can add one)");
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(executor);
        description = new Label(area, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(460, SWT.DEFAULT).applyTo(description);
        settingsArea = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(8, 4).applyTo(settingsArea);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(settingsArea);
        saveDefault = new Button(area, SWT.CHECK);
        saveDefault.setText("Save as this workspace's default (.carnot/executor.json; carnot run uses it too)");
        saveDefault.setSelection(saveInitially);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(saveDefault);
        problem = new Label(area, SWT.WRAP);
        problem.setForeground(area.getDisplay().getSystemColor(SWT.COLOR_RED));
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(460, SWT.DEFAULT).applyTo(problem);
        showSettings(initial.settings());
        return area;
    }

    private String label(String id) {
        String title = registry.describe(ComponentKind.EXECUTOR, id).map(ComponentDescriptor::title).orElse(id);
        return title.equals(id) ? id : title + " (" + id + ")";
    }

    /** The chosen executor's id, or empty for the workspace's default. */
    private String chosenId() {
        int index = executor.getSelectionIndex();
        return index <= 0 ? "" : ids.get(index - 1);
    }

    private void showSettings(Map<String, Object> values) {
        for (Control child : settingsArea.getChildren()) {
            child.dispose();
        }
        inputs.clear();
        problem.setText("");
        String id = chosenId();
        ComponentDescriptor descriptor = id.isEmpty() ? null : registry.describe(ComponentKind.EXECUTOR, id).orElse(null);
        description.setText(descriptor == null ? "Whatever .carnot/executor.json names, else in this process: "
                + "the choice of carnot run without --executor." : Widgets.literal(descriptor.description()));
        saveDefault.setEnabled(descriptor != null);
        if (descriptor != null) {
            for (Setting setting : descriptor.schema().settings()) {
                Label name = new Label(settingsArea, SWT.NONE);
                name.setText(setting.key());
                name.setToolTipText(setting.description());
                Text text = new Text(settingsArea, SWT.BORDER | SWT.SINGLE);
                Object value = values.get(setting.key());
                text.setText(value == null ? "" : SettingValues.format(JSON.valueToTree(value)));
                text.setMessage(SettingValues.formatDefault(setting));
                text.setToolTipText(setting.description());
                GridDataFactory.fillDefaults().hint(160, SWT.DEFAULT).applyTo(text);
                Label allowed = new Label(settingsArea, SWT.NONE);
                allowed.setText(Widgets.literal(setting.allowedValues()));
                inputs.put(setting, text);
            }
        }
        settingsArea.requestLayout();
        if (getShell() != null && getShell().isVisible()) {
            getShell().pack();
        }
    }

    @Override
    protected void okPressed() {
        String id = chosenId();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Map.Entry<Setting, Text> input : inputs.entrySet()) {
            JsonNode value = SettingValues.parse(input.getKey(), input.getValue().getText());
            if (value != null) {
                raw.put(input.getKey().key(), JSON.convertValue(value, Object.class));
            }
        }
        if (!id.isEmpty()) {
            try {
                registry.describe(ComponentKind.EXECUTOR, id).orElseThrow().schema().validate(raw, "executor.settings");
            } catch (InvalidSettingsException e) {
                problem.setText(Widgets.literal(e.getMessage()));
                problem.requestLayout();
                return;
            }
        }
        selection = new ExecutorSelection(id, raw);
        save = saveDefault.isEnabled() && saveDefault.getSelection();
        super.okPressed();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Use", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    /** What was chosen, after OK. */
    public ExecutorSelection selection() {
        return selection;
    }

    /** Whether the choice is to become the workspace's default, after OK. */
    public boolean saveAsDefault() {
        return save;
    }

    /** Presses Use, for tests. */
    void pressUse() {
        okPressed();
    }

    /** The problem shown under the form, for tests. */
    String problem() {
        return problem.getText();
    }

    /** The "save as the workspace's default" check box, for tests. */
    Button saveDefaultBox() {
        return saveDefault;
    }

    /** The executor drop-down, for tests. */
    Combo executorCombo() {
        return executor;
    }

    /** The settings inputs by key, for tests. */
    Map<String, Text> settingInputs() {
        Map<String, Text> byKey = new LinkedHashMap<>();
        inputs.forEach((setting, text) -> byKey.put(setting.key(), text));
        return byKey;
    }
}
