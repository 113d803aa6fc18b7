package carnot.studies.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Percentile intervals against distributions known in closed form. */
class BootstrapTest {

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1.75, Bootstrap.quantile(sorted, 0.25), 1e-15);
        assertEquals(1, Bootstrap.quantile(sorted, 0), 0);
        assertEquals(4, Bootstrap.quantile(sorted, 1), 0);
    }

    /**
     * The mean of two values 0 and 1 over resamples of size 2 is 0, 1/2 or 1 with probabilities 1/4,
     * 1/2, 1/4: a 95% percentile interval runs from 0 to 1, and a 40% one is {1/2}.
     */
    @Test
    void meanOfTwoValuesHasAKnownResamplingDistribution() {
        double[] values = {0, 1};
        Bootstrap.Statistic mean = runs -> (values[runs[0]] + values[runs[1]]) / 2;
        Bootstrap.Interval wide = Bootstrap.percentile(2, 4000, 0.95, 11, mean);
        assertEquals(0, wide.lower(), 0);
        assertEquals(1, wide.upper(), 0);
        assertEquals(4000, wide.resamples());
        Bootstrap.Interval narrow = Bootstrap.percentile(2, 4000, 0.4, 11, mean);
        assertEquals(0.5, narrow.lower(), 0);
        assertEquals(0.5, narrow.upper(), 0);
    }

    @Test
    void theSameSeedGivesTheSameIntervalAroundTau() {
        double[] measure = {0.1, 0.4, 0.35, 0.8, 0.6, 0.9, 0.2, 0.7};
        double[] gap = {0.01, 0.05, 0.03, 0.09, 0.05, 0.08, 0.02, 0.04};
        Bootstrap.Statistic tau = runs -> KendallTau.of(Bootstrap.select(measure, runs), Bootstrap.select(gap, runs));
        Bootstrap.Interval a = Bootstrap.percentile(8, 500, 0.95, 5, tau);
        Bootstrap.Interval b = Bootstrap.percentile(8, 500, 0.95, 5, tau);
        assertEquals(a, b);
        double point = KendallTau.of(measure, gap);
        assertTrue(a.lower() < point && point <= a.upper(), () -> a + " around " + point);
        assertTrue(a.lower() >= -1 && a.upper() <= 1);
    }
}
