package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.analysis.kernels.internal.KernelBaselineProvider;
import carnot.analysis.margins.internal.MarginDistributionProvider;
import carnot.analysis.bounds.internal.BoundsProvider;
import carnot.analysis.bounds.internal.PacBayesProvider;
import carnot.analysis.margins.internal.NormalizedMarginsProvider;
import carnot.analysis.norms.internal.NormsProvider;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.testkit.AnalysisConformance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The testkit on the built-in margins analysis, and on a provider that breaks the contract. */
class AnalysisConformanceTest {

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
