package carnot.studies.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Kendall's tau on tables worked out by hand, with and without ties. */
class KendallTauTest {

    /**
     * measure 1, 2, 3, 4 against gap 1, 3, 2, 4: of the six pairs only (2nd, 3rd) is discordant,
     * so C = 5, D = 1 and tau = (5 - 1) / 6 = 2/3, for tau-a and tau-b alike (nothing is tied).
     */
    @Test
    void untiedTableGivesConcordantMinusDiscordantOverPairs() {
        double[] measure = {1, 2, 3, 4};
        double[] gap = {1, 3, 2, 4};
        assertEquals(2.0 / 3, KendallTau.of(measure, gap), 1e-15);
        assertEquals(2.0 / 3, KendallTau.of(measure, gap, KendallTau.Ties.TAU_B), 1e-15);
    }

    /**
     * measure 1, 1, 2, 3 against gap 1, 2, 2, 3: pair (1st, 2nd) is tied in the measure, pair
     * (2nd, 3rd) in the gap, the other four are concordant. The paper's tau (tau-a) counts the tied
     * pairs as 0 in all six: 4/6. tau-b divides by sqrt((6 - 1)(6 - 1)) = 5: 0.8, which is also what
     * scipy.stats.kendalltau (tau-b) gives for these numbers.
     */
    @Test
    void tiesCountZeroInThePapersTauAndLeaveTheDenominatorInTauB() {
        double[] measure = {1, 1, 2, 3};
        double[] gap = {1, 2, 2, 3};
        assertEquals(4.0 / 6, KendallTau.of(measure, gap), 1e-15);
        assertEquals(0.8, KendallTau.of(measure, gap, KendallTau.Ties.TAU_B), 1e-15);
    }

    /** The paper's double sum over ordered pairs, written out, on random tables with many ties. */
    @Test
    void equalsThePapersSumOverOrderedPairs() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(15);
            double[] measure = new double[n];
            double[] gap = new double[n];
            for (int i = 0; i < n; i++) {
                measure[i] = random.nextInt(4);
                gap[i] = random.nextInt(5);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        sum += Math.signum(measure[i] - measure[j]) * Math.signum(gap[i] - gap[j]);
                    }
                }
            }
            assertEquals(sum / (n * (n - 1.0)), KendallTau.of(measure, gap), 1e-12);
        }
    }

    @Test
    void reversedMeasureNegatesTauAndAConstantOneIsZeroOrUndefined() {
        double[] gap = {0.3, 0.1, 0.2};
        assertEquals(1, KendallTau.of(gap, gap), 0);
        assertEquals(-1, KendallTau.of(new double[] {-0.3, -0.1, -0.2}, gap), 0);
        assertEquals(0, KendallTau.of(new double[] {5, 5, 5}, gap), 0);
        assertTrue(Double.isNaN(KendallTau.of(new double[] {5, 5, 5}, gap, KendallTau.Ties.TAU_B)));
        assertTrue(Double.isNaN(KendallTau.of(new double[] {1}, new double[] {2})));
    }

    @Test
    void refusesUnpairedOrNonFiniteValuesNamingTheRun() {
        assertThrows(IllegalArgumentException.class, () -> KendallTau.of(new double[] {1, 2}, new double[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KendallTau.of(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertTrue(e.getMessage().startsWith("run 1:"), e.getMessage());
    }
}
