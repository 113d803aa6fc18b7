package carnot.provisioning.ui.internal;

import carnot.provisioning.Installable;
import carnot.provisioning.Provisioning;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Help &gt; Install New Software...: choose a p2 repository (a folder or a zip of one: these
 * machines reach no update site), see its features (name, version, description), install the
 * checked ones into the installation.
 */
final class InstallNewSoftwareDialog extends ProvisioningDialog {

    Text repository;

    Button load;

    /** The repository whose features the table shows. */
    private Path shown;

    InstallNewSoftwareDialog(Shell parent, Provisioning provisioning, Runnable restart) {
        super(parent, provisioning, restart);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Install New Software");
    }

    @Override
    protected Control createContents(Composite parent) {
        Control contents = super.createContents(parent);
        setTitle("Install add-on features from a p2 repository");
        setMessage("Choose a p2 repository folder or zip (such as carnot-addons-repository-<version>.zip), "
                + "then check the features to install.");
        return contents;
    }

    @Override
    String actionLabel() {
        return "&Install";
    }

    @Override
    void createAbove(Composite parent) {
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        row.setLayout(new GridLayout(5, false));
        new Label(row, SWT.NONE).setText("&Repository:");
        repository = new Text(row, SWT.BORDER | SWT.SINGLE);
        repository.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        repository.setMessage("a folder with content.jar, or a zip of one");
        repository.addListener(SWT.DefaultSelection, e -> loadRepository());
        repository.addListener(SWT.Modify, e -> load.setEnabled(!repository.getText().isBlank() && !busy()));
        Button folder = new Button(row, SWT.PUSH);
        folder.setText("&Folder...");
        folder.addListener(SWT.Selection, e -> {
            DirectoryDialog chooser = new DirectoryDialog(getShell());
            chooser.setText("A p2 repository folder");
            String chosen = chooser.open();
            if (chosen != null) {
                repository.setText(chosen);
                loadRepository();
            }
        });
        Button zip = new Button(row, SWT.PUSH);
        zip.setText("&Zip...");
        zip.addListener(SWT.Selection, e -> {
            FileDialog chooser = new FileDialog(getShell(), SWT.OPEN);
            chooser.setText("A zipped p2 repository");
            chooser.setFilterExtensions(new String[] {"*.zip", "*"});
            String chosen = chooser.open();
            if (chosen != null) {
                repository.setText(chosen);
                loadRepository();
            }
        });
        load = new Button(row, SWT.PUSH);
        load.setText("&Load");
        load.setEnabled(false);
        load.addListener(SWT.Selection, e -> loadRepository());
    }

    /** Reads the repository's features into the table. */
    void loadRepository() {
        if (busy() || repository.getText().isBlank()) {
            return;
        }
        Path path = Path.of(repository.getText().strip());
        shown = null;
        show(List.of());
        runInBackground("Reading " + path, monitor -> provisioning.available(path, monitor), features -> {
            shown = path;
            show(features);
            if (features.isEmpty()) {
                setErrorMessage(path + " offers no features");
            }
        });
    }

    @Override
    boolean actionEnabled(List<Installable> checked) {
        return shown != null && !checked.isEmpty();
    }

    @Override
    void updateButtons() {
        super.updateButtons();
        if (load != null && !load.isDisposed()) {
            load.setEnabled(!busy() && !repository.getText().isBlank());
        }
    }

    @Override
    void act(List<Installable> checked) {
        Path from = shown;
        List<String> ids = checked.stream().map(Installable::id).toList();
        runInBackground("Installing " + String.join(", ", ids), monitor -> provisioning.install(from, ids, monitor),
                installed -> installationChanged("Installed " + describe(installed) + "."));
    }
}
