package carnot.ui.internal.charts;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything a run folder has recorded, read generically so that the charts pick up whatever
 * analyses record, by name, without knowing them:
 * <ul>
 * <li>{@code metrics.jsonl}: every numeric field is a {@linkplain #curves() curve} over epochs
 * (plus {@code generalizationGap} = test error − train error);</li>
 * <li>{@code analyses/<i>-<id>/epoch-NNNN.json}: each scalar is a curve {@code <id>.<name>} over
 * the epochs it was recorded at; each series and each histogram is kept per epoch.</li>
 * </ul>
 * Conventions for analysis authors (docs/workbench.md): a series {@code S} with a series
 * {@code S.x} (or {@code S.grid}) of the same length is drawn against it, and so is a series
 * {@code P.values} against a sibling {@code P.grid} or {@code P.x} (the Hessian spectral
 * density's {@code density.values} on {@code density.grid}); series
 * {@code x} alone, {@code alpha}, {@code t} or {@code grid} are the abscissa of every series of
 * their length (a line through weight space); series {@code x} and {@code y} span a plane, and every series of
 * x.length × y.length values (x-major: element i·ny + j is the value at (x_i, y_j)) is a 2D grid,
 * drawn as a heat map; so is a series {@code S} with scalars {@code S.rows} and {@code S.cols}
 * (row-major), against {@code S.x} and {@code S.y} when present. An analysis id that occurs at several indices (re-analyses) is named
 * {@code <id>#<index>} for the later ones.
 *
 * <p>Parsed analysis files are cached by size and modification time, so re-reading a run in
 * progress reads only what is new.
 */
public final class RunData {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    /**
     * Series names that are the abscissa of every series of their length: the interpolation
     * coefficient of a line through weight space ({@code alpha}), the step along a direction
     * ({@code t}, the Hessian slices), a grid of evaluation points ({@code grid}).
     */
    static final List<String> ABSCISSAE = List.of("alpha", "t", "grid");

    /** Curves of early stopping's validation split ({@code validation.jsonl}). */
    public static final String VALIDATION_LOSS = "validationLoss";
    public static final String VALIDATION_ERROR = "validationError";

    private static final Pattern ANALYSIS_FOLDER = Pattern.compile("(\\d+)-(.+)");
    private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d+)\\.json");

    /** A named curve over epochs. */
    public record Curve(String name, double[] epochs, double[] values) {
    }

    /** A series (or histogram, or grid) as recorded at each epoch, by epoch. */
    public record PerEpoch<T>(String name, TreeMap<Integer, T> byEpoch) {
        /** The value at the last recorded epoch. */
        public T last() {
            return byEpoch.lastEntry().getValue();
        }
    }

    /**
     * A series with its x values (or {@code null}: plotted against the index).
     *
     * @param xName the recorded name of the abscissa ({@code density.grid}, {@code alpha}, {@code t}),
     *              or {@code null} with {@code x}
     */
    public record Series(double[] x, String xName, double[] y) {
    }

    /** Histogram counts over bins with edges. */
    public record Histogram(double[] edges, long[] counts) {
    }

    /** A 2D grid, row-major, with its axes (index if none was recorded). */
    public record Grid(int rows, int cols, double[] values, double[] x, double[] y) {
        public double at(int row, int col) {
            return values[row * cols + col];
        }
    }

    private record Cached(long size, long modified, JsonNode node) {
    }

    private final Path folder;
    private final Map<Path, Cached> cache = new LinkedHashMap<>();
    private String status = "unknown";
    private boolean gone;
    private String message = "";
    private int epochsCompleted;
    private int epochsPlanned;
    private final Map<String, Curve> curves = new LinkedHashMap<>();
    private final Map<String, PerEpoch<Series>> series = new LinkedHashMap<>();
    private final Map<String, PerEpoch<Histogram>> histograms = new LinkedHashMap<>();
    private final Map<String, PerEpoch<Grid>> grids = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    public RunData(Path folder) {
        this.folder = folder;
    }

    /** Reads (or re-reads) the folder; never throws: what cannot be read is listed in {@link #problems()}. */
    public RunData read() {
        if (!Files.isDirectory(folder)) {
            // Deleted on disk: keep what was read before, and say so.
            gone = true;
            return this;
        }
        gone = false;
        problems.clear();
        curves.clear();
        series.clear();
        histograms.clear();
        grids.clear();
        readStatus();
        readMetrics();
        readValidation();
        readAnalyses();
        return this;
    }

    public Path folder() {
        return folder;
    }

    /** Whether the folder was gone at the last {@link #read()} (deleted or moved on disk). */
    public boolean gone() {
        return gone;
    }

    public String status() {
        return status;
    }

    public String message() {
        return message;
    }

    public int epochsCompleted() {
        return epochsCompleted;
    }

    public int epochsPlanned() {
        return epochsPlanned;
    }

    /** Whether the run may still write (running, or no readable status yet). */
    public boolean live() {
        return !gone && ("running".equals(status) || "unknown".equals(status));
    }

    /** Curves over epochs by name: metrics first, then analysis scalars. */
    public Map<String, Curve> curves() {
        return curves;
    }

    public Map<String, PerEpoch<Series>> series() {
        return series;
    }

    public Map<String, PerEpoch<Histogram>> histograms() {
        return histograms;
    }

    public Map<String, PerEpoch<Grid>> grids() {
        return grids;
    }

    public List<String> problems() {
        return problems;
    }

    private void readStatus() {
        try {
            JsonNode node = JSON.readTree(folder.resolve("status.json").toFile());
            status = node.path("status").asText("unknown");
            message = node.path("message").asText("");
            epochsCompleted = node.path("epochsCompleted").asInt();
            epochsPlanned = node.path("epochsPlanned").asInt();
        } catch (IOException | RuntimeException e) {
            status = "unknown";
            problems.add("status.json unreadable");
        }
    }

    private void readMetrics() {
        List<String> lines;
        try {
            lines = Files.readAllLines(folder.resolve("metrics.jsonl"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add("no metrics.jsonl");
            return;
        }
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                problems.add("metrics.jsonl: a line is unreadable");
                continue;
            }
            if (!node.path("epoch").isNumber()) {
                continue;
            }
            double epoch = node.get("epoch").asDouble();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNumber() && !"epoch".equals(field.getKey()) && !"step".equals(field.getKey())) {
                    points.computeIfAbsent(field.getKey(), k -> new ArrayList<>())
                            .add(new double[] {epoch, field.getValue().asDouble()});
                }
            }
            if (node.path("trainError").isNumber() && node.path("testError").isNumber()) {
                points.computeIfAbsent("generalizationGap", k -> new ArrayList<>())
                        .add(new double[] {epoch, node.get("testError").asDouble() - node.get("trainError").asDouble()});
            }
        }
        points.forEach((name, list) -> curves.put(name, curve(name, list)));
    }

    /**
     * Early stopping's held-out split, {@code validation.jsonl} (one line per epoch: epoch, size,
     * loss, error), as the curves {@code validationLoss} and {@code validationError}.
     */
    private void readValidation() {
        Path file = folder.resolve("validation.jsonl");
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<double[]> losses = new ArrayList<>();
        List<double[]> errors = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                if (node.path("epoch").isNumber() && node.path("loss").isNumber() && node.path("error").isNumber()) {
                    losses.add(new double[] {node.get("epoch").asDouble(), node.get("loss").asDouble()});
                    errors.add(new double[] {node.get("epoch").asDouble(), node.get("error").asDouble()});
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("validation.jsonl unreadable");
        }
        if (!losses.isEmpty()) {
            curves.put(VALIDATION_LOSS, curve(VALIDATION_LOSS, losses));
            curves.put(VALIDATION_ERROR, curve(VALIDATION_ERROR, errors));
        }
    }

    private static Curve curve(String name, List<double[]> points) {
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new Curve(name, x, y);
    }

    private void readAnalyses() {
        Path analyses = folder.resolve("analyses");
        if (!Files.isDirectory(analyses)) {
            return;
        }
        List<Path> folders;
        try (Stream<Path> list = Files.list(analyses)) {
            folders = list.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            problems.add("analyses/ unreadable");
            return;
        }
        // Sort by index (numerically), so that the first index of an id keeps the plain name.
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (Path f : folders) {
            Matcher m = ANALYSIS_FOLDER.matcher(f.getFileName().toString());
            if (m.matches()) {
                byIndex.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        Map<String, List<double[]>> scalarPoints = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<Integer, String> entry : byIndex.entrySet()) {
            String id = entry.getValue();
            String prefix = seen.add(id) ? id : id + "#" + entry.getKey();
            Path dir = analyses.resolve(entry.getKey() + "-" + id);
            for (Map.Entry<Integer, JsonNode> file : epochFiles(dir).entrySet()) {
                collect(prefix, file.getKey(), file.getValue(), scalarPoints);
            }
        }
        scalarPoints.forEach((name, list) -> curves.put(name, curve(name, list)));
    }

    private TreeMap<Integer, JsonNode> epochFiles(Path dir) {
        TreeMap<Integer, JsonNode> files = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> list = Files.list(dir)) {
            paths = list.toList();
        } catch (IOException e) {
            problems.add(dir.getFileName() + " unreadable");
            return files;
        }
        for (Path path : paths) {
            Matcher m = EPOCH_FILE.matcher(path.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            try {
                long size = Files.size(path);
                long modified = Files.getLastModifiedTime(path).toMillis();
                Cached cached = cache.get(path);
                if (cached == null || cached.size() != size || cached.modified() != modified) {
                    cached = new Cached(size, modified, JSON.readTree(path.toFile()));
                    cache.put(path, cached);
                }
                files.put(Integer.parseInt(m.group(1)), cached.node());
            } catch (IOException | RuntimeException e) {
                problems.add(dir.getFileName() + "/" + path.getFileName() + " unreadable");
            }
        }
        return files;
    }

    private void collect(String prefix, int epoch, JsonNode node, Map<String, List<double[]>> scalarPoints) {
        JsonNode scalars = node.path("scalars");
        JsonNode seriesNode = node.path("series");
        scalars.fields().forEachRemaining(field -> {
            String key = field.getKey();
            boolean gridShape = (key.endsWith(".rows") || key.endsWith(".cols"))
                    && seriesNode.has(key.substring(0, key.length() - 5));
            if (field.getValue().isNumber() && !gridShape) {
                scalarPoints.computeIfAbsent(prefix + "." + field.getKey(), k -> new ArrayList<>())
                        .add(new double[] {epoch, field.getValue().asDouble()});
            }
        });
        // Shared axes: series "x" and "y" span a plane (a grid of x.length * y.length values, x-major,
        // as the landscape analyses record it); "x" alone or one of the ABSCISSAE is the abscissa of
        // every series of its length (a line through weight space).
        double[] sharedX = seriesNode.has("x") ? doubles(seriesNode.get("x")) : null;
        double[] sharedY = seriesNode.has("y") ? doubles(seriesNode.get("y")) : null;
        String abscissaName = ABSCISSAE.stream().filter(seriesNode::has).findFirst().orElse(null);
        seriesNode.fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (isAxisOfAnother(seriesNode, name)) {
                return;
            }
            double[] values = doubles(field.getValue());
            boolean axis = "x".equals(name) || "y".equals(name) || name.equals(abscissaName);
            if (axis && seriesNode.size() > 1) {
                return;
            }
            JsonNode rows = scalars.get(name + ".rows");
            JsonNode cols = scalars.get(name + ".cols");
            if (rows != null && cols != null && rows.asInt() > 0 && cols.asInt() > 0
                    && (long) rows.asInt() * cols.asInt() == values.length) {
                int r = rows.asInt();
                int c = cols.asInt();
                double[] x = axis(seriesNode.get(name + ".x"), c);
                double[] y = axis(seriesNode.get(name + ".y"), r);
                putGrid(prefix + "." + name, epoch, new Grid(r, c, values, x, y));
            } else if (sharedX != null && sharedY != null && sharedX.length * sharedY.length == values.length
                    && values.length > 1) {
                // x-major: the value at (x_i, y_j) is element i * ny + j; the grid is row-major in y.
                int nx = sharedX.length;
                int ny = sharedY.length;
                double[] rowMajor = new double[values.length];
                for (int i = 0; i < nx; i++) {
                    for (int j = 0; j < ny; j++) {
                        rowMajor[j * nx + i] = values[i * ny + j];
                    }
                }
                putGrid(prefix + "." + name, epoch, new Grid(ny, nx, rowMajor, sharedX, sharedY));
            } else {
                String axisName = ownAxis(seriesNode, name);
                if (axisName == null) {
                    axisName = sharedX != null && sharedY == null ? "x" : abscissaName;
                }
                double[] x = axisName == null ? null : doubles(seriesNode.get(axisName));
                boolean fits = x != null && x.length == values.length;
                series.computeIfAbsent(prefix + "." + name, k -> new PerEpoch<>(k, new TreeMap<>())).byEpoch()
                        .put(epoch, new Series(fits ? x : null, fits ? axisName : null, values));
            }
        });
        node.path("histograms").fields().forEachRemaining(field -> {
            double[] edges = doubles(field.getValue().path("edges"));
            JsonNode countsNode = field.getValue().path("counts");
            long[] counts = new long[countsNode.size()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = countsNode.get(i).asLong();
            }
            if (edges.length == counts.length + 1) {
                histograms.computeIfAbsent(prefix + "." + field.getKey(), k -> new PerEpoch<>(k, new TreeMap<>()))
                        .byEpoch().put(epoch, new Histogram(edges, counts));
            }
        });
    }

    /** Suffixes of a series that is the abscissa of its stem ({@code S.x}) or of its siblings ({@code P.grid}). */
    private static final List<String> AXIS_SUFFIXES = List.of(".x", ".grid");

    /**
     * The name of the abscissa of a series: {@code S.x} or {@code S.grid} for a series {@code S}, else a
     * sibling {@code P.grid} or {@code P.x} for a series {@code P.values} (the Hessian spectral
     * density's {@code density.grid} and {@code density.values}); {@code null} if none.
     */
    private static String ownAxis(JsonNode seriesNode, String name) {
        for (String suffix : AXIS_SUFFIXES) {
            if (seriesNode.has(name + suffix)) {
                return name + suffix;
            }
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            for (String suffix : AXIS_SUFFIXES) {
                String sibling = name.substring(0, dot) + suffix;
                if (!sibling.equals(name) && seriesNode.has(sibling)) {
                    return sibling;
                }
            }
        }
        return null;
    }

    /** Whether a series is only an axis: {@code S.x}/{@code S.y}/{@code S.grid} of a series S or of siblings S.*. */
    private static boolean isAxisOfAnother(JsonNode seriesNode, String name) {
        for (String suffix : List.of(".x", ".y", ".grid")) {
            if (name.endsWith(suffix)) {
                String stem = name.substring(0, name.length() - suffix.length());
                if (seriesNode.has(stem)) {
                    return true;
                }
                java.util.Iterator<String> names = seriesNode.fieldNames();
                while (names.hasNext()) {
                    String other = names.next();
                    if (!other.equals(name) && other.startsWith(stem + ".") && !other.endsWith(".x")
                            && !other.endsWith(".y") && !other.endsWith(".grid")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void putGrid(String name, int epoch, Grid grid) {
        grids.computeIfAbsent(name, k -> new PerEpoch<>(k, new TreeMap<>())).byEpoch().put(epoch, grid);
    }

    private static double[] axis(JsonNode node, int length) {
        double[] values = node == null ? null : doubles(node);
        if (values != null && values.length == length) {
            return values;
        }
        double[] index = new double[length];
        for (int i = 0; i < length; i++) {
            index[i] = i;
        }
        return index;
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = array.get(i);
            values[i] = v.isNumber() ? v.asDouble() : Double.NaN;
        }
        return values;
    }
}
