package carnot.ui.internal;

import carnot.ui.internal.runs.RunManager;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.eclipse.e4.core.contexts.IEclipseContext;

/**
 * Application-model add-on that creates the workbench's {@link Session} and {@link RunManager}
 * and puts them into the application context, from where parts and handlers get them injected.
 */
public final class SessionAddon {

    private Session session;
    private RunManager runs;

    @PostConstruct
    public void start(IEclipseContext context) {
        session = new Session(Preferences.load().workspace());
        runs = new RunManager(session);
        context.set(Session.class, session);
        context.set(RunManager.class, runs);
    }

    @PreDestroy
    public void stop() {
        runs.cancelAll();
        session.close();
    }
}
