package carnot.engine.internal;

import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtEngineProvider;
import ai.djl.pytorch.jni.JniUtils;
import carnot.api.autograd.AutogradFactory;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Boots DJL's PyTorch engine inside OSGi, offline. DJL finds engines with
 * {@link java.util.ServiceLoader} and its native libraries as class-path resources, both through
 * the thread context class loader, which in OSGi sees nothing. So, once, with the context loader
 * set to one that loads classes through the engine bundle and resources from every DJL bundle
 * (the JNI and libtorch jars hold only resources), the engine is registered explicitly and
 * created, which extracts and loads libtorch.
 */
@Component(service = DjlRuntime.class)
public final class DjlRuntime {

    /**
     * Symbolic names the target platform gives the wrapped DJL jars; the last is a prefix: the
     * libtorch natives of this platform ({@code ai.djl.pytorch.native.cpu.linux.x86_64},
     * {@code ...macosx.aarch64}, {@code ...win32.x86_64}), of which an installation has one.
     */
    static final List<String> DJL_BUNDLES = List.of("ai.djl.pytorch.engine", "ai.djl.api", "ai.djl.pytorch.jni",
            "ai.djl.pytorch.native.cpu.");

    private Engine engine;

    @Reference
    AutogradFactory autograd;

    /**
     * The engine outside OSGi (a plain JVM, e.g. the testkit in a Maven project's unit tests), where
     * DJL finds it through the ordinary class path.
     */
    static DjlRuntime standalone(AutogradFactory autograd) {
        DjlRuntime runtime = new DjlRuntime();
        runtime.autograd = autograd;
        configure();
        runtime.engine = Engine.getEngine("PyTorch");
        JniUtils.setGradMode(false);
        return runtime;
    }

    @Activate
    void activate(BundleContext context) {
        configure();

        List<Bundle> bundles = new ArrayList<>();
        for (String name : DJL_BUNDLES) {
            bundles.add(find(context, name));
        }
        ClassLoader engineLoader = bundles.get(0).adapt(BundleWiring.class).getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new DjlResourceLoader(engineLoader, bundles));
        try {
            Engine.registerEngine(new PtEngineProvider());
            engine = Engine.getEngine("PyTorch");
            // Autograd is switched on only inside gradient collectors.
            JniUtils.setGradMode(false);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void configure() {
        // DJL must never reach for the network (model zoo, tracking, native download).
        setIfAbsent("offline", "true");
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.default_engine", "PyTorch");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    /** Exact derivatives for analyses ({@code AnalysisContext.autograd()}). */
    public AutogradFactory autograd() {
        return autograd;
    }

    /** The PyTorch engine, loaded. */
    public Engine engine() {
        return engine;
    }

    /** A one-line description: DJL and libtorch versions and thread counts. */
    public String describe() {
        return "DJL " + Engine.getDjlVersion() + ", " + engine.getEngineName() + " " + engine.getVersion()
                + ", threads " + System.getProperty("ai.djl.pytorch.num_threads") + "/"
                + System.getProperty("ai.djl.pytorch.num_interop_threads");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static Bundle find(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (symbolicName.endsWith(".") ? name != null && name.startsWith(symbolicName) : symbolicName.equals(name)) {
                return bundle;
            }
        }
        Bundle self = FrameworkUtil.getBundle(DjlRuntime.class);
        throw new IllegalStateException("DJL bundle " + symbolicName + " is not installed next to "
                + (self == null ? "carnot.engine" : self.getSymbolicName()) + "; the product or test runtime is incomplete");
    }

    /** Classes through the engine bundle; resources from every DJL bundle. */
    private static final class DjlResourceLoader extends ClassLoader {
        private final List<Bundle> bundles;

        DjlResourceLoader(ClassLoader parent, List<Bundle> bundles) {
            super(parent);
            this.bundles = bundles;
        }

        @Override
        protected URL findResource(String name) {
            for (Bundle bundle : bundles) {
                URL url = bundle.getResource(name);
                if (url != null) {
                    return url;
                }
            }
            return null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            Set<URL> urls = new LinkedHashSet<>();
            for (Bundle bundle : bundles) {
                Enumeration<URL> found = bundle.getResources(name);
                if (found != null) {
                    urls.addAll(Collections.list(found));
                }
            }
            return Collections.enumeration(urls);
        }
    }
}
