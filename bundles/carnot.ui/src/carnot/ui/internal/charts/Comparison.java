package carnot.ui.internal.charts;

import carnot.ui.internal.charts.ChartSpec.Line;
import carnot.ui.internal.charts.RunData.Curve;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Several runs side by side: one metric's curves overlaid, and the final values of metrics
 * summarized per experiment over its runs (usually seeds) as mean and sample standard deviation.
 */
public final class Comparison {

    /** The final metrics the table shows by default. */
    public static final List<String> TABLE_METRICS = List.of("trainLoss", "testLoss", "trainError", "testError",
            "generalizationGap");

    /**
     * Mean and spread of one metric over the runs of one experiment.
     *
     * @param n    runs with a finite final value
     * @param mean arithmetic mean
     * @param sd   sample standard deviation (n − 1 in the denominator); NaN for n < 2
     */
    public record Summary(int n, double mean, double sd) {
        public static Summary of(List<Double> values) {
            List<Double> finite = values.stream().filter(Double::isFinite).toList();
            int n = finite.size();
            if (n == 0) {
                return new Summary(0, Double.NaN, Double.NaN);
            }
            double mean = finite.stream().mapToDouble(Double::doubleValue).sum() / n;
            double squares = finite.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Summary(n, mean, n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1)));
        }

        @Override
        public String toString() {
            if (n == 0) {
                return "\u2014";
            }
            if (n < 2) {
                return String.format(Locale.ROOT, "%.4g", mean);
            }
            // Rounding noise of identical values is no spread.
            double spread = sd <= 1e-12 * Math.abs(mean) ? 0 : sd;
            return String.format(Locale.ROOT, "%.4g \u00b1 %.2g", mean, spread);
        }
    }

    private final List<RunData> runs;

    public Comparison(List<Path> folders) {
        runs = folders.stream().map(f -> new RunData(f).read()).toList();
    }

    public List<RunData> runs() {
        return runs;
    }

    /** {@code experiment/run} of a run folder ({@code experiment cell/point} for a sweep's point). */
    public static String label(RunData run) {
        Path parent = run.folder().getParent();
        if (parent != null && parent.getFileName().toString().equals("points")) {
            return experiment(run) + "/" + run.folder().getFileName();
        }
        return (parent == null ? "" : parent.getFileName() + "/") + run.folder().getFileName();
    }

    /** Curve names present in any run, metrics first. */
    public List<String> curveNames() {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.curves().keySet()));
        return new ArrayList<>(names);
    }

    /** One metric over epochs, one line per run. */
    public ChartSpec overlay(String metric, boolean logY) {
        List<Line> lines = new ArrayList<>();
        for (RunData run : runs) {
            Curve curve = run.curves().get(metric);
            if (curve != null) {
                lines.add(new Line(label(run), curve.epochs(), curve.values(), ChartSpec.color(lines.size())));
            }
        }
        return new ChartSpec(metric + " of " + runs.size() + (runs.size() == 1 ? " run" : " runs"), "epoch", metric, lines,
                false, logY);
    }

    /** A sweep point's folder name: {@code <index>-<cell label>-seed<seed>} (docs/sweeps.md). */
    private static final java.util.regex.Pattern SWEEP_POINT = java.util.regex.Pattern.compile("\\d+-(.*)-seed-?\\d+");

    /**
     * The group a run's seeds are summarized in: its experiment (the folder's parent's name), or
     * for a sweep's point ({@code runs/<name>/sweep-<time>/points/<index>-<cell>-seed<s>}) the
     * experiment and grid cell, so that the seeds of one cell are pooled and cells stay apart.
     */
    static String experiment(RunData run) {
        Path parent = run.folder().getParent();
        if (parent == null) {
            return "";
        }
        Path sweep = parent.getParent();
        if (parent.getFileName().toString().equals("points") && sweep != null && sweep.getParent() != null
                && java.nio.file.Files.isRegularFile(sweep.resolve("sweep.json"))) {
            java.util.regex.Matcher m = SWEEP_POINT.matcher(run.folder().getFileName().toString());
            return sweep.getParent().getFileName() + " " + (m.matches() ? m.group(1) : run.folder().getFileName());
        }
        return parent.getFileName().toString();
    }

    /** Experiment name to the summaries of the metrics' final values over its runs, in metric order. */
    public Map<String, List<Summary>> table(List<String> metrics) {
        Map<String, List<RunData>> groups = new LinkedHashMap<>();
        runs.forEach(r -> groups.computeIfAbsent(experiment(r), k -> new ArrayList<>()).add(r));
        Map<String, List<Summary>> table = new LinkedHashMap<>();
        groups.forEach((experiment, members) -> {
            List<Summary> row = new ArrayList<>();
            for (String metric : metrics) {
                List<Double> finals = new ArrayList<>();
                for (RunData run : members) {
                    Curve curve = run.curves().get(metric);
                    if (curve != null && curve.values().length > 0) {
                        finals.add(curve.values()[curve.values().length - 1]);
                    }
                }
                row.add(Summary.of(finals));
            }
            table.put(experiment, row);
        });
        return table;
    }

    /** The table as CSV: experiment, then mean, sd and n per metric. */
    public String tableCsv(List<String> metrics) {
        StringBuilder csv = new StringBuilder("experiment");
        metrics.forEach(m -> csv.append(',').append(m).append("_mean,").append(m).append("_sd,").append(m).append("_n"));
        csv.append('\n');
        table(metrics).forEach((experiment, row) -> {
            csv.append(experiment);
            row.forEach(s -> csv.append(',').append(s.mean()).append(',').append(s.sd()).append(',').append(s.n()));
            csv.append('\n');
        });
        return csv.toString();
    }
}
