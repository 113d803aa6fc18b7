package carnot.engine.internal;

import carnot.api.analysis.AnalysisProvider;
import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Provider;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.PerturbationProvider;
import carnot.api.losses.LossProvider;
import carnot.api.models.ArchitectureProvider;
import carnot.api.optim.OptimizerProvider;
import carnot.api.regularizers.RegularizerProvider;
import carnot.api.runs.Executor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LoggerFactory;

/**
 * The providers DS has found, by kind and {@value Provider#ID}. Tracks them dynamically so that
 * bundles dropped in or removed at run time show up or vanish without a restart. When providers of
 * two bundles claim the same id (typically an old and a new build of one plugin, both in
 * {@code plugins/}), the one from the highest bundle version wins, then the newest installed; the
 * choice is deterministic, logged as a warning (OSGi log service) that names both bundles and their
 * files, and listed by {@link #duplicates()}, which {@code carnot components} shows.
 */
@Component(service = ComponentRegistry.class)
public final class ServiceComponentRegistry implements ComponentRegistry {

    private record Entry(Provider provider, ComponentDescriptor descriptor, long serviceId, Version version,
            long bundleId, String location) {

        String describe() {
            return descriptor.bundle() + " " + descriptor.bundleVersion() + " (" + location + ")";
        }
    }

    /** Highest bundle version first, then the most recently installed bundle, then the newest service. */
    private static final Comparator<Entry> PREFERENCE = Comparator.comparing(Entry::version,
            Comparator.<Version>reverseOrder()).thenComparing(Entry::bundleId, Comparator.<Long>reverseOrder())
            .thenComparing(Entry::serviceId, Comparator.<Long>reverseOrder());

    private final Map<ComponentKind, Map<String, List<Entry>>> entries = new EnumMap<>(ComponentKind.class);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** The framework's log (Equinox registers one); optional so that the registry never waits for it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile LoggerFactory loggers;

    public ServiceComponentRegistry() {
        for (ComponentKind kind : ComponentKind.values()) {
            entries.put(kind, new ConcurrentSkipListMap<>());
        }
    }

    @Override
    public List<ComponentDescriptor> components() {
        List<ComponentDescriptor> all = new ArrayList<>();
        for (ComponentKind kind : ComponentKind.values()) {
            entries.get(kind).values().forEach(list -> {
                synchronized (list) {
                    if (!list.isEmpty()) {
                        all.add(list.get(0).descriptor());
                    }
                }
            });
        }
        all.sort(Comparator.comparing(ComponentDescriptor::kind).thenComparing(ComponentDescriptor::id));
        return all;
    }

    @Override
    public <P extends Provider> Optional<P> find(ComponentKind kind, String id, Class<P> type) {
        return first(kind, id).map(Entry::provider).filter(type::isInstance).map(type::cast);
    }

    @Override
    public Optional<ComponentDescriptor> describe(ComponentKind kind, String id) {
        return first(kind, id).map(Entry::descriptor);
    }

    @Override
    public List<String> ids(ComponentKind kind) {
        List<String> ids = new ArrayList<>();
        entries.get(kind).forEach((id, list) -> {
            synchronized (list) {
                if (!list.isEmpty()) {
                    ids.add(id);
                }
            }
        });
        return ids;
    }

    @Override
    public List<String> duplicates() {
        List<String> warnings = new ArrayList<>();
        for (ComponentKind kind : ComponentKind.values()) {
            entries.get(kind).forEach((id, list) -> {
                synchronized (list) {
                    if (list.size() > 1) {
                        warnings.add(duplicateWarning(kind, id, list));
                    }
                }
            });
        }
        return warnings;
    }

    private static String duplicateWarning(ComponentKind kind, String id, List<Entry> list) {
        List<String> others = new ArrayList<>();
        for (Entry entry : list.subList(1, list.size())) {
            others.add(entry.describe());
        }
        return kind.label() + " '" + id + "' is provided by " + list.size() + " bundles; using "
                + list.get(0).describe() + " (highest version, then newest), ignoring " + String.join(", ", others)
                + ": remove the stale jar";
    }

    @Override
    public void addChangeListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeChangeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private Optional<Entry> first(ComponentKind kind, String id) {
        List<Entry> list = id == null ? null : entries.get(kind).get(id);
        if (list == null) {
            return Optional.empty();
        }
        synchronized (list) {
            return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
        }
    }

