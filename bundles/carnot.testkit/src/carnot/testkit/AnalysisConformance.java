package carnot.testkit;

import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.experiment.CheckpointAnalyzer;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.PreparedRun;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import carnot.api.experiment.TrainingSpec;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Checks an analysis provider against the contract of {@code carnot.api.analysis}, inside a running
 * Carnot (an OSGi test runtime or the product), on a tiny model the real engine trains
 * deterministically: a 3-class Gaussian mixture in 8 dimensions (120 training, 60 test examples)
 * and an 8-16-3 MLP trained for 3 epochs of SGD, seed 1. The provider is called through the same
 * path as {@code carnot analyze} ({@link CheckpointAnalyzer}), so it sees exactly the context a run
 * gives it. Checks:
 * <ol>
 * <li>the provider has a title, a description and a schema whose defaults validate;</li>
 * <li>{@code create} accepts the default settings;</li>
 * <li>{@code analyze} returns at least one scalar, and every scalar and series value is finite;</li>
 * <li>the result is a function of the weights, data and seed: a second call gives the same numbers;</li>
 * <li>histogram edges are finite and counts non-negative;</li>
 * <li>called directly on the same model and data ({@link DirectAnalysisChecks}): it leaves the
 * model's weights unchanged, frees its NDArrays (the model manager's array count is unchanged),
 * honours a cancelled monitor, and answers empty data with finite numbers or a clear error.</li>
 * </ol>
 */
public final class AnalysisConformance {

    /** The tiny experiment the model is trained by. */
    public static final String MIXTURE_SETTINGS = "gaussian-mixture: 3 classes, d = 8, n = 120/60; mlp [16]; 3 epochs";

    private AnalysisConformance() {
    }

    /** Problems found; empty when the provider conforms. */
    public static List<String> check(AnalysisProvider provider, Map<String, Object> settings) throws Exception {
        List<String> problems = new ArrayList<>();
        if (provider.title() == null || provider.title().isBlank()) {
            problems.add("title() is empty");
        }
        if (provider.description() == null || provider.description().isBlank()) {
            problems.add("description() is empty");
        }
        Settings validated;
        try {
            validated = provider.settingsSchema().validate(settings, "settings");
            provider.create(validated);
        } catch (RuntimeException e) {
            problems.add("the settings " + settings + " (defaults filled in) are refused: " + e.getMessage());
            return problems;
        }
        BundleContext context = FrameworkUtil.getBundle(AnalysisConformance.class).getBundleContext();
        String id = "carnot.testkit.under-test." + System.nanoTime();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Provider.ID, id);
        ServiceRegistration<AnalysisProvider> registration = context.registerService(AnalysisProvider.class, provider,
                properties);
        try {
            TinyRun run = TinyRun.train(service(context, ExperimentRunner.class));
            CheckpointAnalyzer analyzer = service(context, CheckpointAnalyzer.class);
            ComponentSpec analysis = new ComponentSpec(id, settings);
            AnalysisResult first = analyzer.analyze(run.spec(), run.epoch(), run.parameters(), analysis,
                    ProgressMonitor.NONE);
            AnalysisResult second = analyzer.analyze(run.spec(), run.epoch(), run.parameters(), analysis,
                    ProgressMonitor.NONE);
            if (first.scalars().isEmpty()) {
                problems.add("analyze() returned no scalar (scalars are what runs chart and compare)");
            }
            first.scalars().forEach((name, value) -> {
                if (value == null || !Double.isFinite(value)) {
                    problems.add("scalar " + name + " is " + value + " on a trained model");
                }
            });
            first.series().forEach((name, values) -> {
                for (double v : values) {
                    if (!Double.isFinite(v)) {
                        problems.add("series " + name + " holds " + v);
                        break;
                    }
                }
            });
            if (!first.scalars().equals(second.scalars())) {
                problems.add("two calls on the same weights, data and seed differ: " + first.scalars() + " vs "
                        + second.scalars());
            }
            first.histograms().forEach((name, histogram) -> {
                boolean finite = java.util.Arrays.stream(histogram.edges()).allMatch(Double::isFinite);
                boolean counts = java.util.Arrays.stream(histogram.counts()).allMatch(c -> c >= 0);
                if (!finite || !counts) {
                    problems.add("histogram " + name + " has non-finite edges or negative counts");
                }
            });
            DirectAnalysisChecks.run(provider.create(validated), run, service(context, ComponentRegistry.class),
                    problems);
        } finally {
            registration.unregister();
        }
        return problems;
    }

    /** Throws an {@link AssertionError} listing every problem, for JUnit tests. */
    public static void assertConforms(AnalysisProvider provider) throws Exception {
        assertConforms(provider, Map.of());
    }

    /** The same with explicit raw settings. */
    public static void assertConforms(AnalysisProvider provider, Map<String, Object> settings) throws Exception {
        List<String> problems = check(provider, settings);
        if (!problems.isEmpty()) {
            throw new AssertionError(provider.getClass().getName() + " does not conform:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private static <S> S service(BundleContext context, Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        S service = tracker.waitForService(60_000);
        if (service == null) {
            throw new IllegalStateException(type.getName() + " is not available: is carnot.engine running?");
        }
        return service;
    }

    /** The tiny model: trained once per call by the real engine, deterministic for its seed. */
    record TinyRun(ExperimentSpec spec, int epoch, byte[] parameters) {
        static final int TRAIN_SIZE = 120;
        static final int TEST_SIZE = 60;

        static TinyRun train(ExperimentRunner runner) throws Exception {
            ExperimentSpec spec = new ExperimentSpec(ExperimentSpec.FORMAT, "conformance", MIXTURE_SETTINGS, 1,
                    new ComponentSpec("gaussian-mixture", Map.of("classes", 3, "dimension", 8, "trainSize", TRAIN_SIZE,
                            "testSize", TEST_SIZE)),
                    new ComponentSpec("mlp", Map.of("hidden", List.of(16))),
                    new ComponentSpec("sgd", Map.of("learningRate", 0.05, "momentum", 0.9)),
                    ComponentSpec.of("cross-entropy"), List.of(), new TrainingSpec(3, 20, 1000, true), List.of());
            AtomicReference<RunEvent.Checkpoint> checkpoint = new AtomicReference<>();
            try (PreparedRun prepared = runner.prepare(spec, ProgressMonitor.NONE)) {
                RunOutcome outcome = prepared.execute(event -> {
                    if (event instanceof RunEvent.Checkpoint c) {
                        checkpoint.set(c);
                    }
                }, ProgressMonitor.NONE);
                if (outcome.status() != RunStatus.COMPLETED) {
                    throw new IllegalStateException("the tiny conformance run did not complete: " + outcome.message());
                }
                return new TinyRun(prepared.resolvedSpec(), checkpoint.get().epoch(), checkpoint.get().parameters());
            }
        }
    }
}
