package carnot.ui.internal.charts;

import carnot.api.analysis.AnalysisResult;
import carnot.api.experiment.EpochMetrics;
import carnot.api.runs.AnalysisRecord;
import carnot.api.runs.RunFolder;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunState;
import carnot.api.runs.ValidationRecord;
import carnot.workspace.RunFolderReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a run folder has recorded, read through the run service's {@link RunFolder} reader
 * (the one parser of the format) and sorted generically so that the charts pick up whatever
 * analyses record, by name, without knowing them:
 * <ul>
 * <li>the epoch metrics: each is a {@linkplain #curves() curve} over epochs (plus
 * {@code generalizationGap} = test error − train error), and early stopping's validation split;</li>
 * <li>every recorded analysis call: each scalar is a curve {@code <id>.<name>} over the epochs it
 * was recorded at; each series and each histogram is kept per epoch ({@link AnalysisShapes}).</li>
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
 * <p>A recorded analysis result never changes, so results already read are kept: re-reading a run
 * in progress reads only what is new. The status is the service's, with liveness: a run whose
 * process died reads {@code interrupted}, not {@code running}.
 */
public final class RunData {

    /** Curves of early stopping's validation split ({@code validation.jsonl}). */
    public static final String VALIDATION_LOSS = "validationLoss";
    public static final String VALIDATION_ERROR = "validationError";

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

    private final RunFolder reader;
    private final Map<AnalysisRecord, AnalysisResult> results = new HashMap<>();
    private RunInfo info;
    private boolean gone;
    private final Map<String, Curve> curves = new LinkedHashMap<>();
    private final Map<String, PerEpoch<Series>> series = new LinkedHashMap<>();
    private final Map<String, PerEpoch<Histogram>> histograms = new LinkedHashMap<>();
    private final Map<String, PerEpoch<Grid>> grids = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** A run folder as the run service reads it ({@code RunService.open}). */
    public RunData(RunFolder reader) {
        this.reader = reader;
    }

    /** A run folder through the reader the run service serves, for views without the service at hand. */
    public RunData(Path folder) {
        this(new RunFolderReader(folder));
    }

    /** A run folder through the session's run service ({@code RunService.open}), else the reader it serves. */
    public static RunData of(carnot.ui.internal.Session session, Path folder) {
        return new RunData(session == null ? new RunFolderReader(folder)
                : session.service(carnot.api.runs.RunService.class).map(s -> s.open(folder))
                        .orElseGet(() -> new RunFolderReader(folder)));
    }

    /** Reads (or re-reads) the folder; never throws: what cannot be read is listed in {@link #problems()}. */
    public RunData read() {
        if (!Files.isDirectory(reader.path())) {
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
        return reader.path();
    }

    /** Whether the folder was gone at the last {@link #read()} (deleted or moved on disk). */
    public boolean gone() {
        return gone;
    }

    /** The run's state with liveness ({@code running}, {@code interrupted}, ...), {@code unknown} before a read. */
    public String status() {
        return info == null ? "unknown" : info.state().label();
    }

    /** The state with liveness, if the status could be read. */
    public RunInfo info() {
        return info;
    }

    public String message() {
        return info == null ? "" : info.message();
    }

    public int epochsCompleted() {
        return info == null ? 0 : info.epochsCompleted();
    }

    public int epochsPlanned() {
        return info == null ? 0 : info.epochsPlanned();
    }

    /** Whether the run may still write: a live process holds it, or it has no status yet. */
    public boolean live() {
        return !gone && (info == null || info.state() == RunState.RUNNING || info.state() == RunState.PENDING);
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
            info = reader.info();
        } catch (IOException | RuntimeException e) {
            info = null;
            problems.add(e.getMessage());
        }
    }

    private void readMetrics() {
        List<EpochMetrics> rows;
        try {
            rows = reader.metrics();
        } catch (IOException | RuntimeException e) {
            problems.add(e.getMessage());
            return;
        }
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (EpochMetrics m : rows) {
            double epoch = m.epoch();
            add(points, "trainLoss", epoch, m.trainLoss());
            add(points, "trainError", epoch, m.trainError());
            add(points, "testLoss", epoch, m.testLoss());
            add(points, "testError", epoch, m.testError());
            add(points, "learningRate", epoch, m.learningRate());
            add(points, "seconds", epoch, m.seconds());
            add(points, "generalizationGap", epoch, m.generalizationGap());
        }
        points.forEach((name, list) -> curves.put(name, curve(name, list)));
    }

    private static void add(Map<String, List<double[]>> points, String name, double epoch, double value) {
        points.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {epoch, value});
    }

    /** Early stopping's held-out split, as the curves {@code validationLoss} and {@code validationError}. */
    private void readValidation() {
        List<ValidationRecord> rows;
        try {
            rows = reader.validation();
        } catch (IOException | RuntimeException e) {
            problems.add(e.getMessage());
            return;
        }
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (ValidationRecord row : rows) {
            add(points, VALIDATION_LOSS, row.epoch(), row.loss());
            add(points, VALIDATION_ERROR, row.epoch(), row.error());
        }
        points.forEach((name, list) -> curves.put(name, curve(name, list)));
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
        List<AnalysisRecord> calls;
        try {
            calls = new ArrayList<>(reader.analyses());
        } catch (IOException | RuntimeException e) {
            problems.add(e.getMessage());
            return;
        }
        // By index (numerically), so that the first index of an id keeps the plain name.
        calls.sort((a, b) -> a.index() != b.index() ? Integer.compare(a.index(), b.index())
                : Integer.compare(a.epoch(), b.epoch()));
        Map<Integer, String> prefixes = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        Map<String, List<double[]>> scalarPoints = new LinkedHashMap<>();
        AnalysisShapes shapes = new AnalysisShapes(scalarPoints, series, histograms, grids);
        for (AnalysisRecord call : calls) {
            String prefix = prefixes.computeIfAbsent(call.index(), i -> seen.add(call.id()) ? call.id() : call.id() + "#" + i);
            AnalysisResult result = results.get(call);
            if (result == null) {
                try {
                    result = reader.analysisResult(call);
                    results.put(call, result);
                } catch (IOException | RuntimeException e) {
                    problems.add(e.getMessage());
                    continue;
                }
            }
            shapes.add(prefix, call.epoch(), result);
        }
        scalarPoints.forEach((name, list) -> curves.put(name, curve(name, list)));
    }
}
