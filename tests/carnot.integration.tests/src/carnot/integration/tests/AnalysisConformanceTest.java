package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import carnot.analysis.curvature.internal.HessianSpectrumProvider;
import carnot.analysis.curvature.internal.ReparameterizationAuditProvider;
import carnot.analysis.curvature.internal.SharpnessProvider;
import carnot.analysis.kernels.internal.KernelBaselineProvider;
import carnot.analysis.margins.internal.MarginDistributionProvider;
import carnot.analysis.bounds.internal.BoundsProvider;
import carnot.analysis.bounds.internal.PacBayesProvider;
import carnot.analysis.margins.internal.NormalizedMarginsProvider;
import carnot.analysis.norms.internal.NormsProvider;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Split;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.engine.internal.BatchEvaluation;
import carnot.api.autograd.Examples;
import carnot.api.datasets.Dataset;
import carnot.testkit.AnalysisConformance;
import carnot.testkit.ConformanceReport;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The testkit on every installed analysis, and on providers that break each rule of the contract.
 */
class AnalysisConformanceTest {

    @Test
    void everyInstalledAnalysisConforms() throws Exception {
        ComponentRegistry registry = Osgi.service(ComponentRegistry.class);
        List<String> ids = registry.ids(ComponentKind.ANALYSIS);
        assertTrue(ids.contains("margins"), ids::toString);
        StringBuilder failures = new StringBuilder();
        for (String id : ids) {
            AnalysisProvider provider = registry.find(ComponentKind.ANALYSIS, id, AnalysisProvider.class).orElseThrow();
            ConformanceReport report = AnalysisConformance.check(id, provider, Map.of(), Map.of());
            List<ConformanceReport.Check> problems = report.failures();
            // Analyses defined for one architecture (implicit-bias and min-norm need a linear model) refuse
            // the testkit's tiny MLP before training: that refusal must name what they need.
            boolean refusedClearly = problems.size() == 1 && problems.get(0).name().equals("accepts the tiny experiment")
                    && problems.get(0).detail().contains("needs");
            if (!problems.isEmpty() && !refusedClearly) {
                failures.append(report).append('\n');
            }
        }
        assertEquals("", failures.toString());
    }

    private static AnalysisProvider provider(Analysis analysis) {
        return TestAnalyses.provider("breaks one rule of the analysis contract", analysis);
    }

    private static AnalysisResult mean(AnalysisContext context) {
        double sum = 0;
        for (int y : context.dataset(Split.TRAIN).labels()) {
            sum += y;
        }
        return AnalysisResult.builder().scalar("meanLabel", sum / context.dataset(Split.TRAIN).size()).build();
    }

    @Test
    void changedWeightsLeakedArraysIgnoredCancellationAndUnclearEmptyDataAreReported() throws Exception {
        // Swaps the first parameter's values for 1.5 times them (an in-place muli is refused on a leaf that
        // requires grad, as parameters do during a run) and leaves a product on the parameter's manager.
        ConformanceReport mutating = AnalysisConformance.check(provider(context -> {
            Parameter first = context.model().getParameters().get(0).getValue();
            first.getArray().intern(first.getArray().mul(1.5f));
            first.getArray().mul(2f);
            return AnalysisResult.builder().scalar("x", 1).build();
        }), Map.of());
        assertFailed(mutating, "weights unchanged", "changed during the call");
        assertFailed(mutating, "NDArrays freed", "NDArrays on the model's manager");

        // Spins for 2.5 s without looking at the monitor; divides by the (empty) data size.
        ConformanceReport stubborn = AnalysisConformance.check(provider(context -> {
            long end = System.nanoTime() + 2_500_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return mean(context);
        }), Map.of());
        assertFailed(stubborn, "a cancelled monitor is honoured", "with a cancelled monitor the call still ran");
        assertFailed(stubborn, "empty data gets finite numbers or a clear error", "on empty data scalar meanLabel is NaN");

        // Indexes example 0 of the empty set.
        ConformanceReport careless = AnalysisConformance.check(provider(context -> AnalysisResult.builder()
                .scalar("first", context.predictions(Split.TRAIN).logit(0, 0)).build()), Map.of());
        assertFailed(careless, "empty data gets finite numbers or a clear error",
                "on empty data the call threw java.lang.ArrayIndexOutOfBoundsException");

        // The well-behaved version: checks the monitor and names the problem.
        ConformanceReport careful = AnalysisConformance.check(provider(context -> {
            context.monitor().checkCancelled();
            if (context.dataset(Split.TRAIN).size() == 0) {
                throw new IllegalArgumentException("the training set is empty");
            }
            return mean(context);
        }), Map.of());
        assertTrue(careful.conforms(), careful::toString);
    }

