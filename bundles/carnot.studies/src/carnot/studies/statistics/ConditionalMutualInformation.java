package carnot.studies.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditional-independence test of Jiang et al. (2020) ("Conditional independence test:
 * towards capturing the causal relationships"). Over ordered pairs (theta, theta') of distinct runs
 * let V_mu = sign(mu(theta) - mu(theta')) and V_g = sign(g(theta) - g(theta')), and let U_S be the
 * values of the hyper-parameters in a set S for both runs, (theta_S, theta'_S). Then
 * <pre>
 *   I(V_mu; V_g | U_S) = sum_u p(u) sum_{v, w} p(v, w | u) log2( p(v, w | u) / (p(v | u) p(w | u)) )
 *   H(V_g | U_S)       = - sum_u p(u) sum_w p(w | u) log2 p(w | u)
 *   I^(V_mu; V_g | U_S) = I(V_mu; V_g | U_S) / H(V_g | U_S)      (in [0, 1]; 1: V_g is a function of V_mu given U_S)
 *   K(mu) = min over S with |S| <= 2 of I^(V_mu; V_g | U_S)
 * </pre>
 * p the empirical distribution over the pairs. A hyper-parameter that moves both the measure and the
 * gap makes them dependent without one explaining the other; conditioning on it removes that path,
 * and the minimum over small conditioning sets is the measure's robust score. K is unchanged by
 * monotone transformations and by the direction of the measure (V_mu -> -V_mu is a relabelling).
 *
 * <p>Conventions, and how they differ from the PGDL competition's scoring program (NeurIPS 2020,
 * {@code mutual_information.py}): ties enter as their own sign value 0 (sign(0) = 0, as for tau),
 * where PGDL files a tie under "-"; pairs are of distinct runs, where PGDL also pairs each model with
 * itself; slices are weighted by p(u), which equals PGDL's plain average over slices when every
 * grid cell has the same number of runs; PGDL scores the minimum over |S| = 2 only, the paper over
 * |S| <= 2 ({@link #robust} takes {@code maxSize}). A conditioning set for which H(V_g | U_S) = 0
 * leaves nothing to explain (U_S fixes every sign of the gap): its ratio is NaN and it is left out of
 * the minimum.
 */
public final class ConditionalMutualInformation {

    /**
     * The normalized conditional mutual information for one conditioning set.
     *
     * @param conditioning the columns in S (empty: the plain mutual information I(V_mu; V_g) / H(V_g))
     * @param information  I(V_mu; V_g | U_S) in bits
     * @param entropy      H(V_g | U_S) in bits
     * @param normalized   information / entropy; NaN when the entropy is 0
     * @param pairs        the ordered pairs counted
     */
    public record Conditioned(int[] conditioning, double information, double entropy, double normalized,
            long pairs) {
        public Conditioned {
            conditioning = conditioning.clone();
        }
    }

    /**
     * The robust score K.
     *
     * @param value  the minimum of the defined normalized values; NaN if none is defined
     * @param argmin the conditioning set that attains it
     * @param sets   every conditioning set evaluated, in order of size, then of columns
     */
    public record Robust(double value, int[] argmin, List<Conditioned> sets) {
        public Robust {
            argmin = argmin.clone();
            sets = List.copyOf(sets);
        }
    }

    private ConditionalMutualInformation() {
    }

    /**
     * I^(V_mu; V_g | U_S) for one conditioning set S.
     *
     * @param measure      one value per run; not modified
     * @param gap          the runs' gaps; not modified
     * @param coordinates  per run, the value index of every column; not modified
     * @param conditioning the columns of S; not modified
     */
    public static Conditioned of(double[] measure, double[] gap, int[][] coordinates, int[] conditioning) {
        int n = KendallTau.requirePaired(measure, gap);
        if (coordinates.length != n) {
            throw new IllegalArgumentException(coordinates.length + " coordinate rows for " + n + " runs");
        }
        // Per slice u: counts[v_g + 1][v_mu + 1].
        Map<List<Integer>, long[][]> slices = new LinkedHashMap<>();
        long pairs = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a == b) {
                    continue;
                }
                List<Integer> slice = new ArrayList<>(2 * conditioning.length);
                for (int column : conditioning) {
                    slice.add(coordinates[a][column]);
                    slice.add(coordinates[b][column]);
                }
                int vg = Integer.signum(Double.compare(gap[a], gap[b]));
                int vmu = Integer.signum(Double.compare(measure[a], measure[b]));
                slices.computeIfAbsent(slice, s -> new long[3][3])[vg + 1][vmu + 1]++;
                pairs++;
            }
        }
        double information = 0;
        double entropy = 0;
        for (long[][] counts : slices.values()) {
            long total = 0;
            long[] byGap = new long[3];
            long[] byMeasure = new long[3];
            for (int g = 0; g < 3; g++) {
                for (int m = 0; m < 3; m++) {
                    total += counts[g][m];
                    byGap[g] += counts[g][m];
                    byMeasure[m] += counts[g][m];
                }
            }
            double weight = (double) total / pairs;
            double sliceInformation = 0;
            for (int g = 0; g < 3; g++) {
                for (int m = 0; m < 3; m++) {
                    if (counts[g][m] > 0) {
                        // log2( p(v,w|u) / (p(v|u) p(w|u)) ) with the counts of the slice.
                        sliceInformation += (double) counts[g][m] / total
                                * log2((double) counts[g][m] * total / ((double) byGap[g] * byMeasure[m]));
                    }
                }
            }
            information += weight * sliceInformation;
            entropy += weight * entropy(byGap, total);
        }
        // Rounding can leave tiny negative information for independent slices.
        information = Math.max(0, information);
        double normalized = entropy > 1e-12 ? Math.min(1, information / entropy) : Double.NaN;
        return new Conditioned(conditioning, information, entropy, normalized, pairs);
    }

    /**
     * K = min over every S of at most {@code maxSize} of the columns {@code axes} (the empty set
     * included) of I^(V_mu; V_g | U_S).
     */
    public static Robust robust(double[] measure, double[] gap, int[][] coordinates, int[] axes, int maxSize) {
        List<Conditioned> sets = new ArrayList<>();
        for (int[] subset : subsets(axes, maxSize)) {
            sets.add(of(measure, gap, coordinates, subset));
        }
        double min = Double.NaN;
        int[] argmin = new int[0];
        for (Conditioned c : sets) {
            if (!Double.isNaN(c.normalized()) && (Double.isNaN(min) || c.normalized() < min)) {
                min = c.normalized();
                argmin = c.conditioning();
            }
        }
        return new Robust(min, argmin, sets);
    }

    /** Every subset of {@code axes} with at most {@code maxSize} elements, by size, then lexicographically. */
    static List<int[]> subsets(int[] axes, int maxSize) {
        List<int[]> out = new ArrayList<>();
        out.add(new int[0]);
        List<int[]> previous = List.of(new int[0]);
        for (int size = 1; size <= Math.min(maxSize, axes.length); size++) {
            List<int[]> next = new ArrayList<>();
            for (int[] p : previous) {
                int start = p.length == 0 ? 0 : indexOf(axes, p[p.length - 1]) + 1;
                for (int k = start; k < axes.length; k++) {
                    int[] s = Arrays.copyOf(p, p.length + 1);
                    s[p.length] = axes[k];
                    next.add(s);
                }
            }
            out.addAll(next);
            previous = next;
        }
        return out;
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    /** Shannon entropy in bits of the distribution counts / total. */
    static double entropy(long[] counts, long total) {
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h -= p * log2(p);
            }
        }
        return h;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
