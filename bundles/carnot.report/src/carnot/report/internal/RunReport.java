package carnot.report.internal;

import carnot.report.Chart;
import carnot.report.Reports;

import carnot.api.experiment.EpochMetrics;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report page of one run folder: outcome, curves, every analysis (scalars over epochs,
 * histograms, series), the trajectory figures, provenance and the resolved experiment.
 */
public final class RunReport {

    private RunReport() {
    }

    public static String html(Path folder, Figures figures) throws IOException {
        JsonNode spec = ReportValues.JSON.readTree(folder.resolve(RunRecorder.SPEC).toFile());
        JsonNode provenance = ReportValues.readOptional(folder.resolve(RunRecorder.PROVENANCE));
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
            rows.add(List.of("train error / loss", ReportValues.fmt(last.trainError()) + " / " + ReportValues.fmt(last.trainLoss())));
            rows.add(List.of("test error / loss", ReportValues.fmt(last.testError()) + " / " + ReportValues.fmt(last.testLoss())));
            rows.add(List.of("generalization gap (test - train error)", ReportValues.fmt(last.generalizationGap())));
            rows.add(List.of("optimizer steps", Long.toString(last.step())));
            rows.add(List.of("training time (s)", ReportValues.fmt(metrics.stream().mapToDouble(EpochMetrics::seconds).sum())));
        }
        if (provenance != null) {
            rows.add(List.of("parameters p, training examples n, p/n", provenance.path("parameterCount").asLong() + ", "
                    + provenance.path("trainSize").asInt() + ", " + ReportValues.fmt(provenance.path("parametersPerExample").asDouble())));
            rows.add(List.of("SGD noise scale lr·N/(B(1−m))", ReportValues.fmt(provenance.path("sgdNoiseScale").asDouble())));
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
                .append(Html.escape(ReportValues.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec))).append("</pre>\n");
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
            JsonNode node = ReportValues.JSON.readTree(line);
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
                epochs.forEach((epoch, values) -> row.add(values.containsKey(scalar) ? ReportValues.fmt(values.get(scalar)) : ""));
                rows.add(row);
            }
            List<String> header = new ArrayList<>(List.of("scalar \\ epoch"));
            epochs.keySet().forEach(e -> header.add(Integer.toString(e)));
            html.append(Html.table(header, rows));
            if (epochs.size() >= 2) {
                for (String scalar : names) {
                    if (charts++ >= ReportValues.MAX_ANALYSIS_CHARTS) {
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
                    figures, ReportValues.MAX_ANALYSIS_CHARTS));
        }
        return html.toString();
    }

    /**
     * The histograms an analysis recorded at its last epoch (for example the margin distributions),
     * one chart each: the count of every bin at the bin's centre.
     */
    private static String histograms(Path folder, String analysis, int epoch, Figures figures) throws IOException {
        Path file = folder.resolve("analyses").resolve(analysis).resolve(String.format("epoch-%04d.json", epoch));
        JsonNode record = ReportValues.readOptional(file);
        JsonNode histograms = record == null ? null : record.path("histograms");
        if (histograms == null || !histograms.isObject() || histograms.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        int charts = 0;
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) histograms::fields) {
            if (charts++ >= ReportValues.MAX_ANALYSIS_CHARTS) {
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

    /** The provenance table of a run (or of a sweep's first point). */
    public static String provenance(JsonNode p) throws IOException {
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
}
