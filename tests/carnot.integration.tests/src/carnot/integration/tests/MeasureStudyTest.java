package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.studies.measures.MeasureStatistics;
import carnot.studies.measures.MeasureStudyRecords;
import carnot.studies.measures.MeasureStudyResult;
import carnot.workspace.RunRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * P17, the measure study (Jiang et al. 2020), at CI size through the real command line: the sweep
 * {@code experiments/ci/p17-measures.json} is run first, then ranked. The statistics are recomputed
 * here from the recorded numbers ({@code runs.csv}) by the paper's formulas written out plainly, the
 * measures are checked against what the run folders recorded, and the finding that holds on every
 * seed tried is asserted.
 */
class MeasureStudyTest {

    @TempDir
    Path workspace;

    @Test
    void p17StatisticsAgreeWithAHandComputationOnTheRecordedRuns() throws Exception {
        CommandLineRun run = CommandLineRun.carnot("measures", SavedExperiments.file("ci/p17-measures.json").toString(),
                "--workspace", workspace.toString(), "--resamples", "200");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("measures sorted by tau"), run::toString);
        Path folder = studyFolder();
        MeasureStudyResult study = MeasureStudyRecords.read(folder);
        assertEquals(8, study.table().runs().size(), () -> "every network reached train loss 0.1: " + study.table());
        assertTrue(Files.isRegularFile(folder.resolve("report/report.html")));

        List<Map<String, String>> runs = csv(folder.resolve(MeasureStudyRecords.RUNS_CSV));
        List<String> axes = List.of("hidden", "learningRate", "batchSize");
        for (Map<String, String> row : runs) {
            // The table holds what the run folder recorded: the gap and an analysis scalar at the last epoch.
            Path runFolder = study.table().runs().stream().filter(r -> r.folder().equals(row.get("run"))).findFirst()
                    .map(r -> Path.of(study.table().sweepFolder()).resolve(r.folder())).orElseThrow();
            var metrics = RunRecords.metrics(runFolder);
            var last = metrics.get(metrics.size() - 1);
            assertEquals(last.testError() - last.trainError(), Double.parseDouble(row.get("gap")), 1e-6);
            double recorded = SavedExperiments.lastScalars(runFolder, 3, "hessian-spectrum").get("topEigenvalue")
                    .asDouble();
            assertEquals(recorded, Double.parseDouble(row.get("hessian-spectrum.topEigenvalue")),
                    1e-5 * Math.abs(recorded));
        }
        for (MeasureStatistics s : study.statistics()) {
            double[] m = runs.stream().mapToDouble(r -> s.sign() * Double.parseDouble(r.get(s.measure()))).toArray();
            double[] g = runs.stream().mapToDouble(r -> Double.parseDouble(r.get("gap"))).toArray();
            assertEquals(tau(m, g), s.tau(), 1e-5, s.measure() + ": tau");
            double psiSum = 0;
            for (int a = 0; a < axes.size(); a++) {
                double psi = psi(runs, axes, a, m, g);
                assertEquals(psi, s.psi()[a], 1e-5, s.measure() + ": psi " + axes.get(a));
                psiSum += psi;
            }
            assertEquals(psiSum / axes.size(), s.overallPsi(), 1e-5, s.measure() + ": Psi");
            assertEquals(cmi(runs, null, m, g), s.cmiUnconditioned(), 1e-5, s.measure() + ": CMI");
            assertEquals(cmi(runs, "hidden", m, g), s.cmiGivenAxis()[0], 1e-5, s.measure() + ": CMI | hidden");
        }

