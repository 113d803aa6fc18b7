package carnot.provisioning.ui.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.wizard.ProgressMonitorPart;
import org.eclipse.swt.widgets.Display;

/**
 * A progress monitor for a worker thread that shows its progress in a dialog's
 * {@link ProgressMonitorPart} (every call is passed to the UI thread) and is cancelled by the
 * dialog's Cancel button.
 */
final class DisplayMonitor implements IProgressMonitor {

    private final Display display;

    private final ProgressMonitorPart part;

    private final AtomicBoolean cancelled;

    DisplayMonitor(Display display, ProgressMonitorPart part, AtomicBoolean cancelled) {
        this.display = display;
        this.part = part;
        this.cancelled = cancelled;
    }

    private void later(Runnable update) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!part.isDisposed()) {
                    update.run();
                }
            });
        }
    }

    @Override
    public void beginTask(String name, int totalWork) {
        later(() -> part.beginTask(name, totalWork));
    }

    @Override
    public void done() {
        later(part::done);
    }

    @Override
    public void internalWorked(double work) {
        later(() -> part.internalWorked(work));
    }

    @Override
    public boolean isCanceled() {
        return cancelled.get();
    }

    @Override
    public void setCanceled(boolean value) {
        cancelled.set(value);
    }

    @Override
    public void setTaskName(String name) {
        later(() -> part.setTaskName(name));
    }

    @Override
    public void subTask(String name) {
        later(() -> part.subTask(name));
    }

    @Override
    public void worked(int work) {
        internalWorked(work);
    }
}
