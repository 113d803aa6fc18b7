package carnot.headless.services;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The core's DS services for a front end that is not itself a component (the {@code carnot}
 * command, the benchmarks): waits briefly for SCR to activate each, keeps one tracker per service
 * type while the front end runs (so that SCR does not deactivate a delayed component between two
 * calls), and closes them all on {@link #close()}, releasing the services.
 */
public final class Services implements AutoCloseable {

    private static final long WAIT_MILLIS = 60_000;

    private final BundleContext context;
    private final Map<Class<?>, ServiceTracker<?, ?>> trackers = new ConcurrentHashMap<>();

    public Services(BundleContext context) {
        this.context = context;
    }

    /** The bundle context the services are looked up in. */
    public BundleContext context() {
        return context;
    }

    /**
     * The service of the given type, waiting up to 60 s for it to appear.
     *
     * @throws IllegalStateException if it did not appear, naming what to check
     */
    public <S> S get(Class<S> type) {
        ServiceTracker<?, ?> tracker = trackers.computeIfAbsent(type, t -> {
            ServiceTracker<S, S> opened = new ServiceTracker<>(context, type, null);
            opened.open();
            return opened;
        });
        try {
            Object service = tracker.waitForService(WAIT_MILLIS);
            if (service == null) {
                throw new IllegalStateException("service " + type.getName() + " did not appear within "
                        + WAIT_MILLIS / 1000 + " s: is org.apache.felix.scr started and carnot.engine resolved? "
                        + "(run with -consoleLog for details)");
            }
            return type.cast(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + type.getName(), e);
        }
    }

    /** Closes every tracker, releasing the services it held. */
    @Override
    public void close() {
        trackers.values().forEach(ServiceTracker::close);
        trackers.clear();
    }
}
