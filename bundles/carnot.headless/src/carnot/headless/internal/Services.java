package carnot.headless.internal;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/** Looks up the core's DS services, waiting briefly for SCR to activate them. */
final class Services {

    private static final long WAIT_MILLIS = 60_000;

    private final BundleContext context;

    Services(BundleContext context) {
        this.context = context;
    }

    BundleContext context() {
        return context;
    }

    <S> S get(Class<S> type) {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            S service = tracker.waitForService(WAIT_MILLIS);
            if (service == null) {
                throw new IllegalStateException("service " + type.getName() + " did not appear within "
                        + WAIT_MILLIS / 1000 + " s: is org.apache.felix.scr started and carnot.engine resolved? "
                        + "(run with -consoleLog for details)");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + type.getName(), e);
        }
    }
}
