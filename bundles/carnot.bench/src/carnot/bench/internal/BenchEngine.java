package carnot.bench.internal;

import ai.djl.engine.Engine;
import carnot.headless.services.Services;
import org.osgi.util.tracker.ServiceTracker;

/**
 * DJL's PyTorch engine for a benchmark that drives it directly, booted the way every run boots it:
 * by the engine bundle's runtime component ({@code carnot.engine.internal.DjlRuntime}, asked for by
 * name since its package is internal), which loads libtorch inside OSGi on first use.
 */
final class BenchEngine {

    private static final String RUNTIME = "carnot.engine.internal.DjlRuntime";

    private BenchEngine() {
    }

    /** The booted engine; the runtime is held for the rest of the benchmark process. */
    static Engine pytorch(Services services) throws InterruptedException {
        ServiceTracker<Object, Object> runtime = new ServiceTracker<>(services.context(), RUNTIME, null);
        runtime.open();
        if (runtime.waitForService(60_000) == null) {
            runtime.close();
            throw new IllegalStateException(RUNTIME + " did not start within 60 s: is carnot.engine resolved?");
        }
        return Engine.getEngine("PyTorch");
    }
}
