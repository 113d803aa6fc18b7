package carnot.testkit;

import carnot.api.analysis.AnalysisProvider;
import carnot.api.autograd.AutogradFactory;
import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Provider;
import carnot.api.experiment.CheckpointAnalyzer;
import carnot.api.experiment.ExperimentRunner;
import carnot.engine.internal.StandaloneEngine;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The engine outside OSGi: Carnot's providers and autograd found on the class path
 * ({@link ClasspathComponents}), the engine's runner and checkpoint analyzer wired by hand
 * ({@link StandaloneEngine}), DJL's PyTorch engine loaded from the class path.
 */
final class StandaloneTestkitRuntime implements TestkitRuntime {

    private static StandaloneTestkitRuntime instance;

    private final Registry registry = new Registry();
    private final AutogradFactory autograd;
    private final StandaloneEngine engine;

    private StandaloneTestkitRuntime() throws Exception {
        AutogradFactory found = null;
        for (ClasspathComponents.Component component : ClasspathComponents.load(
                StandaloneTestkitRuntime.class.getClassLoader())) {
            if (component.instance() instanceof AutogradFactory factory) {
                found = factory;
            }
            String id = component.properties().get(Provider.ID);
            for (ComponentKind kind : ComponentKind.values()) {
                if (id != null && component.interfaces().contains(kind.serviceType().getName())) {
                    registry.add(kind, id, (Provider) component.instance(), "class path");
                }
            }
        }
        if (found == null) {
            throw new IllegalStateException("carnot.autograd is not on the class path: add the carnot:carnot.autograd "
                    + "test dependency next to carnot:carnot.testkit");
        }
        for (String needed : List.of("gaussian-mixture", "mlp", "sgd", "cross-entropy")) {
            boolean present = registry.providers.values().stream().anyMatch(byId -> byId.containsKey(needed));
            if (!present) {
                throw new IllegalStateException("the testkit's tiny experiment needs '" + needed + "', which no jar on "
                        + "the class path provides: add carnot.datasets, carnot.models and carnot.training as test "
                        + "dependencies");
            }
        }
        autograd = found;
        engine = StandaloneEngine.start(registry, autograd);
    }

    /** One per JVM: DJL's engine and the components are loaded once. */
    static synchronized TestkitRuntime start() throws Exception {
        if (instance == null) {
            instance = new StandaloneTestkitRuntime();
        }
        return instance;
    }

    @Override
    public ComponentRegistry registry() {
        return registry;
    }

    @Override
    public ExperimentRunner runner() {
        return engine.runner();
    }

    @Override
    public CheckpointAnalyzer analyzer() {
        return engine.analyzer();
    }

    @Override
    public AutogradFactory autograd() {
        return autograd;
    }

    @Override
    public AutoCloseable register(AnalysisProvider provider, String id) {
        registry.add(ComponentKind.ANALYSIS, id, provider, "under test");
        return () -> registry.remove(ComponentKind.ANALYSIS, id);
    }

    /** A registry over fixed providers. */
    private static final class Registry implements ComponentRegistry {
        private final Map<ComponentKind, Map<String, Provider>> providers = new EnumMap<>(ComponentKind.class);
        private final Map<ComponentKind, Map<String, ComponentDescriptor>> descriptors = new EnumMap<>(
                ComponentKind.class);

        synchronized void add(ComponentKind kind, String id, Provider provider, String bundle) {
            providers.computeIfAbsent(kind, k -> new TreeMap<>()).put(id, provider);
            descriptors.computeIfAbsent(kind, k -> new TreeMap<>()).put(id, new ComponentDescriptor(id, kind,
                    provider.title(), provider.description(), provider.settingsSchema(), bundle, "0"));
        }

        synchronized void remove(ComponentKind kind, String id) {
            providers.getOrDefault(kind, Map.of()).remove(id);
            descriptors.getOrDefault(kind, Map.of()).remove(id);
        }

        @Override
        public synchronized List<ComponentDescriptor> components() {
            List<ComponentDescriptor> all = new ArrayList<>();
            descriptors.values().forEach(byId -> all.addAll(byId.values()));
            return all;
        }

        @Override
        public synchronized <P extends Provider> Optional<P> find(ComponentKind kind, String id, Class<P> type) {
            return Optional.ofNullable(providers.getOrDefault(kind, Map.of()).get(id)).filter(type::isInstance)
                    .map(type::cast);
        }

        @Override
        public synchronized Optional<ComponentDescriptor> describe(ComponentKind kind, String id) {
            return Optional.ofNullable(descriptors.getOrDefault(kind, Map.of()).get(id));
        }

        @Override
        public synchronized List<String> ids(ComponentKind kind) {
            return new ArrayList<>(providers.getOrDefault(kind, Map.of()).keySet());
        }

        @Override
        public void addChangeListener(Runnable listener) {
        }

        @Override
        public void removeChangeListener(Runnable listener) {
        }
    }
}
