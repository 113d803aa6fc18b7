package carnot.provisioning.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two Help dialogs driven through their widgets against a recording provisioning service:
 * what they list, what they ask the service to do, progress and cancellation off the UI thread,
 * refusals shown, product features not chosen, and Restart offered only once something changed.
 */
class ProvisioningDialogsTest {

    private static final Path REPOSITORY = Path.of("/tmp/carnot-addons-repository-0.1.0.zip");

    private Display display;

    private Shell parent;

    private RecordingProvisioning provisioning;

    private final AtomicInteger restarts = new AtomicInteger();

    @BeforeEach
    void open() {
        assumeTrue(System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank(),
                "no X display: GUI tests need DISPLAY (releng/test.sh starts Xvfb when it is unset)");
        display = Display.getDefault();
        parent = new Shell(display);
        provisioning = new RecordingProvisioning(REPOSITORY);
    }

    @AfterEach
    void close() {
        if (parent != null) {
            parent.dispose();
        }
    }

    @Test
    void installNewSoftwareListsTheRepositoryAndInstallsTheCheckedFeature() {
        InstallNewSoftwareDialog dialog = installDialog();
        dialog.repository.setText(REPOSITORY.toString());
        press(dialog.load);
        spinUntil("the repository's features", () -> dialog.table.getItemCount() == 2);
        assertEquals("Carnot example metrics", dialog.table.getItem(0).getText(0));
        assertEquals("0.1.0.v1", dialog.table.getItem(0).getText(1));
        assertEquals("carnot.examples.feature", dialog.table.getItem(0).getText(2));
        assertFalse(dialog.button(ProvisioningDialog.ACTION_ID).isEnabled(), "nothing checked, nothing to install");

        select(dialog, 0);
        assertEquals("weight-spectrum: heavy-tailed weight spectra", dialog.description.getText());
        check(dialog, 0);
        assertTrue(dialog.button(ProvisioningDialog.ACTION_ID).isEnabled());
        assertFalse(dialog.button(ProvisioningDialog.RESTART_ID).isEnabled(), "no restart before a change");
        press(dialog.button(ProvisioningDialog.ACTION_ID));
        spinUntil("the install to finish", () -> !dialog.busy());

        assertEquals(List.of("available " + REPOSITORY, "install " + REPOSITORY + " [carnot.examples.feature]"),
                provisioning.calls);
        assertNull(dialog.getErrorMessage());
        assertTrue(dialog.getMessage().startsWith("Installed Carnot example metrics 0.1.0.v1."), dialog.getMessage());
        assertTrue(dialog.getMessage().contains("Carnot must restart"), dialog.getMessage());
        assertTrue(dialog.button(ProvisioningDialog.RESTART_ID).isEnabled());
        press(dialog.button(ProvisioningDialog.RESTART_ID));
        assertEquals(1, restarts.get(), "Restart Now restarts the workbench once");
        assertTrue(dialog.getShell() == null || dialog.getShell().isDisposed(), "the dialog closes to restart");
    }

    @Test
    void cancelStopsTheRunningInstallAndNothingAsksForARestart() {
        provisioning.waitForCancel = true;
        InstallNewSoftwareDialog dialog = installDialog();
        dialog.repository.setText(REPOSITORY.toString());
        press(dialog.load);
        spinUntil("the repository's features", () -> dialog.table.getItemCount() == 2);
        check(dialog, 1);
        press(dialog.button(ProvisioningDialog.ACTION_ID));
        spinUntil("the install to start", () -> provisioning.calls.size() == 2);
        assertTrue(dialog.busy());
        assertTrue(dialog.stop.isEnabled());
        assertFalse(dialog.button(IDialogConstants.CLOSE_ID).isEnabled(), "no closing while p2 runs");
        press(dialog.stop);
        spinUntil("the install to stop", () -> !dialog.busy());

        assertTrue(provisioning.sawCancel, "the service's monitor was cancelled");
        assertEquals("cancelled: install org.example.other.feature", dialog.getErrorMessage());
        assertFalse(dialog.button(ProvisioningDialog.RESTART_ID).isEnabled());
        assertTrue(dialog.button(IDialogConstants.CLOSE_ID).isEnabled());
        assertTrue(dialog.close());
    }

