package carnot.ui.internal.charts;

import carnot.ui.internal.charts.ChartSpec.Line;
import carnot.ui.internal.charts.RunData.Curve;
import carnot.workspace.RunSummaries.RunSummary;
import carnot.workspace.RunSummaries;
import carnot.workspace.SampleStatistics;
import carnot.workspace.WorkspaceListing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several runs side by side: one metric's curves overlaid, per run or per configuration (mean ±
 * sample standard deviation over its seeds as a band), and the final values of metrics per
 * configuration. A configuration is the resolved experiment a run recorded ({@code spec.json})
 * without its name and seed ({@link RunSummaries}); runs that recorded none are grouped by
 * experiment (and a sweep's by grid cell). Only completed runs enter the statistics, each seed
 * once: a cancelled or still running run, or a second run of the same seed (which would count one
 * measurement twice), is left out of the numbers and said so.
 */
public final class Comparison {

    /** The final metrics the table shows by default. */
    public static final List<String> TABLE_METRICS = List.of("trainLoss", "testLoss", "trainError", "testError",
            "generalizationGap");

    /**
     * One configuration.
     *
     * @param members the completed runs, one per seed, that enter the statistics
     * @param leftOut the others, each with why ({@code cancelled, 28/40 epochs}, {@code seed 42 again})
     */
    public record Group(String label, List<RunData> members, Map<RunData, String> leftOut) {
    }

    /** A sweep point's folder name: {@code <index>-<cell label>-seed<seed>} (docs/sweeps.md). */
    private static final Pattern SWEEP_POINT = Pattern.compile("\\d+-(.*)-seed-?\\d+");

    private final List<RunData> runs;
    private final Map<RunData, RunSummary> summaries = new LinkedHashMap<>();
    private final List<Group> groups = new ArrayList<>();

    public Comparison(List<Path> folders) {
        runs = folders.stream().map(f -> new RunData(f).read()).toList();
        for (RunData run : runs) {
            Path parent = run.folder().getParent();
            summaries.put(run, RunSummaries.read(run.folder(), parent == null ? "" : String.valueOf(parent.getFileName()),
                    String.valueOf(run.folder().getFileName())));
        }
        group();
    }

    private void group() {
        Map<String, List<RunData>> byConfig = new LinkedHashMap<>();
        for (RunData run : runs) {
            String config = summaries.get(run).config();
            byConfig.computeIfAbsent(config.isEmpty() ? "experiment " + experiment(run) : config, k -> new ArrayList<>())
                    .add(run);
        }
        List<String> varying = RunSummaries.varyingSettings(List.copyOf(summaries.values()));
        Set<String> labels = new HashSet<>();
        byConfig.values().forEach(members -> labels.add(experiment(members.get(0))));
        boolean ambiguous = labels.size() < byConfig.size();
        for (List<RunData> candidates : byConfig.values()) {
            List<RunData> members = new ArrayList<>();
            Map<RunData, String> leftOut = new LinkedHashMap<>();
            Set<Long> seeds = new HashSet<>();
            for (RunData run : candidates) {
                Long seed = summaries.get(run).seed();
                if (!"completed".equals(run.status())) {
                    leftOut.put(run, run.status() + (run.epochsPlanned() > 0 ? ", " + run.epochsCompleted() + "/"
                            + run.epochsPlanned() + " epochs" : ""));
                } else if (seed != null && !seeds.add(seed)) {
                    leftOut.put(run, "seed " + seed + " again");
                } else {
                    members.add(run);
                }
            }
            String label = experiment(candidates.get(0));
            if (ambiguous && !varying.isEmpty()) {
                RunSummary first = summaries.get(candidates.get(0));
                List<String> values = new ArrayList<>();
                varying.forEach(path -> values.add(path.substring(path.lastIndexOf('.') + 1) + "="
                        + (first.settings().get(path) == null ? "-" : first.settings().get(path))));
                label += " (" + String.join(", ", values) + ")";
            }
            groups.add(new Group(label, members, leftOut));
        }
    }

    public List<RunData> runs() {
        return runs;
    }

    /** The configurations, in the order their first run was given. */
    public List<Group> groups() {
        return groups;
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

    /** One metric over epochs, one line per run; a run that did not complete says so in its name. */
    public ChartSpec overlay(String metric, boolean logY) {
        List<Line> lines = new ArrayList<>();
        for (RunData run : runs) {
            Curve curve = run.curves().get(metric);
            if (curve != null) {
                String state = "completed".equals(run.status()) ? "" : " (" + run.status() + ")";
                lines.add(new Line(label(run) + state, curve.epochs(), curve.values(), ChartSpec.color(lines.size())));
            }
        }
        return new ChartSpec(metric + " of " + runs.size() + (runs.size() == 1 ? " run" : " runs"), "epoch", metric, lines,
                false, logY);
    }

    /**
     * One metric over epochs per configuration: at each epoch the mean over the configuration's
     * completed runs (one per seed) that recorded it, with a band of one sample standard deviation.
     */
    public ChartSpec overlayGroups(String metric, boolean logY) {
        List<Line> lines = new ArrayList<>();
        for (Group group : groups) {
            TreeMap<Double, List<Double>> byEpoch = new TreeMap<>();
            for (RunData run : group.members()) {
                Curve curve = run.curves().get(metric);
                for (int i = 0; curve != null && i < curve.epochs().length; i++) {
                    byEpoch.computeIfAbsent(curve.epochs()[i], k -> new ArrayList<>()).add(curve.values()[i]);
                }
            }
            if (byEpoch.isEmpty()) {
                continue;
            }
            int n = byEpoch.size();
            double[] x = new double[n];
            double[] mean = new double[n];
            double[] lower = new double[n];
            double[] upper = new double[n];
            int i = 0;
            for (Map.Entry<Double, List<Double>> entry : byEpoch.entrySet()) {
                SampleStatistics summary = SampleStatistics.ofFinite(entry.getValue());
                double sd = Double.isNaN(summary.sd()) ? 0 : summary.sd();
                x[i] = entry.getKey();
                mean[i] = summary.mean();
                lower[i] = summary.mean() - sd;
                upper[i] = summary.mean() + sd;
                i++;
            }
            int runsIn = group.members().size();
            lines.add(new Line(group.label() + " (n = " + runsIn + ")", x, mean, ChartSpec.color(lines.size()), lower, upper));
        }
        return new ChartSpec(metric + ": mean \u00b1 sd over seeds, " + lines.size()
                + (lines.size() == 1 ? " configuration" : " configurations"), "epoch", metric, lines, false, logY);
    }

    /**
     * The group a run's seeds are summarized in when it recorded no configuration: its experiment
     * (the folder's parent's name), or for a sweep's point the experiment and grid cell.
     */
    static String experiment(RunData run) {
        Path parent = run.folder().getParent();
        if (parent == null) {
            return "";
        }
        if (WorkspaceListing.isSweepPoint(run.folder()) && parent.getParent().getParent() != null) {
            Matcher m = SWEEP_POINT.matcher(run.folder().getFileName().toString());
            return parent.getParent().getParent().getFileName() + " " + (m.matches() ? m.group(1) : run.folder().getFileName());
        }
        return parent.getFileName().toString();
    }

    /** Configuration label to the summaries of the metrics' final values over its runs, in metric order. */
    public Map<String, List<SampleStatistics>> table(List<String> metrics) {
        Map<String, List<SampleStatistics>> table = new LinkedHashMap<>();
        for (Group group : groups) {
            List<SampleStatistics> row = new ArrayList<>();
            for (String metric : metrics) {
                List<Double> finals = new ArrayList<>();
                for (RunData run : group.members()) {
                    Curve curve = run.curves().get(metric);
                    if (curve != null && curve.values().length > 0) {
                        finals.add(curve.values()[curve.values().length - 1]);
                    }
                }
                row.add(SampleStatistics.ofFinite(finals));
            }
            table.put(group.label(), row);
        }
        return table;
    }

    /** The table as CSV: configuration, then mean, sd and n per metric, then the runs left out. */
    public String tableCsv(List<String> metrics) {
        StringBuilder csv = new StringBuilder("experiment");
        metrics.forEach(m -> csv.append(',').append(m).append("_mean,").append(m).append("_sd,").append(m).append("_n"));
        csv.append(",left_out\n");
        Map<String, List<SampleStatistics>> table = table(metrics);
        for (Group group : groups) {
            csv.append('"').append(group.label().replace("\"", "\"\"")).append('"');
            table.get(group.label()).forEach(s -> csv.append(',').append(csvNumber(s.mean())).append(',')
                    .append(csvNumber(s.sd())).append(',').append(s.n()));
            csv.append(",\"").append(leftOut(group).replace("\"", "\"\"")).append("\"\n");
        }
        return csv.toString();
    }

    /** An undefined value (the sd of one run) is an empty field, as in a sweep's summary.csv. */
    private static String csvNumber(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    /** What a group left out, as {@code name: why; ...}, or {@code ""}. */
    public static String leftOut(Group group) {
        List<String> parts = new ArrayList<>();
        group.leftOut().forEach((run, why) -> parts.add(run.folder().getFileName() + ": " + why));
        return String.join("; ", parts);
    }
}
