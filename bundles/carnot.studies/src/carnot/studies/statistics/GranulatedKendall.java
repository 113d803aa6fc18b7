package carnot.studies.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The granulated Kendall coefficient of Jiang et al. (2020): with the hyper-parameter space a
 * product Theta = Theta_1 x ... x Theta_n,
 * <pre>
 *   psi_i = 1 / m_i  sum over theta_1 in Theta_1 ... theta_{i-1}, theta_{i+1} ... theta_n
 *           tau( union over theta_i in Theta_i of {(mu(theta), g(theta))} ),
 *   m_i   = |Theta_1 x ... x Theta_{i-1} x Theta_{i+1} x ... x Theta_n|,
 *   Psi   = 1 / n  sum_i psi_i:
 * </pre>
 * tau ({@link KendallTau}) over the runs that differ only along axis i, averaged over every setting
 * of the other axes. A measure can score a high overall tau by following one hyper-parameter that
 * happens to move the gap (the width, say) while failing along the others; psi_i shows each axis
 * alone.
 *
 * <p>Runs are given by their coordinates: {@code coordinates[r][c]} is the index of run r's value on
 * column c. Columns that are not granulated (the seed of a sweep with several seeds) are held fixed
 * like the other axes, so a group's runs differ along axis i only. A group with fewer than two runs
 * (a run missing from the grid) is left out of the average and m_i counts the groups used.
 */
public final class GranulatedKendall {

    /**
     * @param psi    psi_i per granulated axis, in the order asked for; NaN when no group had two runs
     * @param groups the number of groups m_i each psi_i averages
     * @param overall Psi, the mean of the defined psi_i; NaN when none is defined
     */
    public record Result(double[] psi, int[] groups, double overall) {
        public Result {
            psi = psi.clone();
            groups = groups.clone();
        }
    }

    private GranulatedKendall() {
    }

    /**
     * psi_i for every axis in {@code axes} and their mean Psi.
     *
     * @param measure     one value per run; not modified
     * @param gap         the runs' gaps; not modified
     * @param coordinates per run, the value index of every column; not modified
     * @param axes        the columns to granulate (the others are held fixed in every group)
     */
    public static Result of(double[] measure, double[] gap, int[][] coordinates, int[] axes, KendallTau.Ties ties) {
        double[] psi = new double[axes.length];
        int[] groups = new int[axes.length];
        double sum = 0;
        int defined = 0;
        for (int a = 0; a < axes.length; a++) {
            double[] value = new double[1];
            groups[a] = psi(measure, gap, coordinates, axes[a], ties, value);
            psi[a] = value[0];
            if (!Double.isNaN(psi[a])) {
                sum += psi[a];
                defined++;
            }
        }
        return new Result(psi, groups, defined == 0 ? Double.NaN : sum / defined);
    }

    /** psi_i for one axis. */
    public static double psi(double[] measure, double[] gap, int[][] coordinates, int axis, KendallTau.Ties ties) {
        double[] value = new double[1];
        psi(measure, gap, coordinates, axis, ties, value);
        return value[0];
    }

    private static int psi(double[] measure, double[] gap, int[][] coordinates, int axis, KendallTau.Ties ties,
            double[] value) {
        int n = KendallTau.requirePaired(measure, gap);
        if (coordinates.length != n) {
            throw new IllegalArgumentException(coordinates.length + " coordinate rows for " + n + " runs");
        }
        Map<List<Integer>, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < n; r++) {
            if (axis < 0 || axis >= coordinates[r].length) {
                throw new IllegalArgumentException("axis " + axis + " is not a column of run " + r + "'s coordinates "
                        + Arrays.toString(coordinates[r]));
            }
            List<Integer> key = new ArrayList<>();
            for (int c = 0; c < coordinates[r].length; c++) {
                if (c != axis) {
                    key.add(coordinates[r][c]);
                }
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        double sum = 0;
        int used = 0;
        for (List<Integer> members : groups.values()) {
            if (members.size() < 2) {
                continue;
            }
            double[] m = new double[members.size()];
            double[] g = new double[members.size()];
            for (int k = 0; k < m.length; k++) {
                m[k] = measure[members.get(k)];
                g[k] = gap[members.get(k)];
            }
            double tau = KendallTau.of(m, g, ties);
            if (!Double.isNaN(tau)) {
                sum += tau;
                used++;
            }
        }
        value[0] = used == 0 ? Double.NaN : sum / used;
        return used;
    }
}
