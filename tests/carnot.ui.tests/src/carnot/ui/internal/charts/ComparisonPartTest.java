package carnot.ui.internal.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.RunStatus;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.PartTest;
import carnot.ui.internal.UiTesting;
import carnot.ui.internal.explorer.RecordedRuns;
import carnot.ui.internal.explorer.WorkspaceTree;
import carnot.workspace.SampleStatistics;
import carnot.workspace.SweepRecords;
import carnot.workspace.Sweeps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swtchart.ISeries;
import org.junit.jupiter.api.Test;

/** Several runs overlaid, and final metrics summarized per experiment over seeds. */
class ComparisonPartTest extends PartTest {

    /** A finished run whose test error falls linearly to {@code finalTestError} over 4 epochs. */
    private Path run(String experiment, String id, double finalTestError) throws Exception {
        return runIn(workspace.resolve("runs").resolve(experiment).resolve(id), finalTestError);
    }

    private static Path runIn(Path folder, double finalTestError) throws Exception {
        Path run = Files.createDirectories(folder);
        Files.writeString(run.resolve("status.json"), "{\"status\": \"completed\", \"epochsCompleted\": 4, \"epochsPlanned\": 4}");
        StringBuilder lines = new StringBuilder();
        for (int e = 0; e <= 4; e++) {
            double test = 0.9 + (finalTestError - 0.9) * e / 4;
            lines.append(String.format(Locale.ROOT, "{\"epoch\":%d,\"trainLoss\":%s,\"trainError\":%s,\"testLoss\":1.0,"
                    + "\"testError\":%s}%n", e, 2.0 - e * 0.1, 0.1, test));
        }
        Files.writeString(run.resolve("metrics.jsonl"), lines);
        return run;
    }

    @Test
    void overlaysCurvesAndSummarizesFinalValuesOverSeeds() throws Exception {
        List<Path> runs = List.of(run("wide", "r-seed1", 0.20), run("wide", "r-seed2", 0.24), run("wide", "r-seed3", 0.25),
                run("narrow", "r-seed1", 0.40));
        setUp(1000, 700, false);
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(PartOpener.PATHS_KEY, String.join("\n", runs.stream().map(Path::toString).toList()));
        ComparisonPart view = make(ComparisonPart.class, part);

        assertEquals("testError", view.metric().getText());
        // Runs without a recorded configuration are grouped by experiment; per run on request.
        assertTrue(view.grouped().getSelection());
        view.grouped().setSelection(false);
        view.grouped().notifyListeners(SWT.Selection, null);
        List<String> ids = Arrays.stream(view.chart().chart().getSeriesSet().getSeries()).map(ISeries::getId).toList();
        assertEquals(List.of("wide/r-seed1", "wide/r-seed2", "wide/r-seed3", "narrow/r-seed1"), ids);

        // Columns: experiment, runs, trainLoss, testLoss, trainError, testError, generalizationGap.
        assertEquals(2, view.table().getItemCount());
        assertEquals("wide", view.table().getItem(0).getText(0));
        assertEquals("3", view.table().getItem(0).getText(1));
        // mean(0.20, 0.24, 0.25) = 0.23; sample sd = sqrt((0.03² + 0.01² + 0.02²) / 2) = sqrt(0.0007) = 0.026458
        assertEquals("0.2300 \u00b1 0.026", view.table().getItem(0).getText(5));
        // gap = test − train error: 0.13 ± the same spread
        assertEquals("0.1300 \u00b1 0.026", view.table().getItem(0).getText(6));
        assertEquals("0.4000", view.table().getItem(1).getText(5), "one run: no spread");

        int index = Arrays.asList(view.metric().getItems()).indexOf("trainLoss");
        view.metric().select(index);
        view.metric().notifyListeners(SWT.Selection, null);
        assertEquals("trainLoss of 4 runs", view.chart().chart().getTitle().getText());

        Path out = Files.createDirectories(workspace.resolve("out"));
        List<Path> csv = view.export(out, "csv");
        assertEquals(2, csv.size());
        List<String> table = Files.readAllLines(out.resolve("comparison-table.csv"));
        assertTrue(table.get(0).startsWith("experiment,trainLoss_mean,trainLoss_sd,trainLoss_n"), table.get(0));
        UiTesting.spin(200);
        assertTrue(view.export(out, "png").get(0).toFile().length() > 100);
        assertTrue(Files.readString(view.export(out, "svg").get(0)).contains("<polyline"));
    }