    private void add(ComponentKind kind, Provider provider, ServiceReference<?> reference) {
        Object idProperty = reference.getProperty(Provider.ID);
        if (!(idProperty instanceof String id) || id.isBlank()) {
            // A provider without an id cannot be named in an experiment; ignore it.
            return;
        }
        Bundle bundle = reference.getBundle();
        ComponentDescriptor descriptor = new ComponentDescriptor(id, kind, provider.title(), provider.description(),
                provider.settingsSchema(), bundle == null ? "?" : bundle.getSymbolicName(),
                bundle == null ? "?" : bundle.getVersion().toString());
        long serviceId = (Long) reference.getProperty("service.id");
        Entry entry = new Entry(provider, descriptor, serviceId, bundle == null ? Version.emptyVersion
                : bundle.getVersion(), bundle == null ? -1 : bundle.getBundleId(), bundle == null ? "?"
                        : bundle.getLocation());
        List<Entry> list = entries.get(kind).computeIfAbsent(id, key -> new ArrayList<>());
        String warning = null;
        synchronized (list) {
            list.add(entry);
            list.sort(PREFERENCE);
            if (list.size() > 1) {
                warning = duplicateWarning(kind, id, list);
            }
        }
        if (warning != null) {
            warn(warning);
        }
        fire();
    }

    /** Warnings go to the OSGi log; duplicate ids are also kept for {@link #duplicates()}. */
    private void warn(String message) {
        LoggerFactory factory = loggers;
        if (factory != null) {
            factory.getLogger(ServiceComponentRegistry.class).warn(message);
        }
    }

    private void remove(ComponentKind kind, ServiceReference<?> reference) {
        Object idProperty = reference.getProperty(Provider.ID);
        if (!(idProperty instanceof String id)) {
            return;
        }
        long serviceId = (Long) reference.getProperty("service.id");
        List<Entry> list = entries.get(kind).get(id);
        if (list != null) {
            synchronized (list) {
                list.removeIf(entry -> entry.serviceId() == serviceId);
            }
        }
        fire();
    }

    private void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // A broken listener (for example a disposed view) must not break the registry.
                warn("component change listener failed: " + e);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDataset(DatasetProvider provider, ServiceReference<DatasetProvider> reference) {
        add(ComponentKind.DATASET, provider, reference);
    }

    void removeDataset(ServiceReference<DatasetProvider> reference) {
        remove(ComponentKind.DATASET, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPerturbation(PerturbationProvider provider, ServiceReference<PerturbationProvider> reference) {
        add(ComponentKind.PERTURBATION, provider, reference);
    }

    void removePerturbation(ServiceReference<PerturbationProvider> reference) {
        remove(ComponentKind.PERTURBATION, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addArchitecture(ArchitectureProvider provider, ServiceReference<ArchitectureProvider> reference) {
        add(ComponentKind.ARCHITECTURE, provider, reference);
    }

    void removeArchitecture(ServiceReference<ArchitectureProvider> reference) {
        remove(ComponentKind.ARCHITECTURE, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addOptimizer(OptimizerProvider provider, ServiceReference<OptimizerProvider> reference) {
        add(ComponentKind.OPTIMIZER, provider, reference);
    }

    void removeOptimizer(ServiceReference<OptimizerProvider> reference) {
        remove(ComponentKind.OPTIMIZER, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLoss(LossProvider provider, ServiceReference<LossProvider> reference) {
        add(ComponentKind.LOSS, provider, reference);
    }

    void removeLoss(ServiceReference<LossProvider> reference) {
        remove(ComponentKind.LOSS, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRegularizer(RegularizerProvider provider, ServiceReference<RegularizerProvider> reference) {
        add(ComponentKind.REGULARIZER, provider, reference);
    }

    void removeRegularizer(ServiceReference<RegularizerProvider> reference) {
        remove(ComponentKind.REGULARIZER, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAnalysis(AnalysisProvider provider, ServiceReference<AnalysisProvider> reference) {
        add(ComponentKind.ANALYSIS, provider, reference);
    }

    void removeAnalysis(ServiceReference<AnalysisProvider> reference) {
        remove(ComponentKind.ANALYSIS, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addExecutor(Executor provider, ServiceReference<Executor> reference) {
        add(ComponentKind.EXECUTOR, provider, reference);
    }

    void removeExecutor(ServiceReference<Executor> reference) {
        remove(ComponentKind.EXECUTOR, reference);
    }
}
