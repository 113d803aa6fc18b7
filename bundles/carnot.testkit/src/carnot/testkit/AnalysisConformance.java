package carnot.testkit;

import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.component.ProgressMonitor;
import carnot.api.component.Settings;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.InvalidExperimentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks an analysis provider against the contract of {@code carnot.api.analysis} on a tiny model the
 * real engine trains ({@link TinyExperiment}), the way JUnit's EngineTestKit lets third parties check
 * their engines. Runs inside a running Carnot (OSGi: the shell's {@code carnot:check}, OSGi tests) and
 * in a plain JVM (a Maven project's JUnit 5 tests, with the engine's jars on the test class path, as
 * the {@code new-metric} template sets up). Checks, each a line of the {@link ConformanceReport}:
 * <ol>
 * <li>the provider has a title and a description; the settings (defaults filled in) are accepted;</li>
 * <li>it accepts the tiny experiment (its {@code refusal} hook; give other model settings otherwise);</li>
 * <li>scheduled at every epoch of a run it never fails, and training with it is bit for bit training
 * without it ({@link TrainingComparison});</li>
 * <li>on the final checkpoint (the {@code carnot analyze} path) it returns at least one scalar, every
 * value finite, histograms well formed, and the same numbers when called twice;</li>
 * <li>called directly ({@link DirectAnalysisChecks}): weights, gradient buffers, optimizer state, data
 * and libtorch's generator unchanged, NDArrays freed, cancellation honoured, empty data answered.</li>
 * </ol>
 */
public final class AnalysisConformance {

    /** The tiny experiment, for messages. */
    public static final String MIXTURE_SETTINGS = TinyExperiment.describe(Map.of());

    private AnalysisConformance() {
    }

    /** The report for the default settings on the default tiny model. */
    public static ConformanceReport check(AnalysisProvider provider) {
        return check(provider, Map.of());
    }

    /** The report for these raw analysis settings (defaults fill the rest). */
    public static ConformanceReport check(AnalysisProvider provider, Map<String, Object> settings) {
        return check(provider, settings, Map.of());
    }

    /**
     * The report for these analysis settings on the tiny MLP with these model settings (e.g.
     * {@code Map.of("bias", false)} for an analysis that needs a bias-free homogeneous network).
     */
    public static ConformanceReport check(AnalysisProvider provider, Map<String, Object> settings,
            Map<String, Object> modelSettings) {
        return check(provider.getClass().getSimpleName(), provider, settings, modelSettings);
    }

    /** The same, naming the analysis {@code label} in the report (its id, in the shell). */
    public static ConformanceReport check(String label, AnalysisProvider provider, Map<String, Object> settings,
            Map<String, Object> modelSettings) {
        String analysis = label + (settings.isEmpty() ? "" : " " + settings);
        List<ConformanceReport.Check> checks = new ArrayList<>();
        AnalysisResult[] result = new AnalysisResult[1];
        try {
            run(provider, settings, modelSettings, checks, result);
        } catch (Exception | LinkageError e) {
            checks.add(new ConformanceReport.Check("the testkit ran to the end", false,
                    DirectAnalysisChecks.describe(e)));
        }
        return new ConformanceReport(analysis, TinyExperiment.describe(modelSettings), checks, result[0]);
    }

    /** Throws an {@link AssertionError} whose message is the report, for JUnit tests. */
    public static void assertConforms(AnalysisProvider provider) {
        assertConforms(provider, Map.of(), Map.of());
    }

    /** The same with explicit raw settings. */
    public static void assertConforms(AnalysisProvider provider, Map<String, Object> settings) {
        assertConforms(provider, settings, Map.of());
    }

    /** The same with explicit analysis and model settings. */
    public static void assertConforms(AnalysisProvider provider, Map<String, Object> settings,
            Map<String, Object> modelSettings) {
        ConformanceReport report = check(provider, settings, modelSettings);
        if (!report.conforms()) {
            throw new AssertionError(report.toString());
        }
    }

    private static void run(AnalysisProvider provider, Map<String, Object> settings, Map<String, Object> modelSettings,
            List<ConformanceReport.Check> checks, AnalysisResult[] result) throws Exception {
        boolean described = provider.title() != null && !provider.title().isBlank() && provider.description() != null
                && !provider.description().isBlank();
        checks.add(new ConformanceReport.Check("title and description", described,
                "title() and description() must say what the analysis measures"));
        Settings validated;
        try {
            validated = provider.settingsSchema().validate(settings, "settings");
            provider.create(validated);
            checks.add(new ConformanceReport.Check("settings accepted", true, ""));
        } catch (RuntimeException e) {
            checks.add(new ConformanceReport.Check("settings accepted", false, "the settings " + settings
                    + " (defaults filled in) are refused: " + e.getMessage()));
            return;
        }
        TestkitRuntime runtime = TestkitRuntime.start();
        String id = "carnot.testkit.under-test." + System.nanoTime();
        try (AutoCloseable registration = runtime.register(provider, id)) {
            TinyExperiment.Trace without;
            try {
                without = TinyExperiment.train(runtime.runner(), TinyExperiment.spec(modelSettings, List.of()));
            } catch (InvalidExperimentException e) {
                checks.add(new ConformanceReport.Check("the tiny experiment is valid", false, e.getMessage()));
                return;
            }
            TinyExperiment.Trace with;
            try {
                with = TinyExperiment.train(runtime.runner(), TinyExperiment.spec(modelSettings,
                        List.of(new AnalysisSpec(id, settings, 1, true))));
                checks.add(new ConformanceReport.Check("accepts the tiny experiment", true, ""));
            } catch (InvalidExperimentException e) {
                checks.add(new ConformanceReport.Check("accepts the tiny experiment", false, e.getMessage()
                        + "\ncheck it on a model it accepts: carnot:check ID --model '{\"bias\": false}' in the shell, "
                        + "AnalysisConformance.check(provider, settings, Map.of(\"bias\", false)) in a test"));
                return;
            }
            checks.add(new ConformanceReport.Check("runs at every epoch of a run without failing",
                    with.failures().isEmpty(), String.join("\n", with.failures())));
            checks.add(TrainingComparison.compare(without, with));
            result[0] = checkpoint(runtime, without, new ComponentSpec(id, settings), checks);
            DirectAnalysisChecks.run(provider.create(validated), without, runtime, checks);
        }
    }

    /** The {@code carnot analyze} path, twice on the same checkpoint; returns the first result (null if it threw). */
    private static AnalysisResult checkpoint(TestkitRuntime runtime, TinyExperiment.Trace run, ComponentSpec analysis,
            List<ConformanceReport.Check> checks) {
        AnalysisResult first;
        AnalysisResult second;
        try {
            first = runtime.analyzer().analyze(run.resolved(), run.epoch(), run.weights(), analysis,
                    ProgressMonitor.NONE);
            second = runtime.analyzer().analyze(run.resolved(), run.epoch(), run.weights(), analysis,
                    ProgressMonitor.NONE);
        } catch (Exception | LinkageError | AssertionError e) {
            checks.add(new ConformanceReport.Check("analyses a saved checkpoint", false, DirectAnalysisChecks.describe(e)));
            return null;
        }
        List<String> bad = new ArrayList<>();
        first.scalars().forEach((name, value) -> {
            if (value == null || !Double.isFinite(value)) {
                bad.add("scalar " + name + " is " + value);
            }
        });
        first.series().forEach((name, values) -> {
            if (Arrays.stream(values).anyMatch(v -> !Double.isFinite(v))) {
                bad.add("series " + name + " holds a non-finite value");
            }
        });
        checks.add(new ConformanceReport.Check("at least one scalar", !first.scalars().isEmpty(),
                "analyze() returned no scalar (scalars are what runs chart and compare)"));
        checks.add(new ConformanceReport.Check("finite results on a trained model", bad.isEmpty(), String.join("; ", bad)));
        checks.add(new ConformanceReport.Check("deterministic: the same numbers twice", first.scalars().equals(
                second.scalars()), "two calls on the same weights, data and seed differ: " + first.scalars() + " vs "
                        + second.scalars()));
        boolean histograms = first.histograms().values().stream().allMatch(h -> Arrays.stream(h.edges())
                .allMatch(Double::isFinite) && Arrays.stream(h.counts()).allMatch(c -> c >= 0));
        checks.add(new ConformanceReport.Check("histograms well formed", histograms,
                "a histogram has non-finite edges or negative counts"));
        return first;
    }
}
