package carnot.ui.internal;

import carnot.ui.internal.RunSnapshot.EpochRow;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxisSet;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.ISeriesSet;

/**
 * Learning curves of one run: loss and 0-1 error against epoch, for the training and the test
 * set, read from the run folder's {@code metrics.jsonl} and {@code status.json}. The part only
 * reads files; runs are produced headless by the engine. A run whose status is
 * {@code running}, or not readable yet, is re-read every few seconds.
 *
 * <p>The system property {@code carnot.ui.run} selects a run at start (scripted screenshots);
 * otherwise the newest run of the workspace (see {@link RunFolder#workspace()}) is shown.
 */
public final class RunChartPart {

    /** Model element id of this part in Application.e4xmi, used by {@link OpenRunHandler}. */
    public static final String PART_ID = "carnot.ui.part.run";

    private static final int AUTO_REFRESH_MILLIS = 2000;
    /** Above this many points a curve is drawn without symbols, which would only blur it. */
    private static final int MAX_POINTS_WITH_SYMBOLS = 60;

    /** One curve: its legend name, the value it plots and its colour (an SWT system colour). */
    private record Curve(String name, ToDoubleFunction<EpochRow> value, int systemColor) {
    }

    private static final Curve[] LOSS_CURVES = {
        new Curve("train_loss", EpochRow::trainLoss, SWT.COLOR_BLUE),
        new Curve("test_loss", EpochRow::testLoss, SWT.COLOR_RED),
    };
    private static final Curve[] ERROR_CURVES = {
        new Curve("train_error", EpochRow::trainError, SWT.COLOR_DARK_GREEN),
        new Curve("test_error", EpochRow::testError, SWT.COLOR_DARK_MAGENTA),
    };

    @jakarta.inject.Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private org.eclipse.e4.ui.model.application.ui.basic.MPart part;

    private Path workspace = RunFolder.workspace();
    /** Runs chosen with Browse... outside the workspace's runs folder, kept across rescans. */
    private final List<RunFolder> browsed = new ArrayList<>();
    /** The runs the combo lists, in combo order. */
    private List<RunFolder> runs = List.of();
    private RunFolder current;

    private Combo runCombo;
    private Chart lossChart;
    private Chart errorChart;
    private Label status;

    private final Runnable autoRefresh = () -> {
        if (current != null && !status.isDisposed()) {
            show(current);
        }
    };

    @PostConstruct
    public void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(4, 4).spacing(4, 4).applyTo(parent);

        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        new Label(bar, SWT.NONE).setText("Run:");
        runCombo = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(runCombo);
        runCombo.addListener(SWT.Selection, e -> showSelected());
        button(bar, "Refresh", "Look for new runs and re-read the selected one", this::refresh);
        button(bar, "Browse...", "Choose a run folder, an experiment folder or a workspace",
                () -> browse(parent.getShell()));
        button(bar, "Export PNG...", "Save both charts as PNG images", () -> exportPng(parent.getShell()));

        SashForm charts = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(charts);
        lossChart = chart(charts, "Loss", "loss");
        errorChart = chart(charts, "Error", "0-1 error");

        status = new Label(parent, SWT.WRAP);
        // A small width hint lets the label wrap to the part's width instead of widening the part.
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(status);

