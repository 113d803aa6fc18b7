package carnot.studies.measures;

import carnot.studies.internal.MeasureSigns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of a sweep as the measure study sees them: per run its coordinates on the grid, its
 * generalization gap and its measures. Immutable.
 *
 * @param experiment      the sweep's experiment name
 * @param sweepFolder     the sweep folder read, as given
 * @param stopping        the stopping criterion every run was trained to, e.g. {@code train-loss <= 0.05}
 * @param axes            the hyper-parameter axes of the grid, in the sweep file's order
 * @param seeds           the sweep's seeds; a run's last coordinate is the index of its seed
 * @param measures        the measures every run has, in a fixed order
 * @param runs            the runs that completed and reached the stopping criterion
 * @param excludedRuns    the other runs, with the reason
 * @param droppedMeasures recorded scalars that are not compared, with the reason
 */
public record MeasureTable(String experiment, String sweepFolder, String stopping, List<Axis> axes, List<Long> seeds,
        List<String> measures, List<Run> runs, List<Excluded> excludedRuns, List<Dropped> droppedMeasures) {

    public MeasureTable {
        axes = List.copyOf(axes);
        seeds = List.copyOf(seeds);
        measures = List.copyOf(measures);
        runs = List.copyOf(runs);
        excludedRuns = List.copyOf(excludedRuns);
        droppedMeasures = List.copyOf(droppedMeasures);
    }

    /**
     * A hyper-parameter axis.
     *
     * @param name   its short name (the last key of the path, or the path when two axes share it)
     * @param path   the JSON path the sweep varies
     * @param values the values' labels, in the sweep file's order
     */
    public record Axis(String name, String path, List<String> values) {
        public Axis {
            values = List.copyOf(values);
        }
    }

    /**
     * One run.
     *
     * @param folder      the run folder, relative to the sweep folder
     * @param seed        the run's seed
     * @param coordinates per axis the index of the run's value, then the index of its seed
     * @param gap         the generalization gap, test error - train error, at the last epoch
     * @param trainError  train 0-1 error at the last epoch
     * @param testError   test 0-1 error at the last epoch
     * @param trainLoss   mean training loss (cross-entropy) at the last epoch
     * @param measures    every measure's value as recorded (before its sign is applied)
     */
    public record Run(String folder, long seed, int[] coordinates, double gap, double trainError, double testError,
            double trainLoss, Map<String, Double> measures) {
        public Run {
            coordinates = coordinates.clone();
            measures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measures));
        }

        /** The label of this run's value on every axis, {@code width=512, lr=0.05}. */
        public String label(List<Axis> axes) {
            StringBuilder text = new StringBuilder();
            for (int a = 0; a < axes.size(); a++) {
                text.append(a == 0 ? "" : ", ").append(axes.get(a).name()).append('=')
                        .append(axes.get(a).values().get(coordinates[a]));
            }
            return text.toString();
        }
    }

    /** A run left out of the study. */
    public record Excluded(String folder, String reason) {
    }

    /** A recorded scalar that is not compared. */
    public record Dropped(String measure, String reason) {
    }

    /** Every run's value of a measure, in run order, times the measure's sign. */
    public double[] oriented(String measure) {
        int sign = MeasureSigns.sign(measure);
        return runs.stream().mapToDouble(r -> sign * r.measures().get(measure)).toArray();
    }

    /** Every run's gap, in run order. */
    public double[] gaps() {
        return runs.stream().mapToDouble(Run::gap).toArray();
    }

    /** Every run's coordinates (axes, then seed), in run order. */
    public int[][] coordinates() {
        return runs.stream().map(Run::coordinates).toArray(int[][]::new);
    }
}
