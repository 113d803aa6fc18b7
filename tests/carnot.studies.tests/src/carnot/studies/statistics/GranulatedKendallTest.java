package carnot.studies.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** psi_i and Psi on grids worked out by hand. */
class GranulatedKendallTest {

    /**
     * A 2 x 2 grid, runs (a, b) = (0,0), (1,0), (0,1), (1,1) with measure 1, 2, 3, 0.5 and gap 0.1,
     * 0.2, 0.4, 0.3. Along a (b fixed): b = 0 compares (1, 0.1) with (2, 0.2), concordant, tau 1; b = 1
     * compares (3, 0.4) with (0.5, 0.3), concordant, tau 1: psi_a = 1. Along b (a fixed): a = 0
     * compares (1, 0.1) with (3, 0.4), tau 1; a = 1 compares (2, 0.2) with (0.5, 0.3), discordant, tau
     * -1: psi_b = 0. Psi = 0.5. Over all six pairs: C = 4, D = 2, tau = 1/3.
     */
    @Test
    void twoByTwoGridByHand() {
        double[] measure = {1, 2, 3, 0.5};
        double[] gap = {0.1, 0.2, 0.4, 0.3};
        int[][] coordinates = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        GranulatedKendall.Result r = GranulatedKendall.of(measure, gap, coordinates, new int[] {0, 1},
                KendallTau.Ties.PAPER);
        assertArrayEquals(new double[] {1, 0}, r.psi(), 1e-15);
        assertArrayEquals(new int[] {2, 2}, r.groups());
        assertEquals(0.5, r.overall(), 1e-15);
        assertEquals(1.0 / 3, KendallTau.of(measure, gap), 1e-15);
    }

    /**
     * An axis of three values with a tie inside one group, and a column held fixed (the seed): runs
     * (axis, seed) = (0,0), (1,0), (2,0), (0,1), (1,1), (2,1); measure 1, 1, 2 | 3, 2, 1, gap 0.1,
     * 0.2, 0.3 | 0.1, 0.2, 0.3. Seed 0: pairs (1st, 2nd) tied in the measure, the other two
     * concordant: tau = 2/3. Seed 1: all three discordant: tau = -1. psi = (2/3 - 1) / 2 = -1/6, over
     * two groups; the seed column is never compared across.
     */
    @Test
    void tiesInsideAGroupAndAFixedSeedColumn() {
        double[] measure = {1, 1, 2, 3, 2, 1};
        double[] gap = {0.1, 0.2, 0.3, 0.1, 0.2, 0.3};
        int[][] coordinates = {{0, 0}, {1, 0}, {2, 0}, {0, 1}, {1, 1}, {2, 1}};
        GranulatedKendall.Result r = GranulatedKendall.of(measure, gap, coordinates, new int[] {0},
                KendallTau.Ties.PAPER);
        assertEquals(-1.0 / 6, r.psi()[0], 1e-15);
        assertEquals(2, r.groups()[0]);
        assertEquals(-1.0 / 6, r.overall(), 1e-15);
    }

    /** A run missing from the grid leaves its partner alone in a group: that group is not averaged. */
    @Test
    void aGroupOfOneRunIsLeftOut() {
        double[] measure = {1, 2, 3};
        double[] gap = {0.1, 0.2, 0.3};
        int[][] coordinates = {{0, 0}, {1, 0}, {0, 1}};
        GranulatedKendall.Result r = GranulatedKendall.of(measure, gap, coordinates, new int[] {0, 1},
                KendallTau.Ties.PAPER);
        assertEquals(1, r.psi()[0], 0);
        assertEquals(1, r.groups()[0]);
        assertEquals(1, r.psi()[1], 0);
        assertEquals(1, r.groups()[1]);
        GranulatedKendall.Result alone = GranulatedKendall.of(new double[] {1}, new double[] {2},
                new int[][] {{0, 0}}, new int[] {0}, KendallTau.Ties.PAPER);
        assertTrue(Double.isNaN(alone.psi()[0]));
        assertTrue(Double.isNaN(alone.overall()));
    }
}
