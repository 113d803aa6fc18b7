package carnot.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The PyTorch engine loads from the wrapped bundles inside Equinox, offline, and computes right. */
class DjlInOsgiTest {

    private static DjlRuntime runtime;

    /** The runtime is this bundle's own DS component; it boots libtorch when first asked for. */
    @BeforeAll
    static void runtime() throws InterruptedException {
        ServiceTracker<DjlRuntime, DjlRuntime> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(DjlRuntime.class).getBundleContext(), DjlRuntime.class, null);
        tracker.open();
        runtime = tracker.waitForService(60_000);
        tracker.close();
        assertNotNull(runtime, "the DJL runtime did not start");
    }

    @Test
    void pytorchEngineLoadsOfflineAndMultipliesMatrices() {
        Engine engine = runtime.engine();
        assertEquals("PyTorch", engine.getEngineName());
        assertEquals("2.7.1", engine.getVersion());
        assertEquals("true", System.getProperty("offline"));
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {7, 8, 9, 10, 11, 12};
        try (NDManager manager = engine.newBaseManager()) {
            NDArray product = manager.create(a, new Shape(2, 3)).matMul(manager.create(b, new Shape(3, 2)));
            // [[1,2,3],[4,5,6]] x [[7,8],[9,10],[11,12]], by hand.
            assertArrayEquals(new double[] {58, 64, 139, 154}, product.toDoubleArray(), 0);
        }
    }

    @Test
    void autogradGivesTheAnalyticGradient() {
        Engine engine = runtime.engine();
        try (NDManager manager = engine.newBaseManager()) {
            NDArray x = manager.create(new double[] {0.5, -1.5, 2.0});
            x.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                // f(x) = sum(x^3) has gradient 3 x^2.
                collector.backward(x.pow(3).sum());
            }
            assertArrayEquals(new double[] {0.75, 6.75, 12.0}, x.getGradient().toDoubleArray(), 1e-12);
        }
    }
}
