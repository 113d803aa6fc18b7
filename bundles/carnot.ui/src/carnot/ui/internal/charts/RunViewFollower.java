package carnot.ui.internal.charts;

import carnot.ui.internal.runs.RunHandle;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.eclipse.swt.widgets.Label;

/**
 * Follows, for one run view, what the run manager reports on its folder (from its jobs' threads):
 * a re-analysis' or a resumed run's progress in the status line, the folder read again every
 * {@link RunViewPart#LIVE_REFRESH_MILLIS} while a resumed run goes on (also while it prepares,
 * before it holds the folder's lock), and once more when it ends, so results appear without
 * Refresh.
 */
final class RunViewFollower implements Consumer<RunHandle> {

    private final Path folder;
    private final Label status;
    private final Runnable refresh;
    private final Runnable liveRefresh;
    private boolean pending;

    /**
     * @param refresh     reads the folder again now
     * @param liveRefresh the view's timed refresh (one runnable, so that timers replace each other)
     */
    RunViewFollower(Path folder, Label status, Runnable refresh, Runnable liveRefresh) {
        this.folder = folder;
        this.status = status;
        this.refresh = refresh;
        this.liveRefresh = liveRefresh;
    }

    /** The view read its folder (on the UI thread): the next report may schedule a read again. */
    void refreshed() {
        pending = false;
    }

    /** Schedules the view's next timed read (on the UI thread). */
    void followSoon() {
        pending = true;
        status.getDisplay().timerExec(RunViewPart.LIVE_REFRESH_MILLIS, liveRefresh);
    }

    @Override
    public void accept(RunHandle handle) {
        if (handle == null || !folder.equals(handle.source()) || status.isDisposed()) {
            return;
        }
        status.getDisplay().asyncExec(() -> {
            if (status.isDisposed()) {
                return;
            }
            if (handle.state().finished()) {
                refresh.run();
                status.setText(handle.title() + ": " + handle.state().label() + " (" + handle.detail() + ")");
            } else {
                status.setText(handle.title() + ": " + handle.state().label() + ", "
                        + Math.round(100 * handle.progress()) + "% (" + handle.detail() + ")");
                if (handle.kind() == RunHandle.Kind.RUN && !pending) {
                    followSoon();
                }
            }
            status.requestLayout();
        });
    }
}
