package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.TrainingSpec;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/**
 * The refusal hook: an analysis that cannot measure a network refuses the experiment in
 * {@code ExperimentRunner.prepare}, before anything trains, as bad input of its field; it sees the
 * built network's structure. And duplicate ids: the newest of two services of one bundle wins, with a
 * warning naming the bundle twice.
 */
class AnalysisRefusalTest {

    /** Refuses networks with biases, naming the setting, like an analysis that needs homogeneity. */
    static final class NeedsBiasFree implements AnalysisProvider {
        final List<AnalysisTarget> seen = new ArrayList<>();

        @Override
        public String title() {
            return "needs a bias-free network";
        }

        @Override
        public String description() {
            return "test double";
        }

        @Override
        public SettingsSchema settingsSchema() {
            return SettingsSchema.empty();
        }

        @Override
        public Optional<String> refusal(Settings settings, AnalysisTarget target) {
            seen.add(target);
            return target.model().biasFree() ? Optional.empty() : Optional.of("bias-free-test needs a bias-free "
                    + "network; model '" + target.spec().model().id() + "' has biases (set model.settings.bias=false)");
        }

        @Override
        public Analysis create(Settings settings) {
            return context -> AnalysisResult.builder().scalar("degree", context.structure().homogeneityDegree()).build();
        }
    }

    private static ExperimentSpec spec(boolean bias) {
        return ExperimentSpec.builder("refusal").seed(1)
                .dataset(new ComponentSpec("gaussian-mixture",
                        Map.of("classes", 3, "dimension", 4, "trainSize", 30, "testSize", 10)))
                .model(new ComponentSpec("mlp", Map.of("hidden", List.of(5), "bias", bias)))
                .optimizer(ComponentSpec.of("sgd")).loss(ComponentSpec.of("cross-entropy"))
                .training(TrainingSpec.builder().epochs(1).batchSize(10).evalBatchSize(100).shuffle(true).build())
                .analyses(List.of(new AnalysisSpec("margins", Map.of(), 1, false),
                        new AnalysisSpec("bias-free-test", Map.of(), 1, false)))
                .build();
    }

    @Test
    void anAnalysisRefusesANetworkBeforeTrainingWithItsFieldAndReason() throws Exception {
        NeedsBiasFree provider = new NeedsBiasFree();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Provider.ID, "bias-free-test");
        ServiceRegistration<AnalysisProvider> registration = Osgi.context().registerService(AnalysisProvider.class,
                provider, properties);
        try {
            ExperimentRunner runner = Osgi.service(ExperimentRunner.class);
            InvalidExperimentException refused = assertThrows(InvalidExperimentException.class,
                    () -> runner.prepare(spec(true), ProgressMonitor.NONE));
            assertEquals("analyses[1]", refused.field());
            assertEquals("analyses[1]: bias-free-test needs a bias-free network; model 'mlp' has biases (set "
                    + "model.settings.bias=false)", refused.getMessage());
            AnalysisTarget target = provider.seen.get(0);
            assertEquals(4, target.exampleShape()[0]);
            assertEquals(30, target.trainSize());
            assertEquals(4, target.model().parameters().size(), "weights and biases of two layers");
            try (var prepared = runner.prepare(spec(false), ProgressMonitor.NONE)) {
                assertEquals(2, provider.seen.get(1).model().homogeneityDegree());
            }
        } finally {
            registration.unregister();
        }
    }

    @Test
    void twoProvidersOfOneIdAreWarnedAboutAndTheNewestWins() {
        ComponentRegistry registry = Osgi.service(ComponentRegistry.class);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Provider.ID, "duplicate-test");
        NeedsBiasFree older = new NeedsBiasFree();
        NeedsBiasFree newer = new NeedsBiasFree();
        ServiceRegistration<AnalysisProvider> first = Osgi.context().registerService(AnalysisProvider.class, older,
                properties);
        ServiceRegistration<AnalysisProvider> second = Osgi.context().registerService(AnalysisProvider.class, newer,
                properties);
        try {
            assertTrue(registry.find(ComponentKind.ANALYSIS, "duplicate-test", AnalysisProvider.class).get() == newer,
                    "same bundle and version: the newest service wins");
            String bundle = Osgi.context().getBundle().getSymbolicName();
            assertTrue(registry.duplicates().stream().anyMatch(w -> w.startsWith("analysis 'duplicate-test' is "
                    + "provided by 2 bundles; using " + bundle) && w.contains("ignoring " + bundle)),
                    registry.duplicates()::toString);
        } finally {
            second.unregister();
            first.unregister();
        }
        assertTrue(registry.duplicates().stream().noneMatch(w -> w.contains("duplicate-test")));
    }
}
