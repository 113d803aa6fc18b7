package carnot.provisioning.ui.internal;

import carnot.provisioning.Installable;
import carnot.provisioning.Provisioning;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;

/**
 * Help &gt; Installed Software: the features of the installation, the product's own (grayed: they
 * are not uninstalled alone) and the add-ons, which can be checked and uninstalled.
 */
final class InstalledSoftwareDialog extends ProvisioningDialog {

    InstalledSoftwareDialog(Shell parent, Provisioning provisioning, Runnable restart) {
        super(parent, provisioning, restart);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Installed Software");
    }

    @Override
    protected Control createContents(Composite parent) {
        Control contents = super.createContents(parent);
        setTitle("Installed features");
        setMessage("Features that came with the product are grayed; check add-ons to uninstall them.");
        refresh();
        return contents;
    }

    @Override
    String actionLabel() {
        return "&Uninstall";
    }

    @Override
    void createAbove(Composite parent) {
        new Label(parent, SWT.NONE).setText("Features of this installation:");
    }

    @Override
    boolean checkable(TableItem item) {
        return item.getData() instanceof Installable i && !i.withProduct();
    }

    @Override
    boolean actionEnabled(List<Installable> checked) {
        return !checked.isEmpty() && checked.stream().noneMatch(Installable::withProduct);
    }

    /** Reads the installed features into the table. */
    void refresh() {
        runInBackground("Reading the installation's profile", monitor -> provisioning.installed(), this::show);
    }

    @Override
    void act(List<Installable> checked) {
        List<String> ids = checked.stream().map(Installable::id).toList();
        runInBackground("Uninstalling " + String.join(", ", ids), monitor -> provisioning.uninstall(ids, monitor),
                uninstalled -> {
                    installationChanged("Uninstalled " + describe(uninstalled) + ".");
                    refresh();
                });
    }
}