    /**
     * The mistake of issue 17: per-example gradients through DJL's GradientCollector with
     * {@code new ParameterStore(manager, true)}, which on the same device hands out the model's own
     * arrays, so every backward accumulates into the gradient buffers the next training step reads.
     * The testkit must fail it on the gradient buffers and on training.
     */
    @Test
    void anAnalysisThatRunsBackwardThroughTheModelFailsOnGradientsAndTraining() {
        ConformanceReport report = AnalysisConformance.check(provider(context -> {
            Dataset train = context.dataset(Split.TRAIN);
            double sum = 0;
            try (NDManager scope = context.manager().newSubManager()) {
                ParameterStore store = new ParameterStore(scope, true);
                for (int i = 0; i < Math.min(8, train.size()); i++) {
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray x = scope.create(java.util.Arrays.copyOfRange(train.features(), i * train.featureSize(),
                                (i + 1) * train.featureSize()), BatchEvaluation.batchShape(1, train.exampleShape()));
                        NDArray out = context.model().forward(store, new NDList(x), false).singletonOrThrow();
                        NDArray loss = context.loss().perExample(out, scope.create(new long[] {train.labels()[i]}));
                        collector.backward(loss.sum());
                        sum += loss.getFloat();
                    }
                }
            }
            return AnalysisResult.builder().scalar("loss", sum).build();
        }), Map.of());
        assertFailed(report, "gradient buffers unchanged", "accumulate into the buffers training reads next");
        // The author is told; the run is protected all the same: the engine zeroes the gradient buffers after
        // every analysis (issue 16, item 10), so training with this analysis is training without it.
        assertTrue(report.checks().stream().anyMatch(c -> c.name().equals(
                "training with the analysis is bit-identical to training without it") && c.passed()), report::toString);
        assertFalse(report.toString().contains("\tat "), "a report, not a stack trace:\n" + report);
    }

    /**
     * A metric that standardizes the training features in place (the arrays are shared with the run):
     * its own numbers look fine, but the next epochs train on other data. Training with it differs.
     */
    @Test
    void anAnalysisThatChangesTrainingFailsTheTrainingComparison() {
        ConformanceReport report = AnalysisConformance.check(provider(context -> {
            float[] features = context.dataset(Split.TRAIN).features();
            for (int i = 0; i < features.length; i++) {
                features[i] *= 0.5f;
            }
            return AnalysisResult.builder().scalar("x", 1).build();
        }), Map.of());
        assertFailed(report, "training with the analysis is bit-identical to training without it", "minibatch");
        assertFailed(report, "training and test data unchanged", "which training shares");
    }

    /** The same gradients through the API's autograd conform: nothing of the model is touched. */
    @Test
    void theSameMetricThroughContextAutogradConforms() {
        ConformanceReport report = AnalysisConformance.check(provider(context -> {
            context.monitor().checkCancelled();
            Dataset train = context.dataset(Split.TRAIN);
            if (train.size() == 0) {
                throw new IllegalArgumentException("the training set is empty");
            }
            double[] sum = new double[1];
            context.autograd().perExampleGradients(Examples.first(train, 8), (i, loss, gradient) -> sum[0] += loss);
            return AnalysisResult.builder().scalar("loss", sum[0]).build();
        }), Map.of());
        assertTrue(report.conforms(), report::toString);
    }

    private static void assertFailed(ConformanceReport report, String check, String detail) {
        assertTrue(report.failures().stream().anyMatch(c -> c.name().equals(check) && c.detail().contains(detail)),
                "expected '" + check + "' to fail with '" + detail + "':\n" + report);
    }

    @Test
    void theMarginsAnalysisConforms() throws Exception {
        AnalysisConformance.assertConforms(new MarginDistributionProvider());
        AnalysisConformance.assertConforms(new MarginDistributionProvider(), Map.of("bins", 3, "test", false));
    }

    @Test
    void theNormsAnalysisConforms() throws Exception {
        AnalysisConformance.assertConforms(new NormsProvider());
        AnalysisConformance.assertConforms(new NormsProvider(), Map.of("spectral", false, "pathNorm", false));
    }

    @Test
    void theNormalizedMarginsAndBoundsAnalysesConform() throws Exception {
        AnalysisConformance.assertConforms(new NormalizedMarginsProvider());
        AnalysisConformance.assertConforms(new NormalizedMarginsProvider(), Map.of("reference", "initial"));
        AnalysisConformance.assertConforms(new BoundsProvider());
        AnalysisConformance.assertConforms(new PacBayesProvider(), Map.of("samples", 2, "searchSteps", 4));
        AnalysisConformance.assertConforms(new KernelBaselineProvider(), Map.of("ridge", 1e-3, "randomFeatures", 50));
    }

    /**
     * The curvature analyses on the paths the defaults do not take: curvature at initialization
     * (the weights set to their initial values and back), several chunks (a fresh graph per
     * product), one layer only, and Hutch++ with power iteration. Each perturbs the weights and
     * must restore them bit for bit and free every array it made.
     */
    @Test
    void theCurvatureAnalysesConformOnEveryPath() throws Exception {
        AnalysisConformance.assertConforms(new HessianSpectrumProvider(), Map.of("atInitialization", true,
                "chunkSize", 50, "topK", 2, "maxIterations", 20, "traceProbes", 4, "densitySteps", 8));
        AnalysisConformance.assertConforms(new HessianSpectrumProvider(), Map.of("method", "power", "trace",
                "hutch++", "parameters", "02Linear_weight", "traceProbes", 6, "densityProbes", 0));
        AnalysisConformance.assertConforms(new SharpnessProvider(), Map.of("chunkSize", 50, "ascentSteps", 4,
                "samples", 3, "bisections", 6));
        AnalysisConformance.assertConforms(new ReparameterizationAuditProvider(), Map.of("alpha", 0.1,
                "chunkSize", 40, "maxIterations", 20, "traceProbes", 3, "ascentSteps", 3));
    }

    @Test
    void aNonDeterministicAnalysisWithNaNsIsReported() throws Exception {
        AnalysisProvider broken = new AnalysisProvider() {
            private int calls;

            @Override
            public String title() {
                return "broken";
            }

            @Override
            public String description() {
                return "test double: a NaN and a call counter";
            }

            @Override
            public SettingsSchema settingsSchema() {
                return SettingsSchema.empty();
            }

            @Override
            public Analysis create(Settings settings) {
                return context -> AnalysisResult.builder().scalar("nan", Double.NaN).scalar("calls", ++calls).build();
            }
        };
        ConformanceReport problems = AnalysisConformance.check(broken, Map.of());
        assertFalse(problems.conforms());
        assertFailed(problems, "finite results on a trained model", "scalar nan is NaN");
        assertFailed(problems, "deterministic: the same numbers twice", "two calls");
        assertFailed(AnalysisConformance.check(new MarginDistributionProvider(), Map.of("bins", 0)), "settings accepted",
                "settings.bins");
    }
}