    @Test
    void refusalsAreShownAsTheDialogsError() {
        InstallNewSoftwareDialog dialog = installDialog();
        dialog.repository.setText("/no/such/repository.zip");
        press(dialog.load);
        spinUntil("the refusal", () -> !dialog.busy() && dialog.getErrorMessage() != null);
        assertEquals("cannot read the p2 repository /no/such/repository.zip: no such folder or zip",
                dialog.getErrorMessage());
        assertEquals(0, dialog.table.getItemCount());

        provisioning.refusal = "no feature 'x' in " + REPOSITORY + "; it offers: carnot.examples.feature";
        dialog.repository.setText(REPOSITORY.toString());
        press(dialog.load);
        spinUntil("the repository's features", () -> dialog.table.getItemCount() == 2);
        assertNull(dialog.getErrorMessage(), "a new operation clears the old error");
        check(dialog, 0);
        press(dialog.button(ProvisioningDialog.ACTION_ID));
        spinUntil("the refusal", () -> !dialog.busy() && dialog.getErrorMessage() != null);
        assertEquals(provisioning.refusal, dialog.getErrorMessage());
        assertFalse(dialog.button(ProvisioningDialog.RESTART_ID).isEnabled());
        dialog.close();
    }

    @Test
    void installedSoftwareUninstallsAddOnsButNotTheProductsOwn() {
        provisioning.installed.add(RecordingProvisioning.SPECTRUM);
        InstalledSoftwareDialog dialog = new InstalledSoftwareDialog(parent, provisioning, restarts::incrementAndGet);
        dialog.setBlockOnOpen(false);
        dialog.open();
        spinUntil("the installed features", () -> dialog.table.getItemCount() == 2 && !dialog.busy());
        assertEquals("carnot.core.feature", dialog.table.getItem(0).getText(2));
        assertTrue(dialog.table.getItem(0).getGrayed(), "the product's own feature is grayed");

        check(dialog, 0);
        assertFalse(dialog.table.getItem(0).getChecked(), "the product's own feature cannot be checked");
        assertFalse(dialog.button(ProvisioningDialog.ACTION_ID).isEnabled());
        check(dialog, 1);
        press(dialog.button(ProvisioningDialog.ACTION_ID));
        spinUntil("the uninstall and the refreshed list", () -> !dialog.busy() && dialog.table.getItemCount() == 1);

        assertEquals(List.of("installed", "uninstall [carnot.examples.feature]", "installed"), provisioning.calls);
        assertTrue(dialog.getMessage().startsWith("Uninstalled Carnot example metrics 0.1.0.v1."), dialog.getMessage());
        assertTrue(dialog.button(ProvisioningDialog.RESTART_ID).isEnabled());
        assertEquals(0, restarts.get());
        press(dialog.button(IDialogConstants.CLOSE_ID));
        assertEquals(0, restarts.get(), "Close does not restart");
    }

    private InstallNewSoftwareDialog installDialog() {
        InstallNewSoftwareDialog dialog = new InstallNewSoftwareDialog(parent, provisioning, restarts::incrementAndGet);
        dialog.setBlockOnOpen(false);
        dialog.open();
        return dialog;
    }

    private static void press(Button button) {
        assertTrue(button.isEnabled(), button.getText() + " is enabled");
        button.notifyListeners(SWT.Selection, new Event());
    }

    /** Checks a row as a click on its check box does. */
    private static void check(ProvisioningDialog dialog, int row) {
        TableItem item = dialog.table.getItem(row);
        item.setChecked(true);
        Event event = new Event();
        event.item = item;
        event.detail = SWT.CHECK;
        dialog.table.notifyListeners(SWT.Selection, event);
    }

    private static void select(ProvisioningDialog dialog, int row) {
        dialog.table.setSelection(row);
        Event event = new Event();
        event.item = dialog.table.getItem(row);
        dialog.table.notifyListeners(SWT.Selection, event);
    }

    private void spinUntil(String what, BooleanSupplier condition) {
        long end = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted waiting for " + what);
                }
            }
        }
    }
}
