package carnot.api.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void equalWidthBinsOverTheRangeWithTheLastBinClosed() {
        Histogram h = Histogram.of(new double[] {0, 0.5, 1, 1.5, 2, 4}, 4);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, h.edges(), 0);
        assertArrayEquals(new long[] {2, 2, 1, 1}, h.counts());
    }

    @Test
    void aConstantSampleFillsTheFirstBin() {
        Histogram h = Histogram.of(new double[] {3, 3, 3}, 2);
        assertArrayEquals(new long[] {3, 0}, h.counts());
    }
}
