package carnot.ui.internal.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.ui.internal.PartOpener;
import carnot.ui.internal.PartTest;
import carnot.ui.internal.UiTesting;
import carnot.ui.internal.explorer.WorkspaceFixture;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swtchart.ISeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The run view on recorded runs: charts driven by whatever the files hold (curves, series,
 * histograms, grids), live updates, exports, and the time to open a large run.
 */
class RunViewPartTest extends PartTest {

    /** Epochs of the large run (the "200 epochs of metrics and a spectral density"). */
    static final int EPOCHS = 200;
    /** Points of the spectral density's grid. */
    static final int DENSITY_POINTS = 1000;

    private RunViewPart open(Path run) {
        setUp(1100, 800, false);
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(PartOpener.PATH_KEY, run.toString());
        return make(RunViewPart.class, part);
    }

    /**
     * A run as the engine and analyses record it: 200 epochs of metrics, a Hessian analysis every
     * 10 epochs with top eigenvalues and a spectral density on a grid (series "density.values" on
     * "density.grid", as hessian-spectrum records it), margins histograms, and a landscape grid.
     */
    static Path largeRun(Path workspace) throws Exception {
        Path run = WorkspaceFixture.writeRun(workspace, "large", "20261101-100000-seed1", "completed", EPOCHS);
        for (int epoch = 0; epoch <= EPOCHS; epoch += 10) {
            StringBuilder x = new StringBuilder();
            StringBuilder density = new StringBuilder();
            for (int i = 0; i < DENSITY_POINTS; i++) {
                double t = -1 + 12.0 * i / (DENSITY_POINTS - 1);
                x.append(i == 0 ? "" : ",").append(t);
                density.append(i == 0 ? "" : ",").append(Math.exp(-t * t / 2) + 0.01 * Math.exp(-(t - 10) * (t - 10)));
            }
            write(run.resolve(String.format(Locale.ROOT, "analyses/0-hessian/epoch-%04d.json", epoch)), """
                    {"id": "hessian", "epoch": %d, "seconds": 1.0,
                     "scalars": {"lambdaMax": %s, "trace": %s},
                     "series": {"density.values": [%s], "density.grid": [%s], "eigenvalues": [%s, 3.0, 2.0, 1.0]},
                     "histograms": {}}
                    """.formatted(epoch, 10 + epoch / 10.0, 50 + epoch, density, x, 10 + epoch / 10.0));
            write(run.resolve(String.format(Locale.ROOT, "analyses/1-margins/epoch-%04d.json", epoch)), """
                    {"id": "margins", "epoch": %d, "seconds": 0.1, "scalars": {"train.mean": %s},
                     "series": {}, "histograms": {"train": {"edges": [-1, 0, 1, 2], "counts": [%d, 30, 60]}}}
                    """.formatted(epoch, epoch / 100.0, 10 + epoch));
        }
        // The filter-normalized plane as carnot.analysis.landscape records it: axes x (7) and y (5),
        // train.loss x-major (element i * 5 + j at (x_i, y_j)); here 10 i + j, to trace the layout.
        StringBuilder grid = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 5; j++) {
                grid.append(grid.length() == 0 ? "" : ",").append(10 * i + j);
            }
        }
        write(run.resolve("analyses/2-plane/epoch-0200.json"), """
                {"id": "plane", "epoch": 200, "seconds": 2.0, "scalars": {"train.loss.origin": 0.1},
                 "series": {"x": [-3, -2, -1, 0, 1, 2, 3], "y": [-2, -1, 0, 1, 2], "train.loss": [%s]},
                 "histograms": {}}
                """.formatted(grid));
        // The linear interpolation: series against alpha.
        write(run.resolve("analyses/3-interpolation/epoch-0200.json"), """
                {"id": "interpolation", "epoch": 200, "scalars": {"train.barrier": 0.0},
                 "series": {"alpha": [0, 0.5, 1], "train.loss": [2.3, 1.0, 0.1]}, "histograms": {}}
                """);
        return run;
    }

    private static void write(Path file, String text) throws Exception {
        WorkspaceFixture.write(file, text);
    }

    private static List<String> seriesIds(ChartView view) {
        return Arrays.stream(view.chart().getSeriesSet().getSeries()).map(ISeries::getId).toList();
    }

    @Test
    void chartsFollowWhatTheRunRecordedByName() throws Exception {
        Path run = largeRun(workspace);
        RunViewPart view = open(run);

        assertEquals(List.of("trainLoss", "testLoss"), seriesIds(view.lossChart()));
        assertEquals(List.of("trainError", "testError", "generalizationGap"), seriesIds(view.errorChart()));
        assertEquals(EPOCHS + 1, view.lossChart().chart().getSeriesSet().getSeries()[0].getXSeries().length);
        // The gap is computed from the recorded errors, epoch by epoch.
        double[] gap = view.errorChart().chart().getSeriesSet().getSeries("generalizationGap").getYSeries();
        assertEquals(0.05, gap[7], 1e-5);

        List<String> scalarNames = Arrays.stream(view.scalarList().getItems()).map(i -> i.getText()).toList();
        assertEquals(List.of("learningRate", "seconds", "hessian.lambdaMax", "hessian.trace", "margins.train.mean",
                "plane.train.loss.origin", "interpolation.train.barrier"), scalarNames);
        assertEquals(List.of("hessian.lambdaMax", "hessian.trace"), seriesIds(view.scalarChart()));
        assertArrayEquals(new double[] {10, 11, 12}, Arrays.copyOf(
                view.scalarChart().chart().getSeriesSet().getSeries("hessian.lambdaMax").getYSeries(), 3));

        assertEquals(List.of("hessian.density.values", "hessian.eigenvalues", "interpolation.train.loss"),
                Arrays.asList(view.seriesNames().getItems()));
        ISeries<?> density = view.seriesChart().chart().getSeriesSet().getSeries()[0];
        assertEquals(DENSITY_POINTS, view.seriesChart().spec().series().get(0).x().length);
        assertEquals(-1.0, density.getXSeries()[0], "plotted against density.grid");
        assertEquals("hessian.density.values (epoch 200)", view.seriesChart().chart().getTitle().getText());

        ISeries<?> margins = view.histogramChart().chart().getSeriesSet().getSeries()[0];
        assertArrayEquals(new double[] {-0.5, 0.5, 1.5}, margins.getXSeries());
        assertArrayEquals(new double[] {210 / 300.0, 30 / 300.0, 60 / 300.0}, margins.getYSeries(), 1e-12);

        RunData.Grid grid = view.heatMap().spec().grid();
        assertEquals("plane.train.loss (epoch 200)", view.heatMap().spec().title());
        assertEquals(5, grid.rows());
        assertEquals(7, grid.cols());
        assertEquals(10 * 6 + 2, grid.at(2, 6), "row j = y index, column i = x index");
        assertEquals(3.0, grid.x()[6]);
        assertEquals(2.0, grid.y()[4]);

        view.seriesNames().select(2);
        view.seriesNames().notifyListeners(SWT.Selection, null);
        ISeries<?> line = view.seriesChart().chart().getSeriesSet().getSeries()[0];
        assertArrayEquals(new double[] {0, 0.5, 1}, line.getXSeries(), "plotted against alpha");
    }

    @Test
    void everyTabExportsPngSvgAndCsv() throws Exception {
        Path run = largeRun(workspace);
        RunViewPart view = open(run);
        Path out = Files.createDirectories(workspace.resolve("export"));
        for (int tab = 0; tab < view.tabs().getItemCount(); tab++) {
            view.tabs().setSelection(tab);
            UiTesting.spin(100);
            for (String format : List.of("png", "svg", "csv")) {
                List<Path> files = view.export(out, format, message -> { });
                assertEquals(tab == 0 ? 2 : 1, files.size(), "tab " + tab + " " + format);
                for (Path file : files) {
                    assertTrue(Files.size(file) > 50, file.toString());
                    if (format.equals("png")) {
                        ImageData image = new ImageData(file.toString());
                        assertTrue(image.width > 100 && image.height > 100, file + ": " + image.width + "x" + image.height);
                    } else if (format.equals("svg")) {
                        // Well-formed XML with an svg root.
                        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                                .parse(new ByteArrayInputStream(Files.readAllBytes(file)));
                        assertEquals("svg", document.getDocumentElement().getNodeName());
                    }
                }
            }
        }
        // The CSV holds the data itself: the loss chart's 201 points of each curve.
        List<String> lossCsv = Files.readAllLines(out.resolve(run.getFileName() + "-loss.csv"));
        assertEquals("series,epoch,loss", lossCsv.get(0));
        assertEquals(1 + 2 * (EPOCHS + 1), lossCsv.size());
        assertEquals("trainLoss,0.0,2.3", lossCsv.get(1));
        List<String> heat = Files.readAllLines(out.resolve(run.getFileName() + "-heatmap.csv"));
        assertEquals("y \\ x,-3.0,-2.0,-1.0,0.0,1.0,2.0,3.0", heat.get(0));
        assertEquals("2.0,4.0,14.0,24.0,34.0,44.0,54.0,64.0", heat.get(5));
    }

    /** A run in progress (its writer holds the folder's lock) is read again as it writes, until it ends. */
    @Test
    void aRunInProgressIsRedrawnAsItWrites() throws Exception {
        Path run = WorkspaceFixture.writeRun(workspace, "live", "20261101-100000-seed1", "running", 2);
        try (carnot.workspace.internal.FolderLock writer = carnot.workspace.internal.FolderLock.acquire(run, "a training process")) {
            RunViewPart view = open(run);
            assertEquals(3, view.lossChart().chart().getSeriesSet().getSeries()[0].getXSeries().length);

            WorkspaceFixture.writeRun(workspace, "live", "20261101-100000-seed1", "running", 5);
            UiTesting.spinUntil("the new epochs", () -> view.lossChart().chart().getSeriesSet().getSeries()[0]
                    .getXSeries().length == 6, 5000);
            write(run.resolve("analyses/0-margins/epoch-0005.json"), """
                    {"id": "margins", "epoch": 5, "scalars": {"train.min": -0.5}, "series": {},
                     "histograms": {"train": {"edges": [0, 1], "counts": [4]}}}
                    """);
            UiTesting.spinUntil("the first histogram",
                    () -> view.histogramChart().chart().getSeriesSet().getSeries().length == 1, 5000);
        }
    }

    /**
     * A real run of the size, recorded by the engine in this test: 200 epochs of metrics,
     * the Hessian spectrum (top eigenvalues, trace, a spectral density on a 1000-point grid) at
     * initialization and every 10 epochs, margin histograms, the interpolation line and the plane.
     */
    static final String LARGE_RUN = """
            {
              "format": 1,
              "name": "large",
              "seed": 3,
              "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 8, "trainSize": 200, "testSize": 100}},
              "model": {"id": "mlp", "settings": {"hidden": [16]}},
              "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05}},
              "loss": "cross-entropy",
              "training": {"epochs": 200, "batchSize": 50},
              "analyses": [
                {"id": "hessian-spectrum", "every": 10, "atInit": true,
                 "settings": {"topK": 3, "traceProbes": 5, "densityProbes": 1, "densitySteps": 30, "densityPoints": 1000}},
                {"id": "margins", "every": 10, "atInit": true, "settings": {"bins": 30}},
                {"id": "interpolation", "settings": {"points": 21}},
                {"id": "plane", "settings": {"points": 11}}
              ]
            }
            """;

    /**
     * Opening a finished run with 200 epochs of metrics and a spectral density: the run is
     * trained here by the engine (so its files are exactly what analyses record), then opened
     * three times after one warm-up (class loading, SWTChart's first chart), from making the part
     * until every layout and paint event is handled, with the Series tab (the density) showing.
     * The test asserts what is drawn; the time is logged ({@code carnot.ui benchmark: ...}) for
     * docs/workbench.md, not asserted: a timing assertion fails on a loaded CI machine without
     * saying anything about the code.
     */
    @Test
    void openingALargeFinishedRunDrawsEveryChart(TestReporter reporter) throws Exception {
        setUp(1100, 800, true);
        Path file = workspace.resolve("large.json");
        Files.writeString(file, LARGE_RUN);
        carnot.ui.internal.runs.RunManager runs = new carnot.ui.internal.runs.RunManager(session);
        carnot.ui.internal.runs.RunHandle handle = runs.launch(file);
        try {
            UiTesting.spinUntil("the 200-epoch run to finish", () -> handle.state().finished(), 600_000);
        } finally {
            runs.cancelAll();
        }
        assertEquals(carnot.ui.internal.runs.RunHandle.State.COMPLETED, handle.state(), handle.log());
        Path run = handle.folder();
        RunData recorded = new RunData(run).read();
        double[] grid = recorded.series().get("hessian-spectrum.density.values").last().x();
        assertEquals(DENSITY_POINTS, grid.length);
        assertEquals(EPOCHS / 10 + 1, recorded.series().get("hessian-spectrum.density.values").byEpoch().size(),
                "21 densities: at initialization and every 10 epochs");

        MPart warm = MBasicFactory.INSTANCE.createPart();
        warm.getPersistedState().put(PartOpener.PATH_KEY, WorkspaceFixture.writeRun(workspace, "warm", "r", "completed", 3)
                .toString());
        make(RunViewPart.class, warm);
        disposeParts();
        List<Long> times = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            MPart part = MBasicFactory.INSTANCE.createPart();
            part.getPersistedState().put(PartOpener.PATH_KEY, run.toString());
            long start = System.nanoTime();
            RunViewPart view = make(RunViewPart.class, part);
            view.tabs().setSelection(2);
            shell.layout(true, true);
            shell.update();
            while (shell.getDisplay().readAndDispatch()) {
                // Until every paint and layout event is handled.
            }
            times.add((System.nanoTime() - start) / 1_000_000);

            assertEquals(EPOCHS + 1, view.lossChart().chart().getSeriesSet().getSeries("trainLoss").getXSeries().length);
            assertEquals(EPOCHS + 1, view.errorChart().chart().getSeriesSet().getSeries("testError").getXSeries().length);
            assertEquals("hessian-spectrum.density.values", view.seriesNames().getText(), "a density is shown first");
            ISeries<?> density = view.seriesChart().chart().getSeriesSet().getSeries()[0];
            assertEquals(grid[0], density.getXSeries()[0], "drawn on the recorded grid");
            assertEquals("density.grid", view.seriesChart().spec().xTitle());
            assertTrue(view.seriesChart().logY(), "density on a log axis");
            assertTrue(view.seriesChart().chart().getAxisSet().getYAxis(0).getTitle().getText().endsWith("(log scale)"));
            assertTrue(view.histogramChart().hasData(), "margin histograms");
            assertEquals(11, view.heatMap().spec().grid().rows(), "the plane");
            disposeParts();
        }
        long readStart = System.nanoTime();
        new RunData(run).read();
        long readMillis = (System.nanoTime() - readStart) / 1_000_000;
        reporter.publishEntry("carnot.ui benchmark: opening a finished run with " + EPOCHS + " epochs and 21 spectral "
                + "densities of " + DENSITY_POINTS + " points, drawn (ms): " + times + "; of which reading the run folder: "
                + readMillis + " ms; load average " + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage() + " on " + Runtime.getRuntime().availableProcessors() + " cores");
    }

    private void disposeParts() {
        context.dispose();
        context = null;
        for (var child : shell.getChildren()) {
            child.dispose();
        }
    }
}
