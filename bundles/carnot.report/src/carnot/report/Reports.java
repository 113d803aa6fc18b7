package carnot.report;

import carnot.api.experiment.EpochMetrics;
import carnot.workspace.AtomicFiles;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.LearningCurves;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import carnot.workspace.SweepRecords;
import carnot.workspace.Sweeps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.TreeMap;

/**
 * {@code carnot report}: a self-contained HTML page for a run folder or a sweep folder (the spec,
 * provenance, charts as inline SVG, tables with mean ± sample standard deviation over seeds), and
 * each chart also as {@code figures/<name>.svg} and {@code figures/<name>.png} beside it.
 */
public final class Reports {

    /** The report page's file name. */
    public static final String PAGE = "report.html";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANALYSIS_CHARTS = 12;
    private static final int MAX_SERIES = 10;

    private Reports() {
    }

    /** The folder is not a run or sweep folder, or cannot be read. */
    public static final class ReportException extends Exception {
        private static final long serialVersionUID = 1L;

        public ReportException(String message) {
            super(message);
        }
    }

    /**
     * Writes the report of a run or sweep folder into {@code output} (created if needed).
     *
     * @return the report page
     */
    public static Path write(Path folder, Path output) throws IOException, ReportException {
        // Inside a run or sweep folder (the default FOLDER/report) the report stays in the workspace,
        // links resolved; a folder named with -o is the report's own confinement.
        Path absolute = output.toAbsolutePath().normalize();
        Path root = absolute.startsWith(folder.toAbsolutePath().normalize())
                ? carnot.workspace.WorkspacePaths.workspaceOf(folder) : absolute;
        carnot.workspace.WorkspacePaths.createFolders(root, absolute.resolve("figures"));
        Figures figures = new Figures(root, absolute.resolve("figures"));
        String html;
        if (Files.isRegularFile(folder.resolve(SweepRecords.SWEEP))) {
            html = sweep(folder, figures);
        } else if (carnot.studies.measures.MeasureStudyRecords.isStudyFolder(folder)) {
            html = MeasureStudyPage.html(folder, figures);
        } else if (Files.isRegularFile(folder.resolve(RunRecorder.STATUS))
                && Files.isRegularFile(folder.resolve(RunRecorder.SPEC))) {
            html = run(folder, figures);
        } else {
            throw new ReportException(folder + ": neither a run folder (status.json, spec.json), a sweep folder "
                    + "(sweep.json) nor a measure study folder (" + carnot.studies.measures.MeasureStudyRecords.STUDY
                    + ")");
        }
        Path page = absolute.resolve(PAGE);
        AtomicFiles.write(root, page, html);
        return page;
    }

    /** Collects the charts: inline SVG for the page, SVG and PNG files beside it. */
    static final class Figures {
        private final Path root;
        private final Path folder;
        private final Set<String> names = new LinkedHashSet<>();

        Figures(Path root, Path folder) {
            this.root = root;
            this.folder = folder;
        }

        String add(String name, Chart chart) throws IOException {
            String unique = unique(name);
            AtomicFiles.write(root, folder.resolve(unique + ".png"), ChartRenderer.png(chart));
            return figure(unique, ChartRenderer.svg(chart));
        }

        String add(String name, HeatMap map) throws IOException {
            String unique = unique(name);
            AtomicFiles.write(root, folder.resolve(unique + ".png"), HeatMapRenderer.png(map));
            return figure(unique, HeatMapRenderer.svg(map));
        }

        private String unique(String name) {
            String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
            String unique = safe;
            for (int i = 2; !names.add(unique); i++) {
                unique = safe + "-" + i;
            }
            return unique;
        }

        /** Writes the SVG file beside the PNG; the figure element for the page. */
        private String figure(String unique, String svg) throws IOException {
            AtomicFiles.write(root, folder.resolve(unique + ".svg"), svg);
            return "<figure>" + svg.substring(svg.indexOf("<svg")) + "<figcaption>figures/" + Html.escape(unique)
                    + ".png, .svg</figcaption></figure>\n";
        }
    }

