package carnot.workspace;

import carnot.workspace.internal.MetricsLines;

import carnot.workspace.internal.JsonLines;

import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Histogram;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunListener;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's events into its folder. Files written whole are replaced atomically (a crash
 * leaves the previous complete version); the per-epoch records are appended a line at a time, so
 * an epoch costs the same at epoch 10 and at epoch 100,000, and a crash leaves complete lines and
 * at most one torn last line, which readers ({@link JsonLines#read}) drop. Nothing is written
 * through a symbolic link or outside the workspace the folder belongs to
 * ({@link WorkspacePaths#workspaceOf}):
 * <ul>
 * <li>{@code spec.json}: the experiment with every default filled in;</li>
 * <li>{@code provenance.json}: seeds, dataset hashes, component bundles and versions, engine, JVM;</li>
 * <li>{@code metrics.jsonl} and {@code metrics.csv}: one row per evaluated epoch (0 = initial);</li>
 * <li>{@code analyses.jsonl}: one line per analysis call with its scalars; full results in
 * {@code analyses/<index>-<id>/epoch-NNNN.json};</li>
 * <li>{@code checkpoints/epoch-NNNN.params}: network parameters (DJL format);</li>
 * <li>{@code status.json}: running, then completed, failed or cancelled; written first and last,
 * so only a run whose status says completed is complete (on a full disk the final status is
 * rewritten in place, in the blocks the file already holds, rather than left saying running);</li>
 * <li>{@code resume.state}: after every epoch, what the engine needs to continue from it in
 * another process (weights, optimizer state, position); removed when the run completes;</li>
 * <li>{@code run.log}: a human-readable log.</li>
 * </ul>
 * A run resumed from {@code resume.state} ({@link #resuming}) keeps the records of the epochs up
 * to the resumed one and drops any later ones (written after the state was saved): the files are
 * cut back to the resumed epoch once, then appended to, so they read exactly as an uninterrupted run's.
 */
public final class RunRecorder implements RunListener {

    public static final String STATUS = "status.json";
    public static final String METRICS_JSONL = "metrics.jsonl";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String SPEC = "spec.json";
    public static final String PROVENANCE = "provenance.json";
    public static final String ANALYSES = "analyses.jsonl";
    /** Early stopping's validation split, one line per epoch: epoch, size, loss, error. */
    public static final String VALIDATION = "validation.jsonl";

    public static final String RESUME = "resume.state";
    /** Network parameters, {@code epoch-NNNN.params} in DJL's format. */
    public static final String CHECKPOINTS = "checkpoints";
    /** Full analysis results, {@code <index>-<id>/epoch-NNNN.json}. */
    public static final String ANALYSIS_RESULTS = "analyses";
    /** The human-readable log. */
    public static final String LOG = "run.log";

    private static final String RESUME_MAGIC = "carnot-run-resume";

    private final Path folder;
    private final Path workspace;
    /** The records kept when resuming, written back once at the start (cutting off later epochs). */
    private final List<EpochMetrics> keptMetrics = new ArrayList<>();
    private final List<String> keptAnalysisLines = new ArrayList<>();
    private final List<String> analysisFailures = new ArrayList<>();
    private EpochMetrics last;
    private int totalEpochs;
    private ObjectNode earlyStopping;
    private int resumedAfter = -1;

    private Double noiseScale;

    public RunRecorder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        this.workspace = WorkspacePaths.workspaceOf(this.folder);
    }

    /**
     * A recorder that adds analysis results to an existing run folder ({@code carnot analyze}):
     * {@code analyses.jsonl} keeps its lines and gains the new ones.
     */
    public static RunRecorder appendingTo(Path folder) throws IOException {
        RunRecorder recorder = new RunRecorder(folder);
        WorkspacePaths.requireInside(recorder.workspace, recorder.folder);
        return recorder;
    }

    /** A saved resume point: the epoch it follows and the engine's state. */
    public record Saved(int epoch, byte[] state) {
    }

    /** The run folder's resume point, if it has one that can be read. */
    public static java.util.Optional<Saved> saved(Path folder) throws IOException {
        Path file = folder.resolve(RESUME);
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                Files.newInputStream(file)))) {
            if (!RESUME_MAGIC.equals(in.readUTF())) {
                return java.util.Optional.empty();
            }
            int epoch = in.readInt();
            byte[] state = in.readAllBytes();
            return java.util.Optional.of(new Saved(epoch, state));
        } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * A recorder that continues a run folder after {@code epoch}: its metrics and analysis records
     * up to that epoch are kept, later ones (and a torn last line) dropped.
     */
    public static RunRecorder resuming(Path folder, int epoch) throws IOException {
        RunRecorder recorder = new RunRecorder(folder);
        RunRecords.metrics(folder).stream().filter(m -> m.epoch() <= epoch).forEach(recorder.keptMetrics::add);
        for (String line : JsonLines.read(folder.resolve(ANALYSES))) {
            if (ExperimentFiles.MAPPER.readTree(line).path("epoch").asInt() <= epoch) {
                recorder.keptAnalysisLines.add(line);
            }
        }
        recorder.last = recorder.keptMetrics.isEmpty() ? null : recorder.keptMetrics.get(recorder.keptMetrics.size() - 1);
        recorder.resumedAfter = epoch;
        return recorder;
    }

    /** The first analysis index not used in the run folder (by the spec's analyses or earlier re-runs). */
    public static int nextAnalysisIndex(Path folder) throws IOException {
        int next = 0;
        for (String line : JsonLines.read(folder.resolve(ANALYSES))) {
            next = Math.max(next, ExperimentFiles.MAPPER.readTree(line).path("index").asInt(-1) + 1);
        }
        Path analyses = folder.resolve(ANALYSIS_RESULTS);
        if (Files.isDirectory(analyses)) {
            try (java.util.stream.Stream<Path> children = Files.list(analyses)) {
                for (Path child : children.toList()) {
                    String name = child.getFileName().toString();
                    int dash = name.indexOf('-');
                    if (dash > 0 && dash < 10 && name.substring(0, dash).chars().allMatch(Character::isDigit)) {
                        next = Math.max(next, Integer.parseInt(name.substring(0, dash)) + 1);
                    }
                }
            }
        }
        return next;
    }

    public Path folder() {
        return folder;
    }

    @Override
    public void onEvent(RunEvent event) throws IOException {
        if (event instanceof RunEvent.Started started) {
            totalEpochs = started.spec().training().epochs();
            // Smith & Le (2018): the SGD noise scale g = lr N / (B (1 - m)), in the status too, so a
            // sweep's runs can be compared by it without opening their provenance.
            if (started.provenance().get("sgdNoiseScale") instanceof Number g) {
                noiseScale = g.doubleValue();
            }
            removeStaleTemporaryFiles();
            writeStatus(RunStatus.RUNNING, Math.max(0, resumedAfter), "", last);
            write(SPEC, json(ExperimentFiles.toJson(started.spec())));
            ObjectNode provenance = ExperimentFiles.MAPPER.valueToTree(started.provenance());
            write(PROVENANCE, json(provenance));
            // A fresh run starts its record files empty; a resumed one cuts them back to the resumed
            // epoch, dropping whatever an interrupted epoch left behind. From here on they are appended to.
            StringBuilder jsonl = new StringBuilder();
            StringBuilder csv = new StringBuilder(MetricsLines.CSV_HEADER).append('\n');
            for (EpochMetrics m : keptMetrics) {
                jsonl.append(MetricsLines.jsonLine(m));
                csv.append(MetricsLines.csvLine(m));
            }
            write(METRICS_JSONL, jsonl.toString());
            write(METRICS_CSV, csv.toString());
            write(ANALYSES, keptAnalysisLines.isEmpty() ? "" : String.join("\n", keptAnalysisLines) + "\n");
            keptMetrics.clear();
            keptAnalysisLines.clear();
            if (resumedAfter >= 0) {
                log("resumed after epoch " + resumedAfter + " of " + totalEpochs);
            } else {
                log("started " + started.spec().name() + ": p = " + started.parameterCount() + " parameters (p/n = "
                        + started.provenance().get("parametersPerExample") + "), "
                        + started.stepsPerEpoch() + " steps per epoch, " + totalEpochs + " epochs"
                        + (noiseScale == null ? "" : String.format(Locale.ROOT, ", SGD noise scale %.6g", noiseScale)));
            }
        } else if (event instanceof RunEvent.EpochEnd end) {
            EpochMetrics m = end.metrics();
            last = m;
            append(METRICS_JSONL, MetricsLines.jsonLine(m));
            append(METRICS_CSV, MetricsLines.csvLine(m));
            writeStatus(RunStatus.RUNNING, m.epoch(), "", m);
            log(String.format(Locale.ROOT, "epoch %d: train loss %.4f error %.4f, test loss %.4f error %.4f (%.1f s)",
                    m.epoch(), m.trainLoss(), m.trainError(), m.testLoss(), m.testError(), m.seconds()));
        } else if (event instanceof RunEvent.Validation v) {
            ObjectNode line = ExperimentFiles.MAPPER.createObjectNode();
            line.put("epoch", v.epoch());
            line.put("size", v.size());
            line.put("loss", v.loss());
            line.put("error", v.error());
            if (v.epoch() == 0) {
                write(VALIDATION, "");
            }
            append(VALIDATION, MetricsLines.LINE.writeValueAsString(line) + "\n");
            log(String.format(Locale.ROOT, "epoch %d: validation loss %.4f error %.4f (%d examples)", v.epoch(),
                    v.loss(), v.error(), v.size()));
        } else if (event instanceof RunEvent.EarlyStopped stop) {
            earlyStopping = ExperimentFiles.MAPPER.createObjectNode();
            earlyStopping.put("stopped", stop.stopped());
            earlyStopping.put("stoppedAfterEpoch", stop.epoch());
            earlyStopping.put("metric", stop.metric());
            earlyStopping.put("bestEpoch", stop.bestEpoch());
            earlyStopping.put("bestValue", stop.bestValue());
            earlyStopping.put("restoredBest", stop.restored());
            log("early stopping: " + earlyStopping);
        } else if (event instanceof RunEvent.AnalysisDone done) {
            writeAnalysis(done);
        } else if (event instanceof RunEvent.AnalysisFailed failed) {
            String line = "analysis " + failed.id() + " failed after epoch " + failed.epoch() + ": " + failed.message();
            analysisFailures.add(line);
            log(line);
        } else if (event instanceof RunEvent.Checkpoint checkpoint) {
            AtomicFiles.write(workspace, folder.resolve(CHECKPOINTS).resolve(String.format(Locale.ROOT,
                    "epoch-%04d.params", checkpoint.epoch())), checkpoint.parameters());
        } else if (event instanceof RunEvent.ResumePoint point) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(point.state().length + 64);
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
                out.writeUTF(RESUME_MAGIC);
                out.writeInt(point.epoch());
                out.write(point.state());
            }
            AtomicFiles.write(workspace, folder.resolve(RESUME), bytes.toByteArray());
        } else if (event instanceof RunEvent.Finished finished) {
            RunOutcome outcome = finished.outcome();
            if (outcome.status() == RunStatus.COMPLETED) {
                // The final checkpoint holds the weights; the resume state is no longer needed (a link
                // planted in its place is removed, never followed).
                Files.deleteIfExists(WorkspacePaths.requireInside(workspace, folder.resolve(RESUME)));
            }
            writeStatus(outcome.status(), outcome.epochsCompleted(), outcome.message(), outcome.last());
            try {
                log(outcome.status().label() + (outcome.message().isEmpty() ? "" : ": " + outcome.message()));
            } catch (java.io.UncheckedIOException e) {
                // The status is the record that counts; a full disk may refuse the log line.
            }
        }
    }

    private void writeAnalysis(RunEvent.AnalysisDone done) throws IOException {
        AnalysisResult result = done.result();
        ObjectNode node = ExperimentFiles.MAPPER.createObjectNode();
        node.put("id", done.id());
        node.put("epoch", done.epoch());
        node.put("seconds", done.seconds());
        ObjectNode scalars = node.putObject("scalars");
        result.scalars().forEach(scalars::put);
        ObjectNode series = node.putObject("series");
        for (Map.Entry<String, double[]> entry : result.series().entrySet()) {
            ArrayNode array = series.putArray(entry.getKey());
            for (double v : entry.getValue()) {
                array.add(v);
            }
        }
        ObjectNode histograms = node.putObject("histograms");
        for (Map.Entry<String, Histogram> entry : result.histograms().entrySet()) {
            ObjectNode h = histograms.putObject(entry.getKey());
            ArrayNode edges = h.putArray("edges");
            for (double e : entry.getValue().edges()) {
                edges.add(e);
            }
            ArrayNode counts = h.putArray("counts");
            for (long c : entry.getValue().counts()) {
                counts.add(c);
            }
        }
        Path file = folder.resolve(ANALYSIS_RESULTS).resolve(done.index() + "-" + done.id())
                .resolve(String.format(Locale.ROOT, "epoch-%04d.json", done.epoch()));
        AtomicFiles.write(workspace, file, json(node));
        ObjectNode line = ExperimentFiles.MAPPER.createObjectNode();
        line.put("id", done.id());
        line.put("index", done.index());
        line.put("epoch", done.epoch());
        line.set("scalars", scalars);
        append(ANALYSES, MetricsLines.LINE.writeValueAsString(line) + "\n");
    }

    private void writeStatus(RunStatus status, int epochs, String message, EpochMetrics lastMetrics) throws IOException {
        ObjectNode node = ExperimentFiles.MAPPER.createObjectNode();
        node.put("status", status.label());
        node.put("epochsCompleted", epochs);
        node.put("epochsPlanned", totalEpochs);
        node.put("message", message);
        node.put("updatedAt", Instant.now().toString());
        if (noiseScale != null) {
            node.put("sgdNoiseScale", noiseScale);
        }
        if (lastMetrics != null) {
            node.set("last", MetricsLines.node(lastMetrics));
        }
        if (earlyStopping != null) {
            node.set("earlyStopping", earlyStopping);
        }
        ArrayNode failures = node.putArray("analysisFailures");
        analysisFailures.forEach(failures::add);
        byte[] content = json(node).getBytes(StandardCharsets.UTF_8);
        try {
            // A running status is superseded within an epoch and says "running" after a crash whichever
            // version survives: atomic, not forced to disk. The first and the final status are forced.
            AtomicFiles.write(workspace, folder.resolve(STATUS), content, status != RunStatus.RUNNING || last == null);
        } catch (IOException e) {
            if (status == RunStatus.RUNNING || !Files.isRegularFile(folder.resolve(STATUS),
                    java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
            // A final status on a full disk: rewrite the blocks the file already holds rather than leave
            // it saying "running".
            try {
                AtomicFiles.overwrite(folder.resolve(STATUS), content);
            } catch (IOException inPlace) {
                e.addSuppressed(inPlace);
                throw e;
            }
        }
    }

    /**
     * Temporary files a killed process left behind ({@link AtomicFiles}' {@code .<name>.<12 hex>.tmp},
     * and {@code .<name>.tmp} of earlier versions); removed as links or files, never followed.
     */
    private void removeStaleTemporaryFiles() throws IOException {
        if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        java.util.regex.Pattern temporary = java.util.regex.Pattern.compile("\\..+(\\.[0-9a-f]{12})?\\.tmp");
        try (java.util.stream.Stream<Path> files = Files.walk(folder, 3)) {
            for (Path file : files.filter(f -> temporary.matcher(f.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void write(String name, String content) throws IOException {
        AtomicFiles.write(workspace, folder.resolve(name), content);
    }

    private void append(String name, String lines) throws IOException {
        JsonLines.append(workspace, folder.resolve(name), lines, true);
    }

    private void log(String line) {
        try {
            JsonLines.append(workspace, folder.resolve(LOG), Instant.now() + " " + line + "\n", false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(ObjectNode node) throws IOException {
        return ExperimentFiles.MAPPER.writeValueAsString(node) + "\n";
    }
}
