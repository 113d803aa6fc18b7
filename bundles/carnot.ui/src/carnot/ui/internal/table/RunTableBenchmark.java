package carnot.ui.internal.table;

import carnot.api.analysis.AnalysisResult;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.Session;
import carnot.workspace.AtomicFiles;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecorder;
import carnot.workspace.SweepRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Benchmark (releng/bench/run-table.sh, not a test): a 100-run sweep written by the real
 * {@link RunRecorder} (5 learning rates × 4 widths × 5 seeds, 40 epochs each, margins every epoch,
 * one run in eight cancelled), then, each round on a fresh part: the time from opening the run
 * table to its rows drawn on screen, and the time to draw its parallel-coordinates view. Prints one
 * line per round and the medians. Arguments: {@code --rounds R} (default 7), {@code --workspace DIR}
 * (default: a new temporary folder).
 */
public final class RunTableBenchmark implements IApplication {

    static final double[] LEARNING_RATES = {0.3, 0.1, 0.03, 0.01, 0.003};
    static final int[] WIDTHS = {64, 128, 256, 512};
    static final int SEEDS = 5;
    static final int EPOCHS = 40;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        int rounds = 7;
        Path workspace = null;
        for (int i = 0; args != null && i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--workspace" -> workspace = Path.of(args[i + 1]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i] + ": --rounds R, --workspace DIR");
            }
        }
        if (workspace == null) {
            workspace = Files.createTempDirectory("carnot-run-table-bench");
        }
        long written = System.nanoTime();
        int runs = writeSweep(workspace);
        System.out.printf(Locale.ROOT, "wrote %d run folders with the recorder into %s in %.1f s%n", runs, workspace,
                (System.nanoTime() - written) / 1e9);
        measure(workspace, rounds);
        return IApplication.EXIT_OK;
    }

    /** The sweep's run folders, as {@code carnot run} of a sweep file leaves them. */
    static int writeSweep(Path workspace) throws Exception {
        Path sweep = workspace.resolve("runs/bench/sweep-20261206-120000");
        AtomicFiles.write(sweep.resolve(SweepRecords.SWEEP), "{\"note\": \"synthetic sweep of the run-table benchmark\"}\n");
        int index = 0;
        for (double lr : LEARNING_RATES) {
            for (int width : WIDTHS) {
                for (int seed = 1; seed <= SEEDS; seed++) {
                    String label = String.format(Locale.ROOT, "%03d-lr-%s-width-%d-seed%d", index, lr, width, seed);
                    record(sweep.resolve(SweepRecords.POINTS).resolve(label), lr, width, seed, index % 8 == 7);
                    index++;
                }
            }
        }
        return index;
    }

    private static void record(Path folder, double lr, int width, long seed, boolean cancelled) throws Exception {
        ExperimentSpec spec = ExperimentFiles.parse(folder.resolve("point.json"), """
                {"format": 1, "name": "bench", "seed": %d,
                 "dataset": {"id": "idx", "settings": {"trainSize": 5000}},
                 "model": {"id": "mlp", "settings": {"hidden": [%d]}},
                 "optimizer": {"id": "sgd", "settings": {"learningRate": %s, "momentum": 0.9}},
                 "loss": "cross-entropy", "training": {"epochs": %d, "batchSize": 64},
                 "analyses": [{"id": "margins", "every": 1}]}
                """.formatted(seed, width, lr, EPOCHS));
        RunRecorder recorder = new RunRecorder(folder);
        recorder.onEvent(new RunEvent.Started(spec, Map.of("trainSize", 5000, "parameterCount", 784L * width + 10L * width),
                79, 784L * width + 10L * width));
        SplittableRandom random = new SplittableRandom(seed * 1000 + width);
        int epochs = cancelled ? EPOCHS / 2 : EPOCHS;
        EpochMetrics last = null;
        for (int epoch = 0; epoch <= epochs; epoch++) {
            // Learning curves of the usual shape: a test error that falls towards a floor set by
            // the width and the learning rate, with seed noise.
            double floor = 0.12 + 0.02 * Math.abs(Math.log10(lr) + 1.5) - 0.005 * Math.log(width / 64.0);
            double test = floor + 0.7 * Math.exp(-epoch / 6.0) + 0.005 * random.nextGaussian();
            double train = Math.max(0, test - 0.08 * (1 - Math.exp(-epoch / 10.0)));
            last = new EpochMetrics(epoch, epoch * 79L, 2.3 * train + 0.05, train, 2.3 * test + 0.1, test, lr, 0.8);
            recorder.onEvent(new RunEvent.EpochEnd(last));
            recorder.onEvent(new RunEvent.AnalysisDone("margins", 0, epoch, AnalysisResult.builder()
                    .scalar("train.mean", 1 - test).scalar("train.min", -test).build(), 0.05));
        }
        recorder.onEvent(new RunEvent.Finished(new RunOutcome(cancelled ? RunStatus.CANCELLED : RunStatus.COMPLETED, epochs,
                last, cancelled ? "cancelled by the user" : "")));
    }

    private static void measure(Path workspace, int rounds) {
        Display display = Display.getDefault();
        Session session = new Session(workspace);
        List<Double> opens = new ArrayList<>();
        List<Double> draws = new ArrayList<>();
        List<Double> readings = new ArrayList<>();
        try {
            for (int round = 0; round < rounds; round++) {
                Shell shell = new Shell(display);
                shell.setLayout(new FillLayout());
                shell.setSize(1280, 800);
                shell.open();
                Composite parent = new Composite(shell, 0);
                MPart part = MBasicFactory.INSTANCE.createPart();
                part.getPersistedState().put(PartOpener.PATH_KEY, workspace.toString());
                IEclipseContext context = EclipseContextFactory.create("run-table-bench");
                context.set(Composite.class, parent);
                context.set(MPart.class, part);
                context.set(Session.class, session);

                long readStart = System.nanoTime();
                int read = carnot.workspace.RunSummaries.read(workspace, null).size();
                double reading = (System.nanoTime() - readStart) / 1e6;

                long start = System.nanoTime();
                RunTablePart table = ContextInjectionFactory.make(RunTablePart.class, context);
                shell.layout(true, true);
                table.table().redraw();
                table.table().update();
                idle(display);
                double open = (System.nanoTime() - start) / 1e6;

                int paintsBefore = table.coordinates().paints();
                start = System.nanoTime();
                // The tab chosen: its axes computed from the 100 runs, then painted.
                table.selectTab(1);
                table.coordinates().control().update();
                // GTK paints on its expose event: run the event loop until the view has painted.
                long deadline = start + 30_000_000_000L;
                while (table.coordinates().paints() == paintsBefore && System.nanoTime() < deadline) {
                    if (!display.readAndDispatch()) {
                        sleepBriefly();
                    }
                }
                double draw = (System.nanoTime() - start) / 1e6;
                if (table.coordinates().paints() == paintsBefore) {
                    throw new IllegalStateException("the parallel coordinates were not painted within 30 s");
                }
                System.out.printf(Locale.ROOT, "round %d: %d rows, %d columns; open %.0f ms, parallel coordinates %.0f ms; "
                        + "reading the %d run folders alone %.0f ms%n", round + 1, table.table().getItemCount(),
                        table.table().getColumnCount(), open, draw, read, reading);
                readings.add(reading);
                opens.add(open);
                draws.add(draw);
                context.dispose();
                shell.dispose();
            }
        } finally {
            session.close();
        }
        System.out.printf(Locale.ROOT, "median over %d rounds: open the run table %.0f ms, draw parallel coordinates %.0f ms, "
                + "read the run folders %.0f ms (first round, cold: %.0f ms and %.0f ms)%n", rounds, median(opens),
                median(draws), median(readings), opens.get(0), draws.get(0));
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void idle(Display display) {
        while (display.readAndDispatch()) {
            // Run every pending event: layout and paint of what was opened.
        }
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    @Override
    public void stop() {
        // Runs to the end.
    }
}
