package carnot.studies.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalized conditional mutual information on tables worked out by hand (in bits). */
class ConditionalMutualInformationTest {

    private static final int[][] ONE_AXIS = {{0}, {0}, {1}, {1}};

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * measure 1, 2, 3, 3 against gap 1, 2, 3, 4, no conditioning: of the 12 ordered pairs, 10 have
     * (V_g, V_mu) = (-,-) or (+,+) (5 each) and 2 are tied in the measure: (-,0) and (+,0). p(V_g) =
     * (1/2, 1/2), H = 1 bit; p(V_mu) = (5/12, 2/12, 5/12). I = 2 * 5/12 log2((5/12) / (1/2 * 5/12)) +
     * 2 * 1/12 log2((1/12) / (1/2 * 2/12)) = 10/12 + 0: the tie costs 1/6 of a bit.
     */
    @Test
    void aTieInTheMeasureIsItsOwnSignValue() {
        ConditionalMutualInformation.Conditioned c = ConditionalMutualInformation.of(new double[] {1, 2, 3, 3},
                new double[] {1, 2, 3, 4}, ONE_AXIS, new int[0]);
        assertEquals(12, c.pairs());
        assertEquals(1, c.entropy(), 1e-12);
        assertEquals(10.0 / 12, c.information(), 1e-12);
        assertEquals(10.0 / 12, c.normalized(), 1e-12);
    }

    /**
     * The measure follows the hyper-parameter h (runs 0, 1 at h = 0; 2, 3 at h = 1) and so the gap
     * across h, but reverses it within h: measure 2, 1, 4, 3 against gap 1, 2, 3, 4.
     * Unconditioned: 8 pairs agree ((-,-), (+,+): 4 each), 4 disagree (2 each): I = 8/12 log2(4/3) +
     * 4/12 log2(2/3) = 0.0817 bits, H = 1. Given U_h: the slices (0,0) and (1,1) hold one pair each
     * way, perfectly (anti-)dependent: I = H = 1 bit, weight 2/12 each; the slices (0,1) and (1,0)
     * hold 4 pairs of one sign each: I = H = 0. So I = H = 4/12 and the ratio is 1: mutual
     * information does not see the reversal. K = min = the unconditioned 0.0817.
     */
    @Test
    void conditioningOnTheHyperParameterAndTheRobustMinimum() {
        double[] measure = {2, 1, 4, 3};
        double[] gap = {1, 2, 3, 4};
        double unconditioned = 8.0 / 12 * log2(4.0 / 3) + 4.0 / 12 * log2(2.0 / 3);
        ConditionalMutualInformation.Conditioned none = ConditionalMutualInformation.of(measure, gap, ONE_AXIS,
                new int[0]);
        assertEquals(unconditioned, none.information(), 1e-12);
        assertEquals(unconditioned, none.normalized(), 1e-12);
        ConditionalMutualInformation.Conditioned given = ConditionalMutualInformation.of(measure, gap, ONE_AXIS,
                new int[] {0});
        assertEquals(4.0 / 12, given.information(), 1e-12);
        assertEquals(4.0 / 12, given.entropy(), 1e-12);
        assertEquals(1, given.normalized(), 1e-12);
        ConditionalMutualInformation.Robust k = ConditionalMutualInformation.robust(measure, gap, ONE_AXIS,
                new int[] {0}, 2);
        assertEquals(unconditioned, k.value(), 1e-12);
        assertArrayEquals(new int[0], k.argmin());
        assertEquals(2, k.sets().size());
    }

    /**
     * A measure that is a function of h alone (1, 1, 2, 2; gap 1, 2, 3, 4) looks informative without
     * conditioning, I = 2 * 4/12 log2(2) + 2 * 2/12 log2(1) = 2/3, H = 1; given h it is constant in
     * every slice where the gap still varies, I = 0 with H = 4/12: K = 0, attained at S = {h}.
     */
    @Test
    void aMeasureThatOnlyEncodesTheHyperParameterScoresZero() {
        double[] measure = {1, 1, 2, 2};
        double[] gap = {1, 2, 3, 4};
        assertEquals(2.0 / 3, ConditionalMutualInformation.of(measure, gap, ONE_AXIS, new int[0]).normalized(), 1e-12);
        ConditionalMutualInformation.Conditioned given = ConditionalMutualInformation.of(measure, gap, ONE_AXIS,
                new int[] {0});
        assertEquals(0, given.information(), 1e-12);
        assertEquals(4.0 / 12, given.entropy(), 1e-12);
        ConditionalMutualInformation.Robust k = ConditionalMutualInformation.robust(measure, gap, ONE_AXIS,
                new int[] {0}, 2);
        assertEquals(0, k.value(), 1e-12);
        assertArrayEquals(new int[] {0}, k.argmin());
    }

    /** With two axes and one run per cell, U_{a,b} fixes every pair's order: H = 0, left out of the minimum. */
    @Test
    void aConditioningSetThatFixesTheGapSignIsLeftOut() {
        int[][] grid = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        double[] measure = {1, 3, 2, 4};
        double[] gap = {1, 2, 3, 4};
        ConditionalMutualInformation.Robust k = ConditionalMutualInformation.robust(measure, gap, grid,
                new int[] {0, 1}, 2);
        ConditionalMutualInformation.Conditioned both = k.sets().get(3);
        assertArrayEquals(new int[] {0, 1}, both.conditioning());
        assertEquals(0, both.entropy(), 1e-12);
        assertTrue(Double.isNaN(both.normalized()));
        assertTrue(k.value() >= 0 && k.value() <= 1, () -> "K = " + k.value());
    }

    @Test
    void subsetsUpToTwoInOrder() {
        List<int[]> s = ConditionalMutualInformation.subsets(new int[] {0, 1, 2}, 2);
        assertEquals(7, s.size());
        assertArrayEquals(new int[0], s.get(0));
        assertArrayEquals(new int[] {2}, s.get(3));
        assertArrayEquals(new int[] {0, 1}, s.get(4));
        assertArrayEquals(new int[] {1, 2}, s.get(6));
    }
}
