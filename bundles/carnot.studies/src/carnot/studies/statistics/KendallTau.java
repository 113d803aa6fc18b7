package carnot.studies.statistics;

/**
 * Kendall's rank correlation between a measure and the generalization gap over a set of runs.
 *
 * <p>Jiang et al. (2020), in their definition of Kendall's rank-correlation coefficient, take for
 * the set T of (measure, gap) pairs of the trained networks
 * <pre>
 *   tau(T) = 1 / (|T| (|T| - 1))  sum over (mu1, g1) in T  sum over (mu2, g2) in T \ {(mu1, g1)}
 *            sign(mu1 - mu2) sign(g1 - g2)
 * </pre>
 * with sign(0) = 0. Over ordered pairs this is (C - D) / (n (n - 1) / 2), C and D the numbers of
 * concordant and discordant unordered pairs: Kendall's tau-a. <b>Ties</b> (equal measures or equal
 * gaps) contribute 0 to the sum and still count in the denominator, so a measure that ties many
 * runs (the parameter count along a learning-rate axis) is pulled towards 0; this is the paper's
 * convention and the default here ({@link Ties#PAPER}). Kendall's tau-b
 * (C - D) / sqrt((n0 - n1)(n0 - n2)), n0 = n(n-1)/2 and n1, n2 the pairs tied in the measure and in
 * the gap, divides by the untied pairs instead ({@link Ties#TAU_B}); the two agree when nothing is
 * tied.
 */
public final class KendallTau {

    /** How tied pairs are counted. */
    public enum Ties {
        /** Jiang et al.'s definition, tau-a: ties add 0, every pair counts in the denominator. */
        PAPER,
        /** Kendall's tau-b: the denominator counts only the pairs untied in each variable. */
        TAU_B
    }

    private KendallTau() {
    }

    /** Jiang et al.'s tau ({@link Ties#PAPER}). */
    public static double of(double[] measure, double[] gap) {
        return of(measure, gap, Ties.PAPER);
    }

    /**
     * @param measure one finite value per run; not modified
     * @param gap     the runs' generalization gaps, same length; not modified
     * @return tau in [-1, 1]; NaN for fewer than two runs, and for tau-b when one variable is constant
     * @throws IllegalArgumentException when the lengths differ or a value is not finite
     */
    public static double of(double[] measure, double[] gap, Ties ties) {
        int n = requirePaired(measure, gap);
        if (n < 2) {
            return Double.NaN;
        }
        long concordantMinusDiscordant = 0;
        long tiedMeasure = 0;
        long tiedGap = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int a = Double.compare(measure[i], measure[j]);
                int b = Double.compare(gap[i], gap[j]);
                concordantMinusDiscordant += Integer.signum(a) * Integer.signum(b);
                if (a == 0) {
                    tiedMeasure++;
                }
                if (b == 0) {
                    tiedGap++;
                }
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        if (ties == Ties.PAPER) {
            return (double) concordantMinusDiscordant / pairs;
        }
        double denominator = Math.sqrt((double) (pairs - tiedMeasure) * (pairs - tiedGap));
        return denominator == 0 ? Double.NaN : concordantMinusDiscordant / denominator;
    }

    /** The common length of two arrays of finite values. */
    static int requirePaired(double[] measure, double[] gap) {
        if (measure.length != gap.length) {
            throw new IllegalArgumentException(measure.length + " measure values for " + gap.length + " gaps");
        }
        for (int i = 0; i < measure.length; i++) {
            if (!Double.isFinite(measure[i]) || !Double.isFinite(gap[i])) {
                throw new IllegalArgumentException("run " + i + ": the measure (" + measure[i] + ") and the gap ("
                        + gap[i] + ") must be finite");
            }
        }
        return measure.length;
    }
}