        // Signs: a margin enters inverted, a norm as it is.
        assertEquals(-1, study.statistics("normalized-margins.train.spectral.min").sign());
        assertEquals(1, study.statistics("norms.frobeniusProduct").sign());
        // The parameter count is a function of the width: given the width it carries no information.
        MeasureStatistics parameters = study.statistics("parameterCount");
        assertEquals(0, parameters.cmiGivenAxis()[0], 1e-12);
        assertEquals(0, parameters.robustCmi(), 1e-12);
        // What held on every seed tried (1-5, 20 cells, by a factor of 2.1 to 7.7): in each (width,
        // learning rate) cell the batch-128 network has the larger top Hessian eigenvalue (Keskar et al. 2017).
        Map<String, Map<String, Double>> cells = new HashMap<>();
        for (Map<String, String> row : runs) {
            cells.computeIfAbsent(row.get("hidden") + " " + row.get("learningRate"), k -> new HashMap<>())
                    .put(row.get("batchSize"), Double.parseDouble(row.get("hessian-spectrum.topEigenvalue")));
        }
        cells.forEach((cell, byBatch) -> assertTrue(byBatch.get("128") > byBatch.get("16"),
                () -> "cell " + cell + ": " + byBatch));
    }

    @Test
    void refusesWhatIsNotAStudyBeforeTrainingAnything() throws Exception {
        Path fixed = workspace.resolve("fixed-epochs.json");
        Files.writeString(fixed, Files.readString(SavedExperiments.file("ci/p17-measures.json"))
                .replace("\"until\": \"train-loss\", \"target\": 0.1", "\"until\": \"epochs\""));
        CommandLineRun epochs = CommandLineRun.carnot("measures", fixed.toString(), "--workspace", workspace.toString());
        assertEquals(2, epochs.exitCode(), epochs::toString);
        assertTrue(epochs.err().contains("fixed-epochs.json: training.until: the measure study compares networks "
                + "trained to the same training loss"), epochs::toString);
        CommandLineRun single = CommandLineRun.carnot("measures", SavedExperiments.file("quickstart.json").toString(),
                "--workspace", workspace.toString());
        assertEquals(2, single.exitCode(), single::toString);
        assertTrue(single.err().contains("not a sweep file"), single::toString);
        CommandLineRun folder = CommandLineRun.carnot("measures", workspace.toString(), "--workspace",
                workspace.toString());
        assertEquals(2, folder.exitCode(), folder::toString);
        assertTrue(folder.err().contains("not a sweep folder"), folder::toString);
        CommandLineRun missing = CommandLineRun.carnot("measures", workspace.resolve("nope").toString(),
                "--workspace", workspace.toString());
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(CommandLineRun.runFolders(workspace).isEmpty(), "nothing was trained");
    }

    private Path studyFolder() throws IOException {
        try (Stream<Path> files = Files.walk(workspace.resolve("studies"))) {
            return files.filter(p -> p.getFileName().toString().equals(MeasureStudyRecords.STUDY)).findFirst()
                    .orElseThrow().getParent();
        }
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            // Axis labels like [32] hold no commas; the run folder names neither.
            String[] cells = line.split(",");
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Jiang et al.'s tau: 1 / (n (n-1)) sum over ordered pairs of sign(dm) sign(dg). */
    private static double tau(double[] m, double[] g) {
        double sum = 0;
        int n = m.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    sum += Math.signum(m[i] - m[j]) * Math.signum(g[i] - g[j]);
                }
            }
        }
        return sum / (n * (n - 1.0));
    }

    /** psi_a: tau within each group of runs equal on the other axes and the seed, averaged. */
    private static double psi(List<Map<String, String>> runs, List<String> axes, int a, double[] m, double[] g) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            StringBuilder key = new StringBuilder(runs.get(r).get("seed"));
            for (int b = 0; b < axes.size(); b++) {
                if (b != a) {
                    key.append('|').append(runs.get(r).get(axes.get(b)));
                }
            }
            groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(r);
        }
        double sum = 0;
        for (List<Integer> members : groups.values()) {
            sum += tau(members.stream().mapToDouble(i -> m[i]).toArray(),
                    members.stream().mapToDouble(i -> g[i]).toArray());
        }
        return sum / groups.size();
    }

    /** I(V_m; V_g | U) / H(V_g | U) over ordered pairs of distinct runs, U the axis' values of both (or none). */
    private static double cmi(List<Map<String, String>> runs, String axis, double[] m, double[] g) {
        Map<String, Map<String, Double>> joint = new HashMap<>();
        int pairs = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (i != j) {
                    String u = axis == null ? "" : runs.get(i).get(axis) + "|" + runs.get(j).get(axis);
                    String vw = Math.signum(g[i] - g[j]) + "," + Math.signum(m[i] - m[j]);
                    joint.computeIfAbsent(u, k -> new HashMap<>()).merge(vw, 1.0, Double::sum);
                    pairs++;
                }
            }
        }
        double information = 0;
        double entropy = 0;
        for (Map<String, Double> slice : joint.values()) {
            double total = slice.values().stream().mapToDouble(Double::doubleValue).sum();
            Map<String, Double> pg = new HashMap<>();
            Map<String, Double> pm = new HashMap<>();
            slice.forEach((vw, c) -> {
                pg.merge(vw.split(",")[0], c / total, Double::sum);
                pm.merge(vw.split(",")[1], c / total, Double::sum);
            });
            double mi = 0;
            for (Map.Entry<String, Double> e : slice.entrySet()) {
                double p = e.getValue() / total;
                mi += p * Math.log(p / (pg.get(e.getKey().split(",")[0]) * pm.get(e.getKey().split(",")[1])));
            }
            double h = 0;
            for (double p : pg.values()) {
                h -= p * Math.log(p);
            }
            information += total / pairs * mi;
            entropy += total / pairs * h;
        }
        return information / entropy;
    }
}
