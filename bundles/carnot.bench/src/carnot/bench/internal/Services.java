package carnot.bench.internal;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/** Waits for the real DS services of the running framework. */
final class Services {

    private Services() {
    }

    static <S> S await(BundleContext context, Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        S service = tracker.waitForService(60_000);
        if (service == null) {
            throw new IllegalStateException(type.getName() + " did not appear");
        }
        return service;
    }
}
