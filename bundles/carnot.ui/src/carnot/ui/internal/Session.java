package carnot.ui.internal;

import carnot.api.component.ComponentRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * What the workbench's parts share: the workspace folder (a preference, changeable while the
 * workbench runs) and the engine's services, looked up when needed because bundles come and go.
 * One per workbench, put into the application's context by {@link SessionAddon}; parts get it
 * injected.
 */
public final class Session implements AutoCloseable {

    private final BundleContext context;
    private final ServiceTracker<ComponentRegistry, ComponentRegistry> registryTracker;
    private final List<Runnable> registryListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Path>> workspaceListeners = new CopyOnWriteArrayList<>();
    private final Runnable registryChanged = () -> registryListeners.forEach(Runnable::run);
    private volatile Path workspace;

    public Session(Path workspace) {
        this.workspace = workspace.toAbsolutePath().normalize();
        Bundle bundle = FrameworkUtil.getBundle(Session.class);
        context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            registryTracker = null;
            return;
        }
        registryTracker = new ServiceTracker<>(context, ComponentRegistry.class,
                new ServiceTrackerCustomizer<ComponentRegistry, ComponentRegistry>() {
                    @Override
                    public ComponentRegistry addingService(ServiceReference<ComponentRegistry> reference) {
                        ComponentRegistry registry = context.getService(reference);
                        if (registry != null) {
                            registry.addChangeListener(registryChanged);
                            registryChanged.run();
                        }
                        return registry;
                    }

                    @Override
                    public void modifiedService(ServiceReference<ComponentRegistry> reference, ComponentRegistry service) {
                        registryChanged.run();
                    }

                    @Override
                    public void removedService(ServiceReference<ComponentRegistry> reference, ComponentRegistry registry) {
                        registry.removeChangeListener(registryChanged);
                        context.ungetService(reference);
                        registryChanged.run();
                    }
                });
        registryTracker.open();
    }

    /** The workspace folder: experiment files anywhere in it, runs under {@code runs/}. */
    public Path workspace() {
        return workspace;
    }

    /** Switches the workspace; listeners (the explorer) re-read it. */
    public void setWorkspace(Path folder) {
        Path normalized = folder.toAbsolutePath().normalize();
        if (!normalized.equals(workspace)) {
            workspace = normalized;
            workspaceListeners.forEach(l -> l.accept(normalized));
        }
    }

    public void addWorkspaceListener(Consumer<Path> listener) {
        workspaceListeners.add(listener);
    }

    public void removeWorkspaceListener(Consumer<Path> listener) {
        workspaceListeners.remove(listener);
    }

    /** The component registry if the engine is running, else {@code null}. */
    public ComponentRegistry registry() {
        return registryTracker == null ? null : registryTracker.getService();
    }

    /** Called on an arbitrary thread whenever providers come or go (or the registry itself). */
    public void addRegistryListener(Runnable listener) {
        registryListeners.add(listener);
    }

    public void removeRegistryListener(Runnable listener) {
        registryListeners.remove(listener);
    }

    /** An engine service (runner, checkpoint analyzer) as registered now. */
    public <S> Optional<S> service(Class<S> type) {
        if (context == null) {
            return Optional.empty();
        }
        ServiceReference<S> reference = context.getServiceReference(type);
        return reference == null ? Optional.empty() : Optional.ofNullable(context.getService(reference));
    }

    @Override
    public void close() {
        if (registryTracker != null) {
            registryTracker.close();
        }
    }
}
