package carnot.ui.internal;

import carnot.ui.internal.runs.RunManager;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import java.io.IOException;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.IWindowCloseHandler;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Shell;

/**
 * Application-model add-on that creates the workbench's {@link Session} and {@link RunManager}
 * and puts them into the application context, from where parts and handlers get them injected;
 * once the workbench is up, it restores the layout and tabs of the last session
 * ({@link LayoutMemory}), fits the windows into the screen and makes closing a window ask to save
 * unsaved editors ({@link SavePrompt}); at shut-down it saves the layout.
 */
public final class SessionAddon {

    private Session session;
    private RunManager runs;
    private final LayoutMemory layout = new LayoutMemory();
    private boolean saved;

    @PostConstruct
    public void start(IEclipseContext context) {
        session = new Session(Preferences.load().workspace());
        runs = new RunManager(session);
        context.set(Session.class, session);
        context.set(RunManager.class, runs);
        context.set(LayoutMemory.class, layout);
    }

    /** Restores the last session's layout and tabs, before the windows are fitted to the screen. */
    @Inject
    @Optional
    void restoreLayout(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Object event, MApplication application,
            EModelService models, EPartService parts) {
        layout.rememberDefaults(application, models);
        try {
            LayoutMemory.restore(application, models, parts, session.workspace());
        } catch (IOException | RuntimeException e) {
            // A layout that cannot be read is no reason not to start: the model's own layout stays.
        }
        fitWindows(application);
        for (MWindow window : application.getChildren()) {
            window.getContext().set(IWindowCloseHandler.class, closing -> SavePrompt.saveOrDiscard(
                    closing.getContext().get(EPartService.class), (Shell) closing.getWidget(), "closing Carnot"));
        }
    }

    /** Saves the layout and open tabs while the model is still whole. */
    @Inject
    @Optional
    void saveLayout(@UIEventTopic(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED) Object event, MApplication application,
            EModelService models) {
        if (saved) {
            return;
        }
        saved = true;
        try {
            LayoutMemory.save(application, models, session.workspace());
        } catch (IOException | RuntimeException e) {
            // Not saved: the next start shows the model's own layout.
        }
    }

    /**
     * The model's window size suits a large screen; on a smaller one (a laptop, a 1280 × 800
     * Xvfb) the window would reach past the screen's edge, with the part toolbars cut off.
     */
    void fitWindows(MApplication application) {
        for (MWindow window : application.getChildren()) {
            if (window.getWidget() instanceof Shell shell && !shell.isDisposed()) {
                shell.setBounds(fitted(shell.getBounds(), shell.getMonitor().getClientArea()));
            }
        }
    }

    /**
     * Room kept below the window: without a window manager (Xvfb) GTK places the window's content
     * below a title bar it only guesses, so the bottom of a window as tall as the screen is cut off.
     */
    static final int BOTTOM_MARGIN = 40;

    /** The bounds moved and shrunk as little as needed to lie inside the area (less the bottom margin). */
    static Rectangle fitted(Rectangle bounds, Rectangle screen) {
        Rectangle area = new Rectangle(screen.x, screen.y, screen.width, Math.max(200, screen.height - BOTTOM_MARGIN));
        int width = Math.min(bounds.width, area.width);
        int height = Math.min(bounds.height, area.height);
        int x = Math.max(area.x, Math.min(bounds.x, area.x + area.width - width));
        int y = Math.max(area.y, Math.min(bounds.y, area.y + area.height - height));
        return new Rectangle(x, y, width, height);
    }

    @PreDestroy
    public void stop() {
        runs.cancelAll();
        session.close();
    }
}
