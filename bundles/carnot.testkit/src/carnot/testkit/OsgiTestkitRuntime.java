package carnot.testkit;

import carnot.api.analysis.AnalysisProvider;
import carnot.api.autograd.AutogradFactory;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Provider;
import carnot.api.experiment.CheckpointAnalyzer;
import carnot.api.experiment.ExperimentRunner;
import java.util.Hashtable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/** The running Carnot's services, found through the testkit bundle's context. */
final class OsgiTestkitRuntime implements TestkitRuntime {

    private final BundleContext context;
    private final ComponentRegistry registry;
    private final ExperimentRunner runner;
    private final CheckpointAnalyzer analyzer;
    private final AutogradFactory autograd;

    private OsgiTestkitRuntime(BundleContext context) throws InterruptedException {
        this.context = context;
        registry = service(ComponentRegistry.class);
        runner = service(ExperimentRunner.class);
        analyzer = service(CheckpointAnalyzer.class);
        autograd = service(AutogradFactory.class);
    }

    static boolean available() {
        try {
            Bundle bundle = FrameworkUtil.getBundle(OsgiTestkitRuntime.class);
            return bundle != null && bundle.getBundleContext() != null;
        } catch (LinkageError e) {
            return false;
        }
    }

    static TestkitRuntime start() throws InterruptedException {
        return new OsgiTestkitRuntime(FrameworkUtil.getBundle(OsgiTestkitRuntime.class).getBundleContext());
    }

    @Override
    public ComponentRegistry registry() {
        return registry;
    }

    @Override
    public ExperimentRunner runner() {
        return runner;
    }

    @Override
    public CheckpointAnalyzer analyzer() {
        return analyzer;
    }

    @Override
    public AutogradFactory autograd() {
        return autograd;
    }

    @Override
    public AutoCloseable register(AnalysisProvider provider, String id) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Provider.ID, id);
        ServiceRegistration<AnalysisProvider> registration = context.registerService(AnalysisProvider.class, provider,
                properties);
        return registration::unregister;
    }

    private <S> S service(Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        S service = tracker.waitForService(60_000);
        if (service == null) {
            throw new IllegalStateException(type.getName() + " is not available: is carnot.engine running?");
        }
        return service;
    }
}
