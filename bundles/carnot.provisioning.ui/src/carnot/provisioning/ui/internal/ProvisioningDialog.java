package carnot.provisioning.ui.internal;

import carnot.provisioning.Installable;
import carnot.provisioning.Provisioning;
import carnot.provisioning.ProvisioningException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.wizard.ProgressMonitorPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * What both provisioning dialogs share: a table of features, a p2 operation of the
 * {@link Provisioning} service run off the UI thread with its progress shown in the dialog and a
 * Cancel button, p2's refusals shown as the dialog's error, and, once the installation changed, the
 * offer to restart Carnot (installed bundles start with the next start).
 */
abstract class ProvisioningDialog extends TitleAreaDialog {

    /** A call of the provisioning service. */
    interface Operation<T> {
        T run(IProgressMonitor monitor) throws ProvisioningException;
    }

    static final int ACTION_ID = IDialogConstants.CLIENT_ID + 1;

    static final int RESTART_ID = IDialogConstants.CLIENT_ID + 2;

    final Provisioning provisioning;

    private final Runnable restart;

    Table table;

    Label description;

    Button stop;

    private ProgressMonitorPart progress;

    private final AtomicBoolean cancelRequested = new AtomicBoolean();

    private volatile boolean busy;

    private boolean changed;

    ProvisioningDialog(Shell parent, Provisioning provisioning, Runnable restart) {
        super(parent);
        this.provisioning = provisioning;
        this.restart = restart;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    /** The label of the dialog's own action (Install, Uninstall). */
    abstract String actionLabel();

    /** The dialog's controls above the feature table. */
    abstract void createAbove(Composite parent);

    /** Runs the action on the checked features. */
    abstract void act(List<Installable> checked);

    /** Whether the action applies to the checked features. */
    abstract boolean actionEnabled(List<Installable> checked);

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite content = new Composite(area, SWT.NONE);
        content.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        content.setLayout(new GridLayout(1, false));
        createAbove(content);
        table = new Table(content, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.setHeaderVisible(true);
        GridData tableData = new GridData(SWT.FILL, SWT.FILL, true, true);
        tableData.heightHint = 220;
        tableData.widthHint = 640;
        table.setLayoutData(tableData);
        for (String[] column : new String[][] {{"Name", "260"}, {"Version", "160"}, {"Id", "220"}}) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(column[0]);
            c.setWidth(Integer.parseInt(column[1]));
        }
        table.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK && e.item instanceof TableItem item && !checkable(item)) {
                item.setChecked(false);
            }
            TableItem[] selected = table.getSelection();
            description.setText(selected.length == 1 && selected[0].getData() instanceof Installable i
                    ? i.description().isEmpty() ? "(no description)" : i.description() : "");
            updateButtons();
        });
        description = new Label(content, SWT.WRAP);
        GridData descriptionData = new GridData(SWT.FILL, SWT.TOP, true, false);
        descriptionData.heightHint = 48;
        description.setLayoutData(descriptionData);

        Composite progressRow = new Composite(content, SWT.NONE);
        progressRow.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        progressRow.setLayout(new GridLayout(2, false));
        progress = new ProgressMonitorPart(progressRow, new GridLayout(), false);
        progress.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        stop = new Button(progressRow, SWT.PUSH);
        stop.setText("Cancel");
        stop.setEnabled(false);
        stop.addListener(SWT.Selection, e -> {
            cancelRequested.set(true);
            stop.setEnabled(false);
            progress.subTask("cancelling at p2's next safe point ...");
        });
        return area;
    }

    /** Features that came with the product are listed but not chosen. */
    boolean checkable(TableItem item) {
        return true;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, ACTION_ID, actionLabel(), true).setEnabled(false);
        createButton(parent, RESTART_ID, "Res&tart Now", false).setEnabled(false);
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, false);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == ACTION_ID) {
            act(checked());
        } else if (buttonId == RESTART_ID) {
            close();
            restart.run();
        } else if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        } else {
            super.buttonPressed(buttonId);
        }
    }

    @Override
    public boolean close() {
        if (busy) {
            // Closing would leave p2 running behind the user's back: cancel first.
            cancelRequested.set(true);
            setErrorMessage("Cancelling the running operation first; close again when it has stopped.");
            return false;
        }
        return super.close();
    }

    /** The features checked in the table. */
    List<Installable> checked() {
        return java.util.Arrays.stream(table.getItems()).filter(TableItem::getChecked)
                .map(item -> (Installable) item.getData()).toList();
    }

    /** Shows the features, the product's own grayed. */
    void show(List<Installable> features) {
        table.removeAll();
        for (Installable feature : features) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {feature.name(), feature.version(), feature.id()});
            item.setData(feature);
            item.setGrayed(!checkable(item));
            if (!checkable(item)) {
                item.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND));
            }
        }
        description.setText("");
        updateButtons();
    }

    boolean busy() {
        return busy;
    }

    /** A button of the button bar (Dialog's getButton is protected). */
    Button button(int id) {
        return getButton(id);
    }

    void updateButtons() {
        if (getButton(ACTION_ID) != null) {
            getButton(ACTION_ID).setEnabled(!busy && actionEnabled(checked()));
            getButton(RESTART_ID).setEnabled(!busy && changed);
            getButton(IDialogConstants.CLOSE_ID).setEnabled(!busy);
        }
    }

    /**
     * Runs a service call on a thread of its own, its progress in the dialog; on success
     * {@code done} runs on the UI thread, a refusal becomes the dialog's error message.
     */
    <T> void runInBackground(String task, Operation<T> operation, Consumer<T> done) {
        busy = true;
        cancelRequested.set(false);
        setErrorMessage(null);
        stop.setEnabled(true);
        updateButtons();
        Display display = getShell().getDisplay();
        progress.beginTask(task, IProgressMonitor.UNKNOWN);
        IProgressMonitor monitor = new DisplayMonitor(display, progress, cancelRequested);
        Thread worker = new Thread(() -> {
            Object outcome;
            try {
                outcome = operation.run(monitor);
            } catch (ProvisioningException | RuntimeException e) {
                outcome = e;
            }
            Object result = outcome;
            display.asyncExec(() -> finish(result, done));
        }, "carnot-provisioning-ui");
        worker.setDaemon(true);
        worker.start();
    }

    @SuppressWarnings("unchecked")
    private <T> void finish(Object outcome, Consumer<T> done) {
        busy = false;
        if (getShell() == null || getShell().isDisposed()) {
            return;
        }
        progress.done();
        stop.setEnabled(false);
        if (outcome instanceof Exception e) {
            setErrorMessage(e.getMessage() == null ? e.toString() : e.getMessage());
        } else {
            done.accept((T) outcome);
        }
        updateButtons();
    }

    /** The installation changed: Carnot must restart to use it; Restart Now is offered. */
    void installationChanged(String what) {
        changed = true;
        setMessage(what + " Carnot must restart for the change to take effect: press Restart Now, or restart later.");
        updateButtons();
    }

    static String describe(List<Installable> features) {
        return String.join(", ", features.stream().map(i -> i.name() + " " + i.version()).toList());
    }
}
