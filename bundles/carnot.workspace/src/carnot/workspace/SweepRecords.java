package carnot.workspace;

import carnot.workspace.internal.FolderLock;

import carnot.api.experiment.EpochMetrics;
import carnot.api.runs.LockHolder;
import carnot.api.runs.RunState;
import carnot.api.runs.SweepInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A sweep's folder, {@code runs/<name>/sweep-<yyyyMMdd-HHmmss>/} inside the workspace:
 * <ul>
 * <li>{@code sweep.json}: the sweep file as read (grid, seeds, base experiment);</li>
 * <li>{@code points/<index>-<label>-seed<seed>/}: one run folder per point, holding
 * {@code point.json} (that point's experiment file) and everything a run writes;</li>
 * <li>{@code status.json}: running, then completed (every point completed), failed or cancelled;</li>
 * <li>{@code summary.json}, {@code summary.csv}: per grid cell the final metrics (and the final
 * scalars of every analysis) over seeds: mean, sample standard deviation, min, max;</li>
 * <li>{@code lock} while a process works in it.</li>
 * </ul>
 * The run service picks a sweep whose status is not completed and whose {@code sweep.json} is the
 * same sweep up again on the next {@code carnot run} of that file: completed points are kept,
 * interrupted and cancelled ones resume, failed ones are reported (they would fail the same way).
 */
public final class SweepRecords {

    public static final String SWEEP = "sweep.json";
    public static final String SUMMARY_JSON = "summary.json";
    public static final String SUMMARY_CSV = "summary.csv";
    public static final String POINT = "point.json";
    public static final String POINTS = "points";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private SweepRecords() {
    }

    /** The sweep folders of an experiment, {@code runs/<name>/sweep-*}, oldest first (by name: a timestamp). */
    public static List<Path> sweepFolders(Workspace workspace, String name) throws IOException {
        Path experimentFolder = workspace.inside(workspace.runsFolder().resolve(name));
        if (!Files.isDirectory(experimentFolder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(experimentFolder)) {
            return children.filter(SweepRecords::isSweepFolder).sorted().toList();
        }
    }

    /** Whether {@code folder} is a sweep folder (it has its {@code sweep.json}). */
    public static boolean isSweepFolder(Path folder) {
        return folder.getFileName().toString().startsWith("sweep-") && Files.isRegularFile(folder.resolve(SWEEP));
    }

    /** Creates a new sweep folder with its {@code sweep.json} and a status that says created. */
    public static Path createFolder(Workspace workspace, Sweeps.Plan plan) throws IOException {
        Path experimentFolder = workspace.inside(workspace.runsFolder().resolve(plan.name()));
        Files.createDirectories(experimentFolder);
        String base = "sweep-" + LocalDateTime.now().format(STAMP);
        for (int attempt = 0; attempt < 1000; attempt++) {
            Path candidate = workspace.inside(experimentFolder.resolve(attempt == 0 ? base : base + "-" + attempt));
            try {
                Path folder = Files.createDirectory(candidate);
                AtomicFiles.write(folder.resolve(SWEEP), ExperimentFiles.MAPPER.writeValueAsString(plan.source()) + "\n");
                writeStatus(folder, "created", plan.points().size(), 0, 0, "");
                return folder;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Two sweeps of one experiment in the same second: take the next suffix.
            }
        }
        throw new IOException("cannot create a sweep folder under " + experimentFolder);
    }

    /** Whether the sweep folder's {@code sweep.json} is this sweep file's content. */
    public static boolean sameSweep(Path folder, Sweeps.Plan plan) {
        try {
            JsonNode recorded = ExperimentFiles.MAPPER.readTree(folder.resolve(SWEEP).toFile());
            return recorded.equals(plan.source());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A sweep folder's status with liveness, and how many of its points are in each state (a point
     * without a folder or status yet is pending).
     */
    public static SweepInfo info(Path sweepFolder) throws IOException {
        Path file = sweepFolder.resolve(RunRecorder.STATUS);
        JsonNode node = Files.isRegularFile(file) ? ExperimentFiles.MAPPER.readTree(file.toFile())
                : ExperimentFiles.MAPPER.createObjectNode();
        String recorded = node.path("status").asText("created");
        Optional<LockHolder> holder = FolderLock.holder(sweepFolder);
        RunState state = switch (recorded) {
            case "running", "created" -> holder.isPresent() ? RunState.RUNNING
                    : recorded.equals("running") ? RunState.INTERRUPTED : RunState.PENDING;
            case "completed" -> RunState.COMPLETED;
            case "cancelled" -> RunState.CANCELLED;
            default -> RunState.FAILED;
        };
        Map<RunState, Integer> states = new EnumMap<>(RunState.class);
        int seen = 0;
        Path points = sweepFolder.resolve(POINTS);
        if (Files.isDirectory(points)) {
            List<Path> folders;
            try (Stream<Path> children = Files.list(points)) {
                folders = children.filter(Files::isDirectory).toList();
            }
            for (Path point : folders) {
                RunState pointState;
                try {
                    pointState = RunRecords.info(point).state();
                } catch (IOException e) {
                    pointState = RunState.UNREADABLE;
                }
                states.merge(pointState, 1, Integer::sum);
                seen++;
            }
        }
        int total = Math.max(seen, node.path("points").asInt(seen));
        if (total > seen) {
            states.merge(RunState.PENDING, total - seen, Integer::sum);
        }
        String message = node.path("message").asText("");
        if (state == RunState.INTERRUPTED) {
            message = "the sweep's process stopped without recording its end; `carnot run` of the same file continues it";
        }
        Instant updated = null;
        try {
            updated = node.has("updatedAt") ? Instant.parse(node.path("updatedAt").asText()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            updated = null;
        }
        return new SweepInfo(sweepFolder, sweepFolder.getParent().getFileName().toString(), state, total, states,
                message, Optional.ofNullable(updated), holder);
    }

    /** The run folder of a point (created, with its {@code point.json}, if absent). */
    public static Path pointFolder(Path sweepFolder, Sweeps.Point point) throws IOException {
        Path folder = sweepFolder.resolve(POINTS).resolve(point.folder());
        Files.createDirectories(folder);
        Path file = folder.resolve(POINT);
        if (!Files.exists(file)) {
            AtomicFiles.write(file, ExperimentFiles.MAPPER.writeValueAsString(point.tree()) + "\n");
        }
        return folder;
    }

    /** Whether a point's run folder says completed. */
    public static boolean pointCompleted(Path pointFolder) throws IOException {
        return Files.exists(pointFolder.resolve(RunRecorder.STATUS)) && RunRecords.status(pointFolder).completed();
    }

    /** Writes the sweep's {@code status.json}. */
    public static void writeStatus(Path sweepFolder, String status, int points, int completed, int failed,
            String message) throws IOException {
        ObjectNode node = ExperimentFiles.MAPPER.createObjectNode();
        node.put("status", status);
        node.put("points", points);
        node.put("completed", completed);
        node.put("failed", failed);
        node.put("message", message);
        node.put("updatedAt", Instant.now().toString());
        AtomicFiles.write(sweepFolder.resolve(RunRecorder.STATUS), ExperimentFiles.MAPPER.writeValueAsString(node) + "\n");
    }

    /**
     * One metric over a cell's seeds: its {@link SampleStatistics} (sd NaN for one seed), min, max
     * and the values.
     */
    public record Spread(SampleStatistics statistics, double min, double max, double[] values) {
        public static Spread of(List<Double> list) {
            double[] values = list.stream().mapToDouble(Double::doubleValue).toArray();
            double min = Double.NaN;
            double max = Double.NaN;
            if (values.length > 0) {
                min = java.util.Arrays.stream(values).min().getAsDouble();
                max = java.util.Arrays.stream(values).max().getAsDouble();
            }
            return new Spread(SampleStatistics.of(values), min, max, values);
        }

        public int n() {
            return statistics.n();
        }

        public double mean() {
            return statistics.mean();
        }

        /** The sample standard deviation; NaN for fewer than two seeds. */
        public double std() {
            return statistics.sd();
        }
    }

    /** What one completed point's folder says at its end. */
    public record PointResult(Sweeps.Point point, String status, Map<String, Double> finals, int trainSize,
            long parameterCount) {
    }

    /** One grid cell over its seeds. */
    public record Cell(int index, Map<String, JsonNode> values, List<PointResult> points, Map<String, Spread> metrics) {
    }

    /** Reads what a point's run folder recorded: final metrics, final analysis scalars, n and p. */
    public static PointResult pointResult(Path sweepFolder, Sweeps.Point point) throws IOException {
        Path folder = sweepFolder.resolve(POINTS).resolve(point.folder());
        if (!Files.exists(folder.resolve(RunRecorder.STATUS))) {
            return new PointResult(point, "not started", Map.of(), 0, 0);
        }
        RunRecords.Status status = RunRecords.status(folder);
        Map<String, Double> finals = RunSummaries.finals(folder);
        Map<String, Object> provenance = RunRecords.provenance(folder);
        int n = provenance.get("trainSize") instanceof Number size ? size.intValue() : 0;
        long p = provenance.get("parameterCount") instanceof Number count ? count.longValue() : 0;
        return new PointResult(point, status.status(), finals, n, p);
    }

    /** Every cell with its completed points' final values summarized over seeds. */
    public static List<Cell> cells(Path sweepFolder, Sweeps.Plan plan) throws IOException {
        List<Cell> cells = new ArrayList<>();
        List<PointResult> current = new ArrayList<>();
        for (Sweeps.Point point : plan.points()) {
            current.add(pointResult(sweepFolder, point));
            boolean lastOfCell = point.index() == plan.points().size() - 1
                    || plan.points().get(point.index() + 1).cell() != point.cell();
            if (lastOfCell) {
                Map<String, List<Double>> columns = new LinkedHashMap<>();
                for (PointResult result : current) {
                    if (!"completed".equals(result.status())) {
                        continue;
                    }
                    result.finals().forEach((k, v) -> columns.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                }
                Map<String, Spread> metrics = new LinkedHashMap<>();
                columns.forEach((k, v) -> metrics.put(k, Spread.of(v)));
                cells.add(new Cell(point.cell(), point.values(), List.copyOf(current), metrics));
                current.clear();
            }
        }
        return cells;
    }

    /** Writes {@code summary.json} and {@code summary.csv}; returns the cells. */
    public static List<Cell> writeSummary(Path sweepFolder, Sweeps.Plan plan) throws IOException {
        List<Cell> cells = cells(sweepFolder, plan);
        ObjectNode root = ExperimentFiles.MAPPER.createObjectNode();
        root.put("name", plan.name());
        ArrayNode axes = root.putArray("axes");
        for (Sweeps.Axis axis : plan.axes()) {
            ObjectNode a = axes.addObject();
            a.put("path", axis.path());
            a.put("name", axis.shortName());
            ArrayNode values = a.putArray("values");
            axis.values().forEach(values::add);
        }
        ArrayNode seeds = root.putArray("seeds");
        plan.seeds().forEach(seeds::add);
        ArrayNode cellsNode = root.putArray("cells");
        List<String> metricNames = new ArrayList<>();
        for (Cell cell : cells) {
            ObjectNode c = cellsNode.addObject();
            c.put("index", cell.index());
            ObjectNode values = c.putObject("values");
            cell.values().forEach(values::set);
            long completed = cell.points().stream().filter(r -> "completed".equals(r.status())).count();
            c.put("completed", completed);
            c.put("trainSize", cell.points().get(0).trainSize());
            c.put("parameterCount", cell.points().get(0).parameterCount());
            ArrayNode points = c.putArray("points");
            for (PointResult r : cell.points()) {
                ObjectNode p = points.addObject();
                p.put("folder", POINTS + "/" + r.point().folder());
                p.put("seed", r.point().seed());
                p.put("status", r.status());
            }
            ObjectNode metrics = c.putObject("metrics");
            cell.metrics().forEach((name, spread) -> {
                if (!metricNames.contains(name)) {
                    metricNames.add(name);
                }
                ObjectNode m = metrics.putObject(name);
                m.put("n", spread.n());
                putNumber(m, "mean", spread.mean());
                putNumber(m, "std", spread.std());
                putNumber(m, "min", spread.min());
                putNumber(m, "max", spread.max());
                ArrayNode v = m.putArray("values");
                for (double d : spread.values()) {
                    v.add(d);
                }
            });
        }
        root.set("powerLaws", ExperimentFiles.MAPPER.valueToTree(LearningCurves.fits(plan, cells)));
        AtomicFiles.write(sweepFolder.resolve(SUMMARY_JSON), ExperimentFiles.MAPPER.writeValueAsString(root) + "\n");

        StringBuilder csv = new StringBuilder("cell");
        plan.axes().forEach(a -> csv.append(',').append(csvText(a.path())));
        csv.append(",trainSize,parameterCount,completed");
        metricNames.forEach(m -> csv.append(',').append(csvText(m + "_mean")).append(',').append(csvText(m + "_std")));
        csv.append('\n');
        for (Cell cell : cells) {
            csv.append(cell.index());
            cell.values().values().forEach(v -> csv.append(',').append(csvText(Sweeps.valueLabel(v))));
            csv.append(',').append(cell.points().get(0).trainSize()).append(',')
                    .append(cell.points().get(0).parameterCount()).append(',')
                    .append(cell.points().stream().filter(r -> "completed".equals(r.status())).count());
            for (String m : metricNames) {
                Spread s = cell.metrics().get(m);
                csv.append(',').append(s == null ? "" : number(s.mean())).append(',').append(s == null ? "" : number(s.std()));
            }
            csv.append('\n');
        }
        AtomicFiles.write(sweepFolder.resolve(SUMMARY_CSV), csv.toString());
        return cells;
    }

    /** JSON has no NaN: an undefined value (the sd of one seed, anything of none) is null. */
    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String csvText(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
