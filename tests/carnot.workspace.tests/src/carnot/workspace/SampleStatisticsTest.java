package carnot.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mean, sample standard deviation and standard error against values worked by hand. */
class SampleStatisticsTest {

    /**
     * {2, 4, 4, 4, 5, 5, 7, 9}: mean 40 / 8 = 5; squared deviations 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16
     * = 32; sample variance 32 / 7; standard error sqrt(32 / 7) / sqrt(8) = sqrt(4 / 7).
     */
    @Test
    void eightValuesByHand() {
        SampleStatistics s = SampleStatistics.of(2, 4, 4, 4, 5, 5, 7, 9);
        assertEquals(8, s.n());
        assertEquals(5, s.mean(), 0);
        assertEquals(Math.sqrt(32.0 / 7), s.sd(), 1e-15);
        assertEquals(Math.sqrt(4.0 / 7), s.standardError(), 1e-15);
        assertEquals("5.000 \u00b1 2.1", s.format());
    }

    @Test
    void oneValueHasAMeanAndNoSpread() {
        SampleStatistics s = SampleStatistics.of(List.of(0.25));
        assertEquals(1, s.n());
        assertEquals(0.25, s.mean(), 0);
        assertTrue(Double.isNaN(s.sd()) && Double.isNaN(s.standardError()), s::toString);
        assertEquals("0.2500", s.format());
        SampleStatistics none = SampleStatistics.of();
        assertTrue(none.n() == 0 && Double.isNaN(none.mean()), none::toString);
        assertEquals("\u2014", none.format());
    }

    /** Two passes keep the spread of values far from zero exact where sum x^2 - n mean^2 would cancel. */
    @Test
    void aLargeOffsetDoesNotCancelTheSpread() {
        double[] values = {1e9 + 1, 1e9 + 2, 1e9 + 3};
        assertEquals(1, SampleStatistics.of(values).sd(), 1e-12);
    }

    @Test
    void ofFiniteLeavesOutDivergedRuns() {
        SampleStatistics s = SampleStatistics.ofFinite(Arrays.asList(0.30, Double.NaN, 0.34, Double.POSITIVE_INFINITY));
        assertEquals(2, s.n());
        assertEquals(0.32, s.mean(), 1e-15);
        assertEquals(0.04 / Math.sqrt(2), s.sd(), 1e-15);
    }
}