    // ---------------------------------------------------------------- runs

    private static String run(Path folder, Figures figures) throws IOException {
        JsonNode spec = JSON.readTree(folder.resolve(RunRecorder.SPEC).toFile());
        JsonNode provenance = readOptional(folder.resolve(RunRecorder.PROVENANCE));
        RunRecords.Status status = RunRecords.status(folder);
        List<EpochMetrics> metrics = RunRecords.metrics(folder);
        String name = spec.path("name").asText();
        StringBuilder body = new StringBuilder();
        body.append("<h1>Run ").append(Html.escape(name)).append(", seed ").append(spec.path("seed").asLong())
                .append("</h1>\n<p class=\"note\">").append(Html.escape(folder.toAbsolutePath().normalize().toString()))
                .append("</p>\n");
        if (!spec.path("description").asText().isEmpty()) {
            body.append("<p>").append(Html.escape(spec.path("description").asText())).append("</p>\n");
        }
        body.append("<h2>Outcome</h2>\n");
        List<List<String>> rows = new ArrayList<>();
        // Liveness: a status that says running is "interrupted" when no process holds the folder any more.
        carnot.api.runs.RunInfo info = RunRecords.info(folder);
        rows.add(List.of("status", info.state().label() + (info.message().isEmpty() ? "" : ": " + info.message())));
        rows.add(List.of("epochs", status.epochsCompleted() + " of " + status.epochsPlanned()));
        if (!metrics.isEmpty()) {
            EpochMetrics last = metrics.get(metrics.size() - 1);
            rows.add(List.of("train error / loss", fmt(last.trainError()) + " / " + fmt(last.trainLoss())));
            rows.add(List.of("test error / loss", fmt(last.testError()) + " / " + fmt(last.testLoss())));
            rows.add(List.of("generalization gap (test - train error)", fmt(last.generalizationGap())));
            rows.add(List.of("optimizer steps", Long.toString(last.step())));
            rows.add(List.of("training time (s)", fmt(metrics.stream().mapToDouble(EpochMetrics::seconds).sum())));
        }
        if (provenance != null) {
            rows.add(List.of("parameters p, training examples n, p/n", provenance.path("parameterCount").asLong() + ", "
                    + provenance.path("trainSize").asInt() + ", " + fmt(provenance.path("parametersPerExample").asDouble())));
            rows.add(List.of("SGD noise scale lr·N/(B(1−m))", fmt(provenance.path("sgdNoiseScale").asDouble())));
        }
        body.append(Html.table(List.of("what", "value"), rows));

        if (!metrics.isEmpty()) {
            body.append("<h2>Curves</h2>\n");
            double[] epochs = metrics.stream().mapToDouble(EpochMetrics::epoch).toArray();
            body.append(figures.add("error", new Chart("0-1 error", "epoch", "error", false, false, List.of(
                    Chart.Series.line("train", epochs, metrics.stream().mapToDouble(EpochMetrics::trainError).toArray()),
                    Chart.Series.line("test", epochs, metrics.stream().mapToDouble(EpochMetrics::testError).toArray())))));
            body.append(figures.add("loss", new Chart("Mean loss", "epoch", "loss", false, positive(metrics), List.of(
                    Chart.Series.line("train", epochs, metrics.stream().mapToDouble(EpochMetrics::trainLoss).toArray()),
                    Chart.Series.line("test", epochs, metrics.stream().mapToDouble(EpochMetrics::testLoss).toArray())))));
            body.append(figures.add("learning-rate", new Chart("Learning rate (last step of each epoch)", "epoch",
                    "learning rate", false, false, List.of(Chart.Series.line("lr", epochs,
                            metrics.stream().mapToDouble(EpochMetrics::learningRate).toArray())))));
        }
        body.append(analyses(folder, figures));
        body.append(TrajectoryFigures.section(folder, figures));
        body.append(provenance(provenance));
        body.append("<h2>Experiment (spec.json, every default filled in)</h2>\n<pre>")
                .append(Html.escape(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec))).append("</pre>\n");
        return Html.page("Carnot run " + name, body.toString());
    }

    private static boolean positive(List<EpochMetrics> metrics) {
        return metrics.stream().allMatch(m -> m.trainLoss() > 0 && m.testLoss() > 0);
    }

    /**
     * Each analysis' scalars over epochs (a chart per scalar when recorded at two epochs or more) and at the
     * end, its histograms at the last epoch and its series ({@link SeriesCharts}).
     */
    private static String analyses(Path folder, Figures figures) throws IOException {
        Path file = folder.resolve(RunRecorder.ANALYSES);
        if (!Files.exists(file)) {
            return "";
        }
        Map<String, TreeMap<Integer, Map<String, Double>>> byAnalysis = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            String key = node.path("index").asInt() + "-" + node.path("id").asText();
            Map<String, Double> scalars = new LinkedHashMap<>();
            node.path("scalars").fields().forEachRemaining(e -> scalars.put(e.getKey(), e.getValue().asDouble()));
            byAnalysis.computeIfAbsent(key, k -> new TreeMap<>()).put(node.path("epoch").asInt(), scalars);
        }
        if (byAnalysis.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>Analyses</h2>\n");
        int charts = 0;
        for (Map.Entry<String, TreeMap<Integer, Map<String, Double>>> analysis : byAnalysis.entrySet()) {
            html.append("<h3>").append(Html.escape(analysis.getKey())).append("</h3>\n");
            TreeMap<Integer, Map<String, Double>> epochs = analysis.getValue();
            Set<String> names = new LinkedHashSet<>();
            epochs.values().forEach(m -> names.addAll(m.keySet()));
            List<List<String>> rows = new ArrayList<>();
            for (String scalar : names) {
                List<String> row = new ArrayList<>(List.of(scalar));
                epochs.forEach((epoch, values) -> row.add(values.containsKey(scalar) ? fmt(values.get(scalar)) : ""));
                rows.add(row);
            }
            List<String> header = new ArrayList<>(List.of("scalar \\ epoch"));
            epochs.keySet().forEach(e -> header.add(Integer.toString(e)));
            html.append(Html.table(header, rows));
            if (epochs.size() >= 2) {
                for (String scalar : names) {
                    if (charts++ >= MAX_ANALYSIS_CHARTS) {
                        break;
                    }
                    double[] x = epochs.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
                    double[] y = epochs.values().stream().mapToDouble(m -> m.getOrDefault(scalar, Double.NaN)).toArray();
                    html.append(figures.add(analysis.getKey() + "-" + scalar, new Chart(analysis.getKey() + ": " + scalar,
                            "epoch", scalar, false, false, List.of(Chart.Series.line(scalar, x, y)))));
                }
            }
            html.append(histograms(folder, analysis.getKey(), epochs.lastKey(), figures));
            String[] indexAndId = analysis.getKey().split("-", 2);
            html.append(SeriesCharts.charts(folder, Integer.parseInt(indexAndId[0]), indexAndId[1], epochs.navigableKeySet(),
                    figures, MAX_ANALYSIS_CHARTS));
        }
        return html.toString();
    }

    /**
     * The histograms an analysis recorded at its last epoch (for example the margin distributions),
     * one chart each: the count of every bin at the bin's centre.
     */
    private static String histograms(Path folder, String analysis, int epoch, Figures figures) throws IOException {
        Path file = folder.resolve("analyses").resolve(analysis).resolve(String.format("epoch-%04d.json", epoch));
        JsonNode record = readOptional(file);
        JsonNode histograms = record == null ? null : record.path("histograms");
        if (histograms == null || !histograms.isObject() || histograms.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        int charts = 0;
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) histograms::fields) {
            if (charts++ >= MAX_ANALYSIS_CHARTS) {
                break;
            }
            JsonNode edges = entry.getValue().path("edges");
            JsonNode counts = entry.getValue().path("counts");
            int bins = counts.size();
            if (bins == 0 || edges.size() != bins + 1) {
                continue;
            }
            double[] x = new double[bins];
            double[] y = new double[bins];
            for (int b = 0; b < bins; b++) {
                x[b] = (edges.get(b).asDouble() + edges.get(b + 1).asDouble()) / 2;
                y[b] = counts.get(b).asDouble();
            }
            String name = entry.getKey();
            html.append(figures.add(analysis + "-" + name, new Chart(analysis + ": " + name + " (epoch " + epoch + ")",
                    name.replace(".histogram", ""), "count", false, false,
                    List.of(new Chart.Series(name, x, y, null, true, false)))));
        }
        return html.toString();
    }

    private static String provenance(JsonNode p) throws IOException {
        if (p == null) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>Provenance</h2>\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Carnot", p.path("carnot").asText()));
        rows.add(List.of("created", p.path("createdAt").asText()));
        if (p.has("resumedAfterEpoch")) {
            rows.add(List.of("resumed after epoch", p.path("resumedAfterEpoch").asText()));
        }
        rows.add(List.of("seeds", p.path("seeds").toString()));
        p.path("data").fields().forEachRemaining(e -> rows.add(List.of("data: " + e.getKey(), e.getValue().path("name")
                .asText() + ", n = " + e.getValue().path("size").asInt() + ", sha256 " + e.getValue().path("sha256").asText())));
        if (p.has("baseData")) {
            rows.add(List.of("base data", p.path("baseData").toString()));
            for (JsonNode step : p.path("perturbations")) {
                rows.add(List.of("perturbation " + step.path("id").asText(), step.path("settings").toString() + ", seed "
                        + step.path("seed").asLong() + ", train sha256 " + step.path("trainSha256").asText()));
            }
        }
        JsonNode engine = p.path("engine");
        rows.add(List.of("engine", "DJL " + engine.path("djl").asText() + ", " + engine.path("name").asText() + " "
                + engine.path("version").asText() + ", threads " + engine.path("threads").asText()));
        JsonNode jvm = p.path("jvm");
        rows.add(List.of("JVM, OS", jvm.path("version").asText() + " (" + jvm.path("vendor").asText() + "), "
                + jvm.path("os").asText() + ", " + jvm.path("processors").asInt() + " processors"));
        html.append(Html.table(List.of("what", "value"), rows));
        List<List<String>> components = new ArrayList<>();
        for (JsonNode c : p.path("components")) {
            components.add(List.of(c.path("kind").asText(), c.path("id").asText(), c.path("bundle").asText(),
                    c.path("version").asText()));
        }
        html.append(Html.table(List.of("kind", "id", "bundle", "version"), components));
        return html.toString();
    }

    // ---------------------------------------------------------------- sweeps

    private static String sweep(Path folder, Figures figures) throws IOException, ReportException {
        Sweeps.Plan plan;
        try {
            plan = Sweeps.parse(folder.resolve(SweepRecords.SWEEP), Files.readString(folder.resolve(SweepRecords.SWEEP)));
        } catch (ExperimentFileException e) {
            throw new ReportException(e.getMessage());
        }
        List<SweepRecords.Cell> cells = SweepRecords.cells(folder, plan);
        JsonNode status = readOptional(folder.resolve(RunRecorder.STATUS));
        StringBuilder body = new StringBuilder();
        body.append("<h1>Sweep ").append(Html.escape(plan.name())).append("</h1>\n<p class=\"note\">")
                .append(Html.escape(folder.toAbsolutePath().normalize().toString())).append("</p>\n");
        String description = plan.source().path("description").asText();
        if (!description.isEmpty()) {
            body.append("<p>").append(Html.escape(description)).append("</p>\n");
        }
        long completed = cells.stream().flatMap(c -> c.points().stream()).filter(r -> "completed".equals(r.status())).count();
        body.append("<p>").append(plan.points().size()).append(" points: ").append(plan.cells()).append(" cells × ")
                .append(plan.seeds().size()).append(" seeds ").append(Html.escape(plan.seeds().toString())).append("; ")
                .append(completed).append(" completed").append(status == null ? "" : " (sweep status: "
                        + Html.escape(SweepRecords.info(folder).state().label()) + ")")
                .append(". Values are the final epoch's, "
                        + "mean ± sample standard deviation over the completed seeds.</p>\n");

        body.append("<h2>Results per cell</h2>\n");
        List<String> extra = analysisColumns(cells);
        List<String> header = new ArrayList<>();
        plan.axes().forEach(a -> header.add(a.shortName()));
        header.addAll(List.of("seeds done", "n", "p", "p/n", "train error", "test error", "gap", "epochs"));
        header.addAll(extra);
        List<List<String>> rows = new ArrayList<>();
        for (SweepRecords.Cell cell : cells) {
            List<String> row = new ArrayList<>();
            cell.values().values().forEach(v -> row.add(Sweeps.valueLabel(v)));
            long done = cell.points().stream().filter(r -> "completed".equals(r.status())).count();
            SweepRecords.PointResult first = cell.points().get(0);
            row.add(done + "/" + cell.points().size());
            row.add(Integer.toString(first.trainSize()));
            row.add(Long.toString(first.parameterCount()));
            row.add(first.trainSize() == 0 ? "" : fmt((double) first.parameterCount() / first.trainSize()));
            for (String m : List.of("trainError", "testError", "generalizationGap", "epochs")) {
                row.add(spread(cell.metrics().get(m)));
            }
            extra.forEach(m -> row.add(spread(cell.metrics().get(m))));
            rows.add(row);
        }
        body.append(Html.table(header, rows));

        body.append("<h2>Charts</h2>\n");
        for (int a = 0; a < plan.axes().size(); a++) {
            body.append(axisCharts(plan, cells, a, figures, extra));
        }
        body.append(noiseScaleCharts(cells, figures));
        List<LearningCurves.PowerLaw> fits = LearningCurves.fits(plan, cells);
        if (!fits.isEmpty()) {
            body.append(learningCurves(cells, fits, plan, figures));
        }
        body.append(epochCurves(folder, plan, cells, figures));

        body.append("<h2>Provenance</h2>\n");
        List<List<String>> points = new ArrayList<>();
        JsonNode firstProvenance = null;
        for (SweepRecords.Cell cell : cells) {
            for (SweepRecords.PointResult r : cell.points()) {
                JsonNode p = readOptional(folder.resolve(SweepRecords.POINTS).resolve(r.point().folder())
                        .resolve(RunRecorder.PROVENANCE));
                if (p != null && firstProvenance == null) {
                    firstProvenance = p;
                }
                points.add(List.of(r.point().folder(), Long.toString(r.point().seed()), r.status(),
                        p == null ? "" : p.path("data").path("train").path("sha256").asText(),
                        p == null ? "" : p.path("data").path("test").path("sha256").asText()));
            }
        }
        body.append("<p>Every point is a run folder under <code>points/</code> with its own spec.json, "
                + "provenance.json and metrics; data hashes per point (after perturbations):</p>\n");
        body.append(Html.table(List.of("point", "seed", "status", "train sha256", "test sha256"), points));
        if (firstProvenance != null) {
            body.append("<p>Components, engine and JVM of the first point:</p>\n");
            body.append(provenance(firstProvenance).replace("<h2>Provenance</h2>\n", ""));
        }
        body.append("<h2>Sweep file (sweep.json)</h2>\n<pre>")
                .append(Html.escape(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan.source())))
                .append("</pre>\n");
        return Html.page("Carnot sweep " + plan.name(), body.toString());
    }

    /**
     * Final analysis scalars summarized per cell (at most 12 columns). With several cells, scalars
     * that are the same constant in every point (bookkeeping such as a parameter or example count)
     * are left out, so the columns go to what the sweep changes.
     */
    private static List<String> analysisColumns(List<SweepRecords.Cell> cells) {
        Set<String> names = new LinkedHashSet<>();
        for (SweepRecords.Cell cell : cells) {
            cell.metrics().keySet().stream().filter(k -> k.contains(".")).forEach(names::add);
        }
        return names.stream().filter(name -> cells.size() < 2 || !constant(cells, name)).limit(12).toList();
    }

    private static boolean constant(List<SweepRecords.Cell> cells, String name) {
        Double value = null;
        for (SweepRecords.Cell cell : cells) {
            SweepRecords.Spread spread = cell.metrics().get(name);
            if (spread == null || spread.n() == 0 || spread.min() != spread.max()
                    || (value != null && value != spread.min())) {
                return false;
            }
            value = spread.min();
        }
        return true;
    }

    /** Train and test error (and analysis scalars) against axis {@code a}, one series per combination of the others. */
    private static String axisCharts(Sweeps.Plan plan, List<SweepRecords.Cell> cells, int a, Figures figures,
            List<String> extra) throws IOException {
        Sweeps.Axis axis = plan.axes().get(a);
        boolean numeric = axis.values().stream().allMatch(JsonNode::isNumber);
        double[] positions = new double[axis.values().size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = numeric ? axis.values().get(i).asDouble() : i;
        }
        boolean logX = numeric && axis.values().stream().allMatch(v -> v.asDouble() > 0) && max(positions) / min(positions) >= 20;
        String xLabel = axis.shortName();
        if (!numeric) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < positions.length; i++) {
                JsonNode v = axis.values().get(i);
                names.add(i + "=" + Sweeps.valueLabel(v));
            }
            xLabel = xLabel + ": " + String.join(", ", names);
            if (xLabel.length() > 80) {
                xLabel = xLabel.substring(0, 79) + "…";
            }
        }
        // Group cells by the values of the other axes.
        List<String> metrics = new ArrayList<>(List.of("trainError", "testError"));
        metrics.addAll(extra);
        metrics.add("epochs");
        Map<String, Map<String, double[][]>> byMetric = new LinkedHashMap<>();
        for (String metric : metrics) {
            byMetric.put(metric, new LinkedHashMap<>());
        }
        for (SweepRecords.Cell cell : cells) {
            List<String> rest = new ArrayList<>();
            cell.values().forEach((path, v) -> {
                if (!path.equals(axis.path())) {
                    rest.add(shortName(path) + "=" + Sweeps.valueLabel(v));
                }
            });
            String group = rest.isEmpty() ? "" : String.join(", ", rest);
            int position = axis.values().indexOf(cell.values().get(axis.path()));
            for (String metric : metrics) {
                double[][] data = byMetric.get(metric).computeIfAbsent(group, g -> {
                    double[][] d = new double[2][positions.length];
                    java.util.Arrays.fill(d[0], Double.NaN);
                    java.util.Arrays.fill(d[1], Double.NaN);
                    return d;
                });
                SweepRecords.Spread s = cell.metrics().get(metric);
                if (s != null) {
                    data[0][position] = s.mean();
                    data[1][position] = s.std();
                }
            }
        }
        StringBuilder html = new StringBuilder("<h3>Against " + Html.escape(axis.path()) + "</h3>\n");
        List<Chart.Series> errors = new ArrayList<>();
        for (String group : byMetric.get("testError").keySet()) {
            if (errors.size() >= MAX_SERIES) {
                break;
            }
            String suffix = group.isEmpty() ? "" : " (" + group + ")";
            double[][] test = byMetric.get("testError").get(group);
            double[][] train = byMetric.get("trainError").get(group);
            errors.add(new Chart.Series("test" + suffix, positions, test[0], test[1], true, false));
            errors.add(new Chart.Series("train" + suffix, positions, train[0], train[1], true, true));
        }
        html.append(figures.add("error-vs-" + axis.shortName(), new Chart("Final 0-1 error vs " + axis.shortName()
                + " (mean ± std over seeds; dashed: train)", xLabel, "error", logX, false, errors)));
        List<String> others = new ArrayList<>(extra);
        others.add("epochs");
        for (String metric : others) {
            List<Chart.Series> series = new ArrayList<>();
            for (Map.Entry<String, double[][]> e : byMetric.get(metric).entrySet()) {
                if (series.size() >= MAX_SERIES) {
                    break;
                }
                if (java.util.Arrays.stream(e.getValue()[0]).allMatch(Double::isNaN)) {
                    continue;
                }
                series.add(new Chart.Series(e.getKey().isEmpty() ? metric : e.getKey(), positions, e.getValue()[0],
                        e.getValue()[1], true, false));
            }
            if (!series.isEmpty()) {
                html.append(figures.add(metric + "-vs-" + axis.shortName(), new Chart(("epochs".equals(metric)
                        ? "Epochs trained (time-to-fit when stopping at a target)" : metric) + " vs " + axis.shortName(),
                        xLabel, metric, logX, false, series)));
            }
        }
        return html.toString();
    }

    private static String learningCurves(List<SweepRecords.Cell> cells, List<LearningCurves.PowerLaw> fits,
            Sweeps.Plan plan, Figures figures) throws IOException {
        StringBuilder html = new StringBuilder("<h3>Learning curves: test error = a·n^b (Hestness et al. 2017)</h3>\n");
        List<Chart.Series> series = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (LearningCurves.PowerLaw fit : fits) {
            String group = fit.group().isEmpty() ? "" : " " + fit.group();
            List<double[]> pairs = new ArrayList<>();
            for (SweepRecords.Cell cell : cells) {
                boolean member = fit.group().entrySet().stream().allMatch(e -> e.getValue().equals(cell.values().get(e.getKey())));
                if (!member) {
                    continue;
                }
                for (SweepRecords.PointResult r : cell.points()) {
                    if ("completed".equals(r.status()) && r.finals().containsKey("testError")) {
                        pairs.add(new double[] {r.trainSize(), r.finals().get("testError")});
                    }
                }
            }
            if (series.size() < MAX_SERIES) {
                series.add(new Chart.Series("measured" + group, pairs.stream().mapToDouble(p -> p[0]).toArray(),
                        pairs.stream().mapToDouble(p -> p[1]).toArray(), null, true, false));
                double lo = fit.sizes().get(0);
                double hi = fit.sizes().get(fit.sizes().size() - 1);
                double[] x = {lo, Math.sqrt(lo * hi), hi};
                double[] y = new double[3];
                for (int i = 0; i < 3; i++) {
                    y[i] = fit.coefficient() * Math.pow(x[i], fit.exponent());
                }
                series.add(new Chart.Series(String.format(Locale.ROOT, "fit b = %.3f", fit.exponent()), x, y, null,
                        false, true));
            }
            rows.add(List.of(fit.group().isEmpty() ? "(all)" : fit.group().toString(), Integer.toString(fit.points()),
                    fit.sizes().toString(), fmt(fit.coefficient()), fmt(fit.exponent()),
                    "[" + fmt(fit.exponentLow()) + ", " + fmt(fit.exponentHigh()) + "]", fmt(fit.r2())));
        }
        // The measured points are drawn as markers only: split them out of the line drawing.
        List<Chart.Series> drawn = new ArrayList<>();
        for (Chart.Series s : series) {
            if (s.name().startsWith("measured")) {
                drawn.add(scatter(s));
            } else {
                drawn.add(s);
            }
        }
        html.append(figures.add("learning-curve", new Chart("Test error vs training-set size n (log-log)", "n",
                "test error", true, true, drawn)));
        html.append(Html.table(List.of("group", "points", "n", "a", "exponent b", "95% interval of b", "R² (log-log)"),
                rows));
        html.append("<p class=\"note\">OLS on (log n, log error) over every completed seed; the interval is b ± "
                + "t<sub>0.975, m−2</sub>·se(b).</p>\n");
        return html.toString();
    }

    /**
     * When cells differ in the SGD noise scale g = lr·N/(B(1−m)) (Smith & Le 2018): final test
     * error and generalization gap against g, one marker per cell.
     */
    private static String noiseScaleCharts(List<SweepRecords.Cell> cells, Figures figures) throws IOException {
        List<double[]> points = new ArrayList<>();
        for (SweepRecords.Cell cell : cells) {
            SweepRecords.Spread g = cell.metrics().get("sgdNoiseScale");
            SweepRecords.Spread test = cell.metrics().get("testError");
            SweepRecords.Spread gap = cell.metrics().get("generalizationGap");
            if (g != null && test != null && gap != null) {
                points.add(new double[] {g.mean(), test.mean(), test.std(), gap.mean(), gap.std()});
            }
        }
        if (points.stream().mapToDouble(p -> p[0]).distinct().count() < 2) {
            return "";
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] g = points.stream().mapToDouble(p -> p[0]).toArray();
        Chart.Series test = new Chart.Series("test error", g, points.stream().mapToDouble(p -> p[1]).toArray(),
                points.stream().mapToDouble(p -> p[2]).toArray(), true, false);
        Chart.Series gap = new Chart.Series("gap (test − train)", g, points.stream().mapToDouble(p -> p[3]).toArray(),
                points.stream().mapToDouble(p -> p[4]).toArray(), true, true);
        boolean log = g[0] > 0 && g[g.length - 1] / g[0] >= 20;
        return "<h3>Against the SGD noise scale g = lr·N/(B(1−m)) (Smith &amp; Le 2018)</h3>\n"
                + figures.add("error-vs-noise-scale", new Chart("Final test error and gap vs noise scale (one point per "
                        + "cell)", "g", "error", log, false, List.of(scatter(test), scatter(gap))));
    }

    /** A series of unconnected markers: each point its own one-point run. */
    static Chart.Series scatter(Chart.Series s) {
        int n = s.x().length;
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        double[] e = s.error() == null ? null : new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = s.x()[i];
            y[2 * i] = s.y()[i];
            x[2 * i + 1] = Double.NaN;
            y[2 * i + 1] = Double.NaN;
            if (e != null) {
                e[2 * i] = s.error()[i];
                e[2 * i + 1] = Double.NaN;
            }
        }
        return new Chart.Series(s.name(), x, y, e, true, s.dashed());
    }

    /** Test and train error over epochs per cell, averaged over the cell's completed seeds. */
    private static String epochCurves(Path folder, Sweeps.Plan plan, List<SweepRecords.Cell> cells, Figures figures)
            throws IOException {
        List<Chart.Series> test = new ArrayList<>();
        List<Chart.Series> train = new ArrayList<>();
        for (SweepRecords.Cell cell : cells) {
            if (test.size() >= MAX_SERIES) {
                break;
            }
            TreeMap<Integer, double[]> sums = new TreeMap<>();
            for (SweepRecords.PointResult r : cell.points()) {
                if (!"completed".equals(r.status())) {
                    continue;
                }
                for (EpochMetrics m : RunRecords.metrics(folder.resolve(SweepRecords.POINTS).resolve(r.point().folder()))) {
                    double[] s = sums.computeIfAbsent(m.epoch(), e -> new double[3]);
                    s[0] += m.testError();
                    s[1] += m.trainError();
                    s[2]++;
                }
            }
            if (sums.isEmpty()) {
                continue;
            }
            double[] x = sums.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            String label = cell.points().get(0).point().label();
            test.add(Chart.Series.line(label, x, sums.values().stream().mapToDouble(s -> s[0] / s[2]).toArray()));
            train.add(Chart.Series.line(label, x, sums.values().stream().mapToDouble(s -> s[1] / s[2]).toArray()));
        }
        if (test.isEmpty()) {
            return "";
        }
        return "<h3>Over epochs (mean over seeds" + (cells.size() > MAX_SERIES ? "; first " + MAX_SERIES + " cells" : "")
                + ")</h3>\n" + figures.add("test-error-over-epochs", new Chart("Test error over epochs", "epoch",
                        "test error", false, false, test))
                + figures.add("train-error-over-epochs", new Chart("Train error over epochs", "epoch", "train error",
                        false, false, train));
    }

    private static String shortName(String path) {
        return new Sweeps.Axis(path, List.of()).shortName();
    }

    static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(1);
    }

    static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(1);
    }

    private static String spread(SweepRecords.Spread s) {
        if (s == null || s.n() == 0) {
            return "";
        }
        return s.n() == 1 ? fmt(s.mean()) : fmt(s.mean()) + " ± " + fmt(s.std());
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static JsonNode readOptional(Path file) throws IOException {
        return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
    }
}
