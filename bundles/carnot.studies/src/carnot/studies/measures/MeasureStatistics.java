package carnot.studies.measures;

import carnot.studies.internal.MeasureSigns;

import carnot.studies.statistics.Bootstrap;
import carnot.studies.statistics.ConditionalMutualInformation;
import carnot.studies.statistics.GranulatedKendall;
import carnot.studies.statistics.KendallTau;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Jiang et al.'s statistics of one measure over the runs of a {@link MeasureTable}, the measure
 * oriented by its sign ({@link MeasureSigns}).
 *
 * @param measure           the measure's name
 * @param sign              +1 or -1: the statistics are those of sign * value
 * @param convention        why that sign
 * @param tau               Kendall's tau with the gap over all runs, ties as in the paper (tau-a)
 * @param tauB              Kendall's tau-b over the same runs
 * @param tauLower          lower end of the percentile bootstrap interval of tau over runs
 * @param tauUpper          upper end of that interval
 * @param psi               the granulated coefficient psi_i of every axis, in the table's axis order
 * @param overallPsi        Psi, the mean of the psi_i
 * @param cmiUnconditioned  I^(V_mu; V_g), the normalized mutual information without conditioning
 * @param cmiGivenAxis      I^(V_mu; V_g | U_i) for every axis alone
 * @param cmiGivenPairs     the minimum of I^(V_mu; V_g | U_{i,j}) over pairs of axes (the PGDL score);
 *                          NaN with fewer than two axes
 * @param robustCmi         K: the minimum over every conditioning set of at most two axes, empty included
 * @param robustCmiGiven    the axes of the set that attains K
 */
public record MeasureStatistics(String measure, int sign, String convention, double tau, double tauB,
        double tauLower, double tauUpper, double[] psi, double overallPsi, double cmiUnconditioned,
        double[] cmiGivenAxis, double cmiGivenPairs, double robustCmi, List<String> robustCmiGiven) {

    public MeasureStatistics {
        psi = psi.clone();
        cmiGivenAxis = cmiGivenAxis.clone();
        robustCmiGiven = List.copyOf(robustCmiGiven);
    }

    /**
     * How the statistics are computed.
     *
     * @param resamples bootstrap resamples B of the interval of tau
     * @param level     its coverage
     * @param seed      the resampling seed
     */
    public record Options(int resamples, double level, long seed) {
        public static final Options DEFAULT = new Options(1000, 0.95, 1);

        public Options {
            if (resamples < 1 || !(level > 0 && level < 1)) {
                throw new IllegalArgumentException("bootstrap: resamples >= 1 and 0 < level < 1, got " + resamples
                        + " and " + level);
            }
        }
    }

    /** Every measure of the table, sorted by tau, highest first. */
    public static List<MeasureStatistics> of(MeasureTable table, Options options) {
        double[] gap = table.gaps();
        int[][] coordinates = table.coordinates();
        int[] axes = new int[table.axes().size()];
        for (int a = 0; a < axes.length; a++) {
            axes[a] = a;
        }
        List<MeasureStatistics> rows = new ArrayList<>();
        for (String measure : table.measures()) {
            rows.add(of(measure, table.oriented(measure), gap, coordinates, axes, table.axes(), options));
        }
        rows.sort(Comparator.comparingDouble(MeasureStatistics::tau).reversed());
        return rows;
    }

    static MeasureStatistics of(String measure, double[] values, double[] gap, int[][] coordinates, int[] axes,
            List<MeasureTable.Axis> axisNames, Options options) {
        double tau = KendallTau.of(values, gap);
        double tauB = KendallTau.of(values, gap, KendallTau.Ties.TAU_B);
        Bootstrap.Interval interval = Bootstrap.percentile(values.length, options.resamples(), options.level(),
                options.seed(), runs -> KendallTau.of(Bootstrap.select(values, runs), Bootstrap.select(gap, runs)));
        GranulatedKendall.Result granulated = GranulatedKendall.of(values, gap, coordinates, axes,
                KendallTau.Ties.PAPER);
        ConditionalMutualInformation.Robust robust = ConditionalMutualInformation.robust(values, gap, coordinates,
                axes, 2);
        double unconditioned = Double.NaN;
        double[] givenAxis = new double[axes.length];
        double givenPairs = Double.NaN;
        for (ConditionalMutualInformation.Conditioned c : robust.sets()) {
            double v = c.normalized();
            switch (c.conditioning().length) {
                case 0 -> unconditioned = v;
                case 1 -> givenAxis[c.conditioning()[0]] = v;
                default -> givenPairs = Double.isNaN(givenPairs) || v < givenPairs ? v : givenPairs;
            }
        }
        List<String> given = new ArrayList<>();
        for (int a : robust.argmin()) {
            given.add(axisNames.get(a).name());
        }
        int sign = MeasureSigns.sign(measure);
        return new MeasureStatistics(measure, sign, MeasureSigns.convention(measure), tau, tauB, interval.lower(),
                interval.upper(), granulated.psi(), granulated.overall(), unconditioned, givenAxis, givenPairs,
                robust.value(), given);
    }
}
