package carnot.models.internal;

import ai.djl.engine.Engine;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The PyTorch engine as the engine bundle boots it inside OSGi, for the tests that build and run this
 * bundle's blocks. The engine's DjlRuntime component starts libtorch on its first request; it is asked
 * for by name, since this bundle does not import the engine's internal package.
 */
final class PyTorch {

    private static Engine engine;

    private PyTorch() {
    }

    static synchronized Engine engine() {
        if (engine == null) {
            var context = FrameworkUtil.getBundle(PyTorch.class).getBundleContext();
            ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, "carnot.engine.internal.DjlRuntime",
                    null);
            tracker.open();
            try {
                if (tracker.waitForService(60_000) == null) {
                    throw new IllegalStateException("the DJL runtime (carnot.engine) did not start within 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the DJL runtime", e);
            } finally {
                tracker.close();
            }
            engine = Engine.getEngine("PyTorch");
        }
        return engine;
    }
}