    /**
     * A sweep's points (runs/NAME/sweep-TIME/points/INDEX-CELL-seedS, docs/sweeps.md) are listed
     * as runs of their experiment, and the comparison pools the seeds of each grid cell apart.
     */
    @Test
    void aSweepsPointsAreRunsAndItsSeedsArePooledPerGridCell() throws Exception {
        Path sweep = Files.createDirectories(workspace.resolve("runs/p7/sweep-20261123-184513"));
        Files.writeString(sweep.resolve("sweep.json"), "{}");
        Files.writeString(sweep.resolve("status.json"), "{\"status\": \"completed\"}");
        List<Path> points = List.of(runIn(sweep.resolve("points/000-batchSize-32-seed1"), 0.20),
                runIn(sweep.resolve("points/001-batchSize-32-seed2"), 0.22),
                runIn(sweep.resolve("points/002-batchSize-1000-seed1"), 0.30),
                runIn(sweep.resolve("points/003-batchSize-1000-seed2"), 0.34));

        List<WorkspaceTree.Run> listed = WorkspaceTree.scan(workspace).get(0).runs();
        assertEquals(List.of("sweep-20261123-184513/003-batchSize-1000-seed2", "sweep-20261123-184513/002-batchSize-1000-seed1",
                "sweep-20261123-184513/001-batchSize-32-seed2", "sweep-20261123-184513/000-batchSize-32-seed1"),
                listed.stream().map(WorkspaceTree.Run::runId).toList(), "the points, not the sweep folder");
        assertEquals(points.get(3), listed.get(0).folder());

        Comparison comparison = new Comparison(points);
        var table = comparison.table(List.of("testError"));
        assertEquals(List.of("p7 batchSize-32", "p7 batchSize-1000"), List.copyOf(table.keySet()));
        SampleStatistics small = table.get("p7 batchSize-32").get(0);
        assertEquals(2, small.n());
        assertEquals(0.21, small.mean(), 1e-12);
        // sample sd of {0.20, 0.22}: |0.20 - 0.22| / sqrt(2)
        assertEquals(0.02 / Math.sqrt(2), small.sd(), 1e-12);
        assertEquals("p7 batchSize-1000/003-batchSize-1000-seed2", Comparison.label(comparison.runs().get(3)));
    }

    /**
     * One seed says nothing about the spread: a one-point sweep's summary (json and csv), its
     * cell's spread and the workbench's comparison agree on n = 1, the mean and an undefined sd,
     * and both show the mean alone.
     */
    @Test
    void aOneSeedSweepsSummaryAndTheComparisonAgree() throws Exception {
        Path file = workspace.resolve("one-seed.json");
        Files.writeString(file, """
                {"format": 1, "name": "one-seed",
                 "dataset": {"id": "gaussian-mixture", "settings": {"trainSize": 300}},
                 "model": {"id": "mlp", "settings": {"hidden": [16]}},
                 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.1}},
                 "loss": "cross-entropy", "training": {"epochs": 40},
                 "sweep": {"grid": {"optimizer.settings.learningRate": [0.1]}, "seeds": [7]}}
                """);
        Sweeps.Plan plan = Sweeps.read(file);
        Path sweep = Files.createDirectories(workspace.resolve("runs/one-seed/sweep-20261206-050000"));
        Sweeps.Point point = plan.points().get(0);
        Path folder = RecordedRuns.record(sweep.resolve(SweepRecords.POINTS).resolve(point.folder()), point.spec(), 40,
                0.25, RunStatus.COMPLETED);
        List<SweepRecords.Cell> cells = SweepRecords.writeSummary(sweep, plan);

        SweepRecords.Spread spread = cells.get(0).metrics().get("testError");
        SampleStatistics compared = new Comparison(List.of(folder)).table(List.of("testError")).values().iterator().next()
                .get(0);
        assertEquals(spread.statistics(), compared, "the same record, NaNs included");
        assertEquals(1, compared.n());
        assertEquals(0.25, compared.mean(), 1e-12);
        assertTrue(Double.isNaN(compared.sd()) && Double.isNaN(compared.standardError()), compared::toString);
        assertEquals("0.2500", compared.format(), "the mean alone");

        JsonNode summary = new ObjectMapper().readTree(sweep.resolve(SweepRecords.SUMMARY_JSON).toFile());
        JsonNode testError = summary.path("cells").get(0).path("metrics").path("testError");
        assertEquals(1, testError.path("n").asInt());
        assertEquals(compared.mean(), testError.path("mean").asDouble(), 0);
        assertTrue(testError.path("std").isNull(), "no sd for one seed: " + testError);
        List<String> csv = Files.readAllLines(sweep.resolve(SweepRecords.SUMMARY_CSV));
        List<String> header = Arrays.asList(csv.get(0).split(","));
        List<String> row = Arrays.asList(csv.get(1).split(",", -1));
        assertEquals("", row.get(header.indexOf("testError_std")), "an empty sd field: " + csv);
    }
}
