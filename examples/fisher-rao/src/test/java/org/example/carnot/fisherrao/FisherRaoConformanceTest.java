package org.example.carnot.fisherrao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.testkit.AnalysisConformance;
import carnot.testkit.ConformanceReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metric through Carnot's testkit, in this plain JVM: the engine trains the testkit's tiny MLP
 * without biases (ReLU, so homogeneous of degree 2), the metric runs at every epoch and on the final
 * checkpoint. It must conform (no side effect on weights, gradient buffers, optimizer state, data,
 * random generators; training bit for bit the same), its two definitions of the norm must agree, and
 * the default tiny MLP, which has biases, must be refused before training with the field-named reason.
 */
class FisherRaoConformanceTest {

    @Test
    void conformsAndTheIdentityHoldsOnABiasFreeReluNetwork() {
        ConformanceReport report = AnalysisConformance.check(new FisherRaoProvider(), Map.of("sampleSize", 60),
                Map.of("bias", false));
        assertTrue(report.conforms(), report::toString);
        Map<String, Double> scalars = report.result().scalars();
        assertEquals(2.0, scalars.get("degree"));
        double fisherRao = scalars.get("fisherRao");
        assertTrue(fisherRao > 0, report::toString);
        // float32 network: the two routes agree to float rounding, not just roughly.
        assertEquals(fisherRao, scalars.get("identity"), 1e-4 * fisherRao);
    }

    @Test
    void aNetworkWithBiasesIsRefusedBeforeTraining() {
        ConformanceReport report = AnalysisConformance.check(new FisherRaoProvider(), Map.of());
        assertTrue(report.failures().stream().anyMatch(c -> c.name().equals("accepts the tiny experiment")
                && c.detail().contains("analyses[0]: fisher-rao needs a bias-free positively homogeneous network; "
                        + "model 'mlp' has biases (set model.settings.bias=false)")), report::toString);
    }
}
