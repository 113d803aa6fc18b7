package carnot.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Window &gt; Preferences: the workspace folder, the workspace's default executor (which sets
 * how many runs train at once and with how many threads: Run &gt; Executor...), and the dataset folders the experiment editor offers. Checked as typed; OK saves them
 * ({@link Preferences#save}) and switches the workbench to the new workspace.
 */
public final class PreferencesDialog extends TitleAreaDialog {

    private final Session session;
    private Preferences current;
    private Text workspace;
    private Label executor;
    private Text datasetFolders;

    public PreferencesDialog(Shell parent, Session session) {
        super(parent);
        this.session = session;
        Preferences saved = Preferences.load();
        current = new Preferences(session.workspace(), saved.datasetFolders());
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Preferences");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Carnot preferences");
        setMessage("Saved in " + Preferences.file());
        Composite form = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(form);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);

        new Label(form, SWT.NONE).setText("Workspace folder:");
        workspace = new Text(form, SWT.BORDER);
        workspace.setText(current.workspace().toString());
        workspace.setToolTipText("Experiment files anywhere in it; runs under runs/; plugins/ is hot-deployed");
        GridDataFactory.fillDefaults().grab(true, false).hint(380, SWT.DEFAULT).applyTo(workspace);
        Button browse = new Button(form, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, e -> {
            String chosen = Dialogs.chooseFolder(getShell(), "Workspace", "Choose the workspace folder", workspace.getText());
            if (chosen != null) {
                workspace.setText(chosen);
            }
        });

        new Label(form, SWT.NONE).setText("Default executor:");
        executor = new Label(form, SWT.NONE);
        executor.setText(defaultExecutor());
        executor.setToolTipText("The workspace's .carnot/executor.json: what runs use when none is chosen (carnot run "
                + "without --executor, the workbench before Run > Executor...)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(executor);
        Widgets.button(form, "Change...", "Choose the workspace's default executor and its settings", () -> {
            ExecutorHandler.choose(getShell(), session, null, true);
            executor.setText(defaultExecutor());
        });

        Label label = new Label(form, SWT.NONE);
        label.setText("Dataset folders:");
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(label);
        datasetFolders = new Text(form, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        datasetFolders.setText(String.join("\n", current.datasetFolders()));
        datasetFolders.setToolTipText("One folder per line; offered for a dataset's folder setting in the experiment editor");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(380, 80).applyTo(datasetFolders);

        workspace.addListener(SWT.Modify, e -> check());
        datasetFolders.addListener(SWT.Modify, e -> check());
        return area;
    }

    /** What is wrong with the entered values, or {@code null}. */
    static String problem(String workspaceText, String folders) {
        Path folder;
        try {
            folder = Path.of(workspaceText.strip());
        } catch (InvalidPathException e) {
            return "Workspace folder: not a path (" + e.getMessage() + ")";
        }
        if (workspaceText.isBlank() || !folder.isAbsolute()) {
            return "Workspace folder: give an absolute path, e.g. " + System.getProperty("user.home") + "/carnot";
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            return "Workspace folder: " + folder + " is a file, not a folder";
        }
        for (String line : Preferences.split(folders)) {
            if (!Files.isDirectory(Path.of(line))) {
                return "Dataset folders: " + line + " is not a folder";
            }
        }
        return null;
    }

    private String defaultExecutor() {
        return carnot.workspace.WorkspaceExecutor.id(session.workspace()).orElse("in-process (no .carnot/executor.json)");
    }

    private void check() {
        String problem = problem(workspace.getText(), datasetFolders.getText());
        setErrorMessage(problem);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(problem == null);
        }
    }

    @Override
    protected void okPressed() {
        Path folder = Path.of(workspace.getText().strip()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
            current = new Preferences(folder, Preferences.split(datasetFolders.getText()));
            current.save();
        } catch (IOException | RuntimeException e) {
            Dialogs.error(getShell(), "Cannot save the preferences", "Saving to " + Preferences.file() + " failed: "
                    + e.getMessage(), "Check that the folder exists and that you may write there.");
            return;
        }
        session.setWorkspace(folder);
        super.okPressed();
    }
}
