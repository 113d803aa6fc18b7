package carnot.api.analysis;

/**
 * Counts of values in {@code counts.length} bins with the given edges
 * ({@code edges.length == counts.length + 1}); bin i is {@code [edges[i], edges[i+1])}, the
 * last bin closed.
 */
public record Histogram(double[] edges, long[] counts) {

    /**
     * Checks that there is one more edge than counts.
     *
     * @throws IllegalArgumentException when {@code edges.length != counts.length + 1}
     */
    public Histogram {
        if (edges.length != counts.length + 1) {
            throw new IllegalArgumentException("need counts.length + 1 edges");
        }
    }

    /** Equal-width histogram of values over [min, max] of the values. */
    public static Histogram of(double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (values.length == 0) {
            lo = 0;
            hi = 1;
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = lo + (hi - lo) * i / bins;
        }
        long[] counts = new long[bins];
        for (double v : values) {
            int bin = (int) Math.floor((v - lo) / (hi - lo) * bins);
            counts[Math.min(Math.max(bin, 0), bins - 1)]++;
        }
        return new Histogram(edges, counts);
    }
}
