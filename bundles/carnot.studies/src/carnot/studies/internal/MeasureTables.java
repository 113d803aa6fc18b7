package carnot.studies.internal;

import carnot.studies.measures.MeasureTable;

import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.TrainingSpec;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.RunRecords;
import carnot.workspace.SweepRecords;
import carnot.workspace.Sweeps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep folder into a {@link MeasureTable}: the grid from its {@code sweep.json}, and per
 * point what its run folder recorded at the last epoch, through {@link SweepRecords#pointResult}.
 *
 * <p>The measures of a run: every scalar its analyses recorded at their last call (named
 * {@code <analysis id>.<scalar>}, as in the sweep summary) that {@link MeasureSigns} counts as a
 * measure, and three that every run has: {@code parameterCount}, {@code optimizerSteps} (the steps it
 * took to reach the stopping criterion: Zhang et al.'s time-to-fit, one of Jiang et al.'s
 * optimization-based measures) and {@code trainLoss} (the cross-entropy at the stop, Jiang et al.'s
 * baseline). A measure that some run lacks, or that is the same in every run, is dropped with the
 * reason.
 */
public final class MeasureTables {

    /** Measures every run has, besides its analyses' scalars. */
    public static final List<String> RUN_MEASURES = List.of("parameterCount", "optimizerSteps", "trainLoss");

    private MeasureTables() {
    }

    /**
     * @throws IllegalArgumentException naming the file and field when the folder is not a sweep of
     *                                  runs trained to a stopping criterion, or no run is usable
     */
    public static MeasureTable fromSweep(Path sweepFolder) throws IOException {
        Path file = sweepFolder.resolve(SweepRecords.SWEEP);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(sweepFolder + ": not a sweep folder (no " + SweepRecords.SWEEP
                    + "); give a sweep folder runs/<name>/sweep-<time> or a sweep file");
        }
        Sweeps.Plan plan;
        try {
            plan = Sweeps.read(file);
        } catch (ExperimentFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String stopping = requireStudyable(file, plan);
        List<MeasureTable.Axis> axes = axes(plan);
        List<MeasureTable.Run> runs = new ArrayList<>();
        List<MeasureTable.Excluded> excluded = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(RUN_MEASURES);
        Map<String, String> notMeasures = new LinkedHashMap<>();
        for (Sweeps.Point point : plan.points()) {
            String folder = SweepRecords.POINTS + "/" + point.folder();
            SweepRecords.PointResult result = SweepRecords.pointResult(sweepFolder, point);
            if (!"completed".equals(result.status())) {
                excluded.add(new MeasureTable.Excluded(folder, "status " + result.status()));
                continue;
            }
            List<EpochMetrics> metrics = RunRecords.metrics(sweepFolder.resolve(folder));
            EpochMetrics last = metrics.get(metrics.size() - 1);
            TrainingSpec training = point.spec().training();
            if (!training.targetReached(last.trainError(), last.trainLoss())) {
                excluded.add(new MeasureTable.Excluded(folder, String.format(Locale.ROOT, "stopped after %d epochs at "
                        + "train loss %.4g, train error %.4g: %s not reached", last.epoch(), last.trainLoss(),
                        last.trainError(), stopping)));
                continue;
            }
            Map<String, Double> measures = new LinkedHashMap<>();
            measures.put("parameterCount", (double) result.parameterCount());
            measures.put("optimizerSteps", (double) last.step());
            measures.put("trainLoss", last.trainLoss());
            result.finals().forEach((name, value) -> {
                if (!name.contains(".")) {
                    return; // the run's own metrics (errors, epochs, seconds): the gap's ingredients
                }
                java.util.Optional<String> why = MeasureSigns.excluded(name);
                if (why.isPresent()) {
                    notMeasures.putIfAbsent(name, why.get());
                } else {
                    measures.put(name, value);
                    names.add(name);
                }
            });
            int[] coordinates = new int[axes.size() + 1];
            for (int a = 0; a < axes.size(); a++) {
                coordinates[a] = plan.axes().get(a).values().indexOf(point.values().get(plan.axes().get(a).path()));
            }
            coordinates[axes.size()] = plan.seeds().indexOf(point.seed());
            runs.add(new MeasureTable.Run(folder, point.seed(), coordinates, last.generalizationGap(),
                    last.trainError(), last.testError(), last.trainLoss(), measures));
        }
        if (runs.size() < 2) {
            throw new IllegalArgumentException(sweepFolder + ": " + runs.size() + " of " + plan.points().size()
                    + " runs completed and reached " + stopping + "; the study needs at least two"
                    + (excluded.isEmpty() ? "" : " (first left out: " + excluded.get(0).folder() + ": "
                            + excluded.get(0).reason() + ")"));
        }
        List<MeasureTable.Dropped> dropped = new ArrayList<>();
        notMeasures.forEach((name, why) -> dropped.add(new MeasureTable.Dropped(name, why)));
        List<String> measures = new ArrayList<>();
        for (String name : names) {
            long missing = runs.stream().filter(r -> !Double.isFinite(r.measures().getOrDefault(name, Double.NaN)))
                    .count();
            if (missing > 0) {
                dropped.add(new MeasureTable.Dropped(name, "missing or not finite in " + missing + " of " + runs.size()
                        + " runs"));
            } else if (runs.stream().mapToDouble(r -> r.measures().get(name)).distinct().count() == 1) {
                dropped.add(new MeasureTable.Dropped(name, "the same in every run"));
            } else {
                measures.add(name);
            }
        }
        return new MeasureTable(plan.name(), sweepFolder.toString(), stopping, axes, plan.seeds(), measures, runs,
                excluded, dropped);
    }

    /**
     * Checks, before anything runs, that a sweep fits the study: a grid over at least one axis, every
     * point trained to one stopping criterion.
     *
     * @return the stopping criterion, e.g. {@code train-loss <= 0.05}
     * @throws IllegalArgumentException naming the file and field otherwise
     */
    public static String requireStudyable(Path file, Sweeps.Plan plan) {
        if (plan.axes().isEmpty()) {
            throw new IllegalArgumentException(file + ": sweep.grid: the measure study compares networks across "
                    + "hyper-parameter axes; this sweep has none");
        }
        return stopping(file, plan);
    }

    /** The common stopping criterion of the points; refuses fixed-epoch training. */
    private static String stopping(Path file, Sweeps.Plan plan) {
        Set<String> criteria = new LinkedHashSet<>();
        for (Sweeps.Point point : plan.points()) {
            ExperimentSpec spec = point.spec();
            TrainingSpec t = spec.training();
            if (TrainingSpec.UNTIL_EPOCHS.equals(t.until())) {
                throw new IllegalArgumentException(file + ": training.until: the measure study compares networks "
                        + "trained to the same training loss (Jiang et al. 2020 stop at a cross-entropy of 0.01), "
                        + "but this sweep trains for a fixed number of epochs; set \"until\": \"train-loss\" and a "
                        + "\"target\"");
            }
            criteria.add(t.until() + " <= " + t.target());
        }
        if (criteria.size() > 1) {
            throw new IllegalArgumentException(file + ": training.target: the sweep's points stop at different "
                    + "criteria " + criteria + "; the study compares networks trained to one");
        }
        return criteria.iterator().next();
    }

    private static List<MeasureTable.Axis> axes(Sweeps.Plan plan) {
        List<MeasureTable.Axis> axes = new ArrayList<>();
        for (Sweeps.Axis axis : plan.axes()) {
            long same = plan.axes().stream().filter(a -> a.shortName().equals(axis.shortName())).count();
            axes.add(new MeasureTable.Axis(same > 1 ? axis.path() : axis.shortName(), axis.path(),
                    axis.values().stream().map(Sweeps::valueLabel).toList()));
        }
        return axes;
    }
}