        String requestedName = System.getProperty("carnot.ui.run");
        Path opened = part == null ? null : PartOpener.path(part);
        RunFolder requested = opened != null ? RunFolder.of(opened) : RunFolder.resolve(requestedName, workspace);
        if (requested != null) {
            // Kept even when it lies outside the workspace; rescan drops the duplicate otherwise.
            remember(requested);
        }
        rescan(requested);
        if (requestedName != null && !requestedName.isBlank() && requested == null) {
            setStatus("carnot.ui.run: no folder " + requestedName + " (workspace " + workspace + "). "
                    + status.getToolTipText());
        }
    }

    @Focus
    public void setFocus() {
        runCombo.setFocus();
    }

    @PreDestroy
    public void dispose() {
        if (!status.isDisposed()) {
            status.getDisplay().timerExec(-1, autoRefresh);
        }
    }

    /**
     * Asks for a folder and shows what it holds: a run folder is shown directly, an experiment
     * folder's newest run is shown, a workspace (a folder with {@code runs/}) replaces the
     * current one.
     */
    public void browse(Shell shell) {
        DirectoryDialog dialog = new DirectoryDialog(shell);
        dialog.setText("Open Run");
        dialog.setMessage("Choose a run folder, an experiment folder, or a workspace with a runs folder");
        dialog.setFilterPath((current != null ? current.path() : workspace).toString());
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        Path folder;
        try {
            folder = Path.of(chosen).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            setStatus("Not a folder: " + chosen);
            return;
        }
        if (RunFolder.isRun(folder)) {
            RunFolder run = RunFolder.of(folder);
            remember(run);
            rescan(run);
        } else if (Files.isDirectory(folder.resolve("runs"))) {
            workspace = folder;
            rescan(null);
        } else if (folder.getFileName() != null && folder.getFileName().toString().equals("runs")
                && folder.getParent() != null) {
            workspace = folder.getParent();
            rescan(null);
        } else {
            List<RunFolder> inside = RunFolder.runsIn(folder);
            if (inside.isEmpty()) {
                setStatus(folder + " holds no run (no " + RunFolder.METRICS_FILE + " or " + RunFolder.STATUS_FILE
                        + ") and no runs folder");
                return;
            }
            inside.forEach(this::remember);
            rescan(inside.get(0));
        }
    }

    private void refresh() {
        rescan(current);
    }

    /** Lists the runs again and selects {@code preferred} if given and present, else the newest. */
    private void rescan(RunFolder preferred) {
        List<RunFolder> found = new ArrayList<>(RunFolder.discover(workspace));
        for (RunFolder run : browsed) {
            if (found.stream().noneMatch(r -> r.path().equals(run.path()))) {
                found.add(run);
            }
        }
        found.sort(RunFolder.NEWEST_FIRST);
        runs = List.copyOf(found);

        String[] labels = runs.stream().map(this::label).toArray(String[]::new);
        runCombo.setItems(labels);
        if (runs.isEmpty()) {
            current = null;
            plot(lossChart, List.of(), LOSS_CURVES);
            plot(errorChart, List.of(), ERROR_CURVES);
            setStatus("No runs under " + workspace.resolve("runs")
                    + ". Use Browse... to choose a run folder or a workspace.");
            return;
        }
        int index = 0;
        if (preferred != null) {
            for (int i = 0; i < runs.size(); i++) {
                if (runs.get(i).path().equals(preferred.path())) {
                    index = i;
                    break;
                }
            }
        }
        runCombo.select(index);
        show(runs.get(index));
    }

    private void showSelected() {
        int index = runCombo.getSelectionIndex();
        if (index >= 0 && index < runs.size()) {
            show(runs.get(index));
        }
    }

    /** Reads the run's files and redraws both charts and the status line. */
    private void show(RunFolder run) {
        status.getDisplay().timerExec(-1, autoRefresh);
        current = run;
        RunSnapshot snapshot = RunSnapshot.read(run.path());
        plot(lossChart, snapshot.rows(), LOSS_CURVES);
        plot(errorChart, snapshot.rows(), ERROR_CURVES);
        setStatus(label(run) + " \u2014 " + describe(snapshot));
        // A status file being rewritten reads as unreadable for a moment: keep watching then too.
        if (snapshot.status() == null || "running".equals(snapshot.status())) {
            status.getDisplay().timerExec(AUTO_REFRESH_MILLIS, autoRefresh);
        }
    }

    private void exportPng(Shell shell) {
        if (current == null) {
            setStatus("No run to export.");
            return;
        }
        DirectoryDialog dialog = new DirectoryDialog(shell);
        dialog.setText("Export PNG");
        dialog.setMessage("Folder for " + current.runId() + "-loss.png and " + current.runId() + "-error.png");
        dialog.setFilterPath(current.path().toString());
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        Path folder = Path.of(chosen);
        Path loss = folder.resolve(current.runId() + "-loss.png");
        Path error = folder.resolve(current.runId() + "-error.png");
        try {
            save(lossChart, loss);
            save(errorChart, error);
            setStatus("Saved " + loss + " and " + error);
        } catch (SWTException | IllegalArgumentException e) {
            setStatus("Could not save the charts: " + e.getMessage());
        }
    }

    private static void save(Chart chart, Path file) {
        if (chart.getSize().x <= 0 || chart.getSize().y <= 0) {
            throw new IllegalArgumentException("the chart is not visible");
        }
        // SWTChart 0.13 prints the control into an image and writes it with ImageLoader.
        chart.save(file.toString(), SWT.IMAGE_PNG);
    }

    private void remember(RunFolder run) {
        if (browsed.stream().noneMatch(r -> r.path().equals(run.path()))) {
            browsed.add(run);
        }
    }

    /** {@code experiment/runId} under the workspace's runs folder, else the full path. */
    private String label(RunFolder run) {
        return run.path().startsWith(workspace.resolve("runs")) ? run.label() : run.path().toString();
    }

    private void setStatus(String text) {
        status.setText(text.replace("&", "&&"));
        status.setToolTipText(text);
        status.requestLayout();
    }

    private static Button button(Composite parent, String text, String tooltip, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.setToolTipText(tooltip);
        button.addListener(SWT.Selection, e -> action.run());
        return button;
    }

    private static Chart chart(Composite parent, String title, String yTitle) {
        Chart chart = new Chart(parent, SWT.NONE);
        chart.getTitle().setText(title);
        IAxisSet axes = chart.getAxisSet();
        axes.getXAxis(0).getTitle().setText("epoch");
        axes.getYAxis(0).getTitle().setText(yTitle);
        chart.getLegend().setVisible(true);
        chart.getLegend().setPosition(SWT.BOTTOM);
        // Ranges depend on the plot area's size, which is unknown until the chart is laid out.
        chart.addListener(SWT.Resize, e -> {
            if (chart.getSeriesSet().getSeries().length > 0) {
                chart.getAxisSet().adjustRange();
                chart.redraw();
            }
        });
        return chart;
    }

    /** Replaces the chart's series by the curves' finite points. */
    private static void plot(Chart chart, List<EpochRow> rows, Curve... curves) {
        ISeriesSet set = chart.getSeriesSet();
        for (ISeries<?> series : set.getSeries()) {
            set.deleteSeries(series.getId());
        }
        boolean any = false;
        for (Curve curve : curves) {
            double[][] xy = finitePoints(rows, curve.value());
            if (xy[0].length == 0) {
                continue;
            }
            Color color = chart.getDisplay().getSystemColor(curve.systemColor());
            ILineSeries<?> series = (ILineSeries<?>) set.createSeries(SeriesType.LINE, curve.name());
            series.setXSeries(xy[0]);
            series.setYSeries(xy[1]);
            series.setLineColor(color);
            series.setLineWidth(2);
            series.setSymbolColor(color);
            series.setSymbolSize(3);
            series.setSymbolType(xy[0].length <= MAX_POINTS_WITH_SYMBOLS ? PlotSymbolType.CIRCLE : PlotSymbolType.NONE);
            any = true;
        }
        if (any) {
            chart.getAxisSet().adjustRange();
        }
        chart.redraw();
    }

    private static double[][] finitePoints(List<EpochRow> rows, ToDoubleFunction<EpochRow> value) {
        double[] xs = new double[rows.size()];
        double[] ys = new double[rows.size()];
        int n = 0;
        for (EpochRow row : rows) {
            double y = value.applyAsDouble(row);
            if (Double.isFinite(row.epoch()) && Double.isFinite(y)) {
                xs[n] = row.epoch();
                ys[n] = y;
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }

    /** Status, epochs, the last row's numbers, the run's message and what could not be read. */
    static String describe(RunSnapshot snapshot) {
        StringBuilder text = new StringBuilder(snapshot.status() == null ? "status unknown" : snapshot.status());
        if (snapshot.epochsCompleted() != null) {
            int epochs = snapshot.epochsCompleted();
            text.append(", ").append(epochs);
            if (snapshot.epochsPlanned() != null) {
                text.append(" of ").append(snapshot.epochsPlanned());
            }
            text.append(snapshot.epochsPlanned() == null && epochs == 1 ? " epoch" : " epochs").append(" completed");
        }
        EpochRow last = snapshot.last();
        if (last == null) {
            text.append(" \u2014 no metrics yet");
        } else {
            text.append(" \u2014 epoch ").append(formatEpoch(last.epoch()))
                    .append(": train loss ").append(format(last.trainLoss()))
                    .append(", test loss ").append(format(last.testLoss()))
                    .append(", train error ").append(format(last.trainError()))
                    .append(", test error ").append(format(last.testError()));
        }
        if (!snapshot.message().isBlank()) {
            text.append(" \u2014 ").append(snapshot.message().strip());
        }
        if (!snapshot.problems().isEmpty()) {
            text.append(" (").append(String.join("; ", snapshot.problems())).append(')');
        }
        return text.toString();
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }

    private static String formatEpoch(double epoch) {
        return epoch == Math.rint(epoch) && Math.abs(epoch) < 1e9 ? Long.toString((long) epoch) : format(epoch);
    }
}
