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
import carnot.testkit.AnalysisConformance;
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
            List<String> problems;
            try {
                problems = AnalysisConformance.check(provider, Map.of());
            } catch (IllegalArgumentException refused) {
                // Analyses defined for one architecture (implicit-bias, perceptron and min-norm need a
                // linear model) refuse the testkit's tiny MLP: that refusal must name what they need.
                assertTrue(refused.getMessage() != null && refused.getMessage().contains("needs"),
                        id + " refused the tiny model without saying what it needs: " + refused);
                continue;
            }
            if (!problems.isEmpty()) {
                failures.append(id).append(": ").append(problems).append('\n');
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
        // Scales the first parameter in place and leaves the product on the parameter's manager.
        List<String> mutating = AnalysisConformance.check(provider(context -> {
            Parameter first = context.model().getParameters().get(0).getValue();
            first.getArray().muli(1.5f);
            first.getArray().mul(2f);
            return AnalysisResult.builder().scalar("x", 1).build();
        }), Map.of());
        assertTrue(mutating.stream().anyMatch(p -> p.contains("changed during the call")), mutating::toString);
        assertTrue(mutating.stream().anyMatch(p -> p.contains("NDArrays on the model's manager")), mutating::toString);

        // Spins for 2.5 s without looking at the monitor; divides by the (empty) data size.
        List<String> stubborn = AnalysisConformance.check(provider(context -> {
            long end = System.nanoTime() + 2_500_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return mean(context);
        }), Map.of());
        assertTrue(stubborn.stream().anyMatch(p -> p.contains("with a cancelled monitor the call still ran")),
                stubborn::toString);
        assertTrue(stubborn.stream().anyMatch(p -> p.contains("on empty data scalar meanLabel is NaN")),
                stubborn::toString);

        // Indexes example 0 of the empty set.
        List<String> careless = AnalysisConformance.check(provider(context -> AnalysisResult.builder()
                .scalar("first", context.predictions(Split.TRAIN).logit(0, 0)).build()), Map.of());
        assertTrue(careless.stream().anyMatch(p -> p.contains("on empty data the call threw "
                + "java.lang.ArrayIndexOutOfBoundsException")), careless::toString);

        // The well-behaved version: checks the monitor and names the problem.
        List<String> careful = AnalysisConformance.check(provider(context -> {
            context.monitor().checkCancelled();
            if (context.dataset(Split.TRAIN).size() == 0) {
                throw new IllegalArgumentException("the training set is empty");
            }
            return mean(context);
        }), Map.of());
        assertEquals(List.of(), careful);
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
        List<String> problems = AnalysisConformance.check(broken, Map.of());
        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().anyMatch(p -> p.contains("scalar nan is NaN")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("two calls")), problems::toString);
        assertTrue(AnalysisConformance.check(new MarginDistributionProvider(), Map.of("bins", 0)).get(0)
                .contains("settings.bins"), "bad settings are named");
    }
}
