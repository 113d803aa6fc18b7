package carnot.ui.internal.charts;

import carnot.ui.internal.Dialogs;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.Widgets;
import carnot.ui.internal.charts.RunData.PerEpoch;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Table;

/**
 * The charts of one run folder, re-read every second while the run is going on: learning
 * curves; every other scalar over epochs (metrics and whatever analyses record), chosen from a
 * list; series (spectra, densities, landscape lines), histograms (margins) and 2D grids (loss
 * landscapes as heat maps) at a chosen epoch. Every chart exports as PNG, SVG and CSV.
 */
public final class RunViewPart {

    /** Re-read interval while the run is live. */
    static final int LIVE_REFRESH_MILLIS = 1000;

    @Inject
    private MPart part;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private carnot.ui.internal.Session session;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private carnot.ui.internal.runs.RunManager runs;

    private Path folder;
    private RunData data;
    private RunViewHeader header;
    private Label status;
    private CTabFolder tabs;
    private ChartView loss;
    private ChartView error;
    private Table scalarList;
    private ChartView scalars;
    private Button scalarsLog;
    private final RecordSelector seriesSelector = new RecordSelector();
    private ChartView seriesChart;
    private final RecordSelector histogramSelector = new RecordSelector();
    private ChartView histogramChart;
    private final RecordSelector gridSelector = new RecordSelector();
    private HeatMapView heatMap;
    private final Runnable liveRefresh = this::refresh;
    private org.eclipse.swt.widgets.Spinner smoothing;
    private Combo histogramMode;
    private RunViewFollower follower;

    @PostConstruct
    public void createControls(Composite parent) {
        folder = PartOpener.path(part);
        data = RunData.of(session, folder);
        GridLayoutFactory.fillDefaults().margins(4, 4).spacing(4, 4).applyTo(parent);

        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(8).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        header = new RunViewHeader(bar, folder, runs, () -> follower.followSoon());
        new Label(bar, SWT.NONE).setText("smoothing");
        smoothing = new org.eclipse.swt.widgets.Spinner(bar, SWT.BORDER);
        smoothing.setValues(0, 0, 99, 2, 1, 10);
        smoothing.setToolTipText("TensorBoard's smoothing of the curves over epochs (exponential moving average, "
                + "weight 0 to 0.99); the raw curve stays faint behind");
        smoothing.addListener(SWT.Selection, e -> {
            double weight = smoothing.getSelection() / 100.0;
            List.of(loss, error, scalars).forEach(chart -> chart.setSmoothing(weight));
        });
        Widgets.button(bar, "Refresh", "Read the run folder again", this::refresh);
        Widgets.button(bar, "Export PNG...", "Save the charts of this tab as PNG images (as on screen)", () -> export("png"));
        Widgets.button(bar, "Export SVG...", "Save the charts of this tab as SVG drawings", () -> export("svg"));
        Widgets.button(bar, "Export CSV...", "Save the data of the charts of this tab as CSV", () -> export("csv"));

        tabs = new CTabFolder(parent, SWT.TOP | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tabs);
        SashForm curves = new SashForm(tabs, SWT.VERTICAL);
        loss = new ChartView(curves, "loss");
        error = new ChartView(curves, "error");
        tab("Learning curves", curves);

        SashForm scalarSash = new SashForm(tabs, SWT.HORIZONTAL);
        Composite list = new Composite(scalarSash, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(list);
        scalarList = new Table(list, SWT.CHECK | SWT.BORDER | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(scalarList);
        scalarList.addListener(SWT.Selection, e -> showScalars());
        scalarsLog = new Button(list, SWT.CHECK);
        scalarsLog.setText("log y");
        scalarsLog.addListener(SWT.Selection, e -> showScalars());
        scalars = new ChartView(scalarSash, "scalars");
        scalarSash.setWeights(25, 75);
        tab("Scalars", scalarSash);

        seriesSelector.preferred = series -> ((RunData.Series) series).x() != null;
        seriesChart = new ChartView(selectorTab("Series", seriesSelector), "series");
        histogramChart = new ChartView(selectorTab("Histograms", histogramSelector), "histogram");
        // TensorBoard's histogram views: one epoch, or all epochs overlaid or offset (a ridgeline).
        histogramMode = new Combo(histogramSelector.epochLabel.getParent(), SWT.READ_ONLY | SWT.DROP_DOWN);
        histogramMode.setItems("at the epoch", "over epochs: overlay", "over epochs: offset");
        // carnot.ui.histograms: "overlay" or "offset" first (scripted screenshots), else one epoch.
        histogramMode.select(Math.max(0, List.of("epoch", "overlay", "offset").indexOf(
                System.getProperty("carnot.ui.histograms", "epoch"))));
        histogramMode.moveBelow(histogramSelector.log);
        histogramMode.addListener(SWT.Selection, e -> showRecords());
        ((Label) histogramSelector.log.getParent().getChildren()[5]).dispose();
        heatMap = new HeatMapView(selectorTab("Heat maps", gridSelector), "heatmap");
        gridSelector.log.setVisible(false);
        tabs.setSelection(initialTab());

        status = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(status);
        follower = new RunViewFollower(folder, status, this::refresh, liveRefresh);
        if (runs != null) {
            runs.addListener(follower);
        }
        // carnot.ui.smoothing: a smoothing weight to start with (scripted screenshots).
        int initialSmoothing = (int) Math.round(100 * Double.parseDouble(System.getProperty("carnot.ui.smoothing", "0")));
        if (initialSmoothing > 0 && initialSmoothing < 100) {
            smoothing.setSelection(initialSmoothing);
            List.of(loss, error, scalars).forEach(chart -> chart.setSmoothing(initialSmoothing / 100.0));
        }
        refresh();
    }

    /** The Resume button, for tests. */
    Button resumeButton() {
        return header.resumeButton();
    }

    /** The Run Fresh button, for tests. */
    Button freshButton() {
        return header.freshButton();
    }

    /** The tab to show first: 0, or the system property {@code carnot.ui.tab} (scripted screenshots). */
    private int initialTab() {
        try {
            int tab = Integer.parseInt(System.getProperty("carnot.ui.tab", "0").strip());
            return tab >= 0 && tab < tabs.getItemCount() ? tab : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void tab(String title, org.eclipse.swt.widgets.Control control) {
        CTabItem item = new CTabItem(tabs, SWT.NONE);
        item.setText(title);
        item.setControl(control);
    }

    /** A tab with a name drop-down and an epoch slider above a chart area; returns the area. */
    private Composite selectorTab(String title, RecordSelector selector) {
        Composite page = new Composite(tabs, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).margins(4, 4).applyTo(page);
        selector.names = new Combo(page, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().hint(260, SWT.DEFAULT).applyTo(selector.names);
        selector.names.addListener(SWT.Selection, e -> {
            // Another record: its own epochs, starting at the last.
            selector.epochList = List.of();
            selector.logByDefault();
            updateSelectors();
            showRecords();
        });
        selector.epochs = new Scale(page, SWT.HORIZONTAL);
        selector.epochs.setMinimum(0);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(selector.epochs);
        selector.epochs.addListener(SWT.Selection, e -> showRecords());
        selector.epochLabel = new Label(page, SWT.NONE);
        GridDataFactory.fillDefaults().hint(90, SWT.DEFAULT).applyTo(selector.epochLabel);
        selector.log = new Button(page, SWT.CHECK);
        selector.log.setText("log y");
        selector.log.addListener(SWT.Selection, e -> showRecords());
        new Label(page, SWT.NONE);
        Composite area = new Composite(page, SWT.NONE);
        area.setLayout(new org.eclipse.swt.layout.FillLayout());
        GridDataFactory.fillDefaults().span(5, 1).grab(true, true).applyTo(area);
        tab(title, page);
        return area;
    }


    /** Re-reads the run folder and redraws every chart; while the run is live, again in a second. */
    public void refresh() {
        if (status.isDisposed()) {
            return;
        }
        status.getDisplay().timerExec(-1, liveRefresh);
        follower.refreshed();
        data.read();
        if (data.gone()) {
            header.showGone();
            status.setText("The run folder " + folder + " no longer exists (deleted or moved on disk): the charts show "
                    + "what was read before it went.");
            status.setForeground(status.getDisplay().getSystemColor(SWT.COLOR_RED));
            status.requestLayout();
            return;
        }
        status.setForeground(null);
        header.show(data.status(), data.epochsCompleted(), data.epochsPlanned(), data.info());
        loss.show(RunCharts.curves("Loss", "loss", data.curves(), RunCharts.LOSSES, false));
        error.show(RunCharts.curves("Error", "0-1 error", data.curves(), RunCharts.ERRORS, false));
        ScalarChoices.update(scalarList, data.curves());
        showScalars();
        updateSelectors();
        showRecords();
        status.setText(describe());
        status.requestLayout();
        if (data.live()) {
            status.getDisplay().timerExec(LIVE_REFRESH_MILLIS, liveRefresh);
        }
    }

    private void updateSelectors() {
        seriesSelector.update(data.series());
        histogramSelector.update(data.histograms());
        gridSelector.update(data.grids());
    }

    private String describe() {
        StringBuilder text = new StringBuilder();
        text.append(data.curves().size()).append(" curves, ").append(data.series().size()).append(" series, ")
                .append(data.histograms().size()).append(" histograms, ").append(data.grids().size())
                .append(" 2D grids");
        if (!data.message().isBlank()) {
            text.append(" \u2014 ").append(data.message().strip());
        }
        if (!data.problems().isEmpty()) {
            text.append(" (").append(String.join("; ", data.problems())).append(')');
        }
        return text.toString();
    }

    private void showScalars() {
        scalars.show(RunCharts.curves("Scalars", "value", data.curves(), ScalarChoices.checked(scalarList),
                scalarsLog.getSelection()));
    }

    private void showRecords() {
        Map.Entry<Integer, RunData.Series> s = seriesSelector.chosen(data.series());
        seriesChart.show(s == null ? empty("Series: none recorded")
                : RunCharts.series(seriesSelector.names.getText(), s.getKey(), s.getValue(), seriesSelector.log.getSelection()));
        Map.Entry<Integer, RunData.Histogram> h = histogramSelector.chosen(data.histograms());
        String histogramName = histogramSelector.names.getText();
        int mode = histogramMode == null ? 0 : histogramMode.getSelectionIndex();
        histogramChart.show(h == null ? empty("Histograms: none recorded")
                : mode > 0 ? RunCharts.histogramsOverEpochs(histogramName, data.histograms().get(histogramName).byEpoch(),
                        mode == 2)
                : RunCharts.histogram(histogramName, h.getKey(), h.getValue(), histogramSelector.log.getSelection()));
        Map.Entry<Integer, RunData.Grid> g = gridSelector.chosen(data.grids());
        heatMap.show(g == null ? null : RunCharts.heatMap(gridSelector.names.getText(), g.getKey(), g.getValue()));
    }

    private static ChartSpec empty(String title) {
        return new ChartSpec(title, "", "", List.of(), false, false);
    }

    /** What the selected tab exports. */
    List<Exportable> exportables() {
        return switch (tabs.getSelectionIndex()) {
            case 0 -> List.of(loss, error);
            case 1 -> List.of(scalars);
            case 2 -> List.of(seriesChart);
            case 3 -> List.of(histogramChart);
            default -> List.of(heatMap);
        };
    }

    /** Export: a file dialog per chart of the selected tab. */
    void export(String format) {
        try {
            List<Path> written = ChartFiles.export(status.getShell(), exportables(), folder.getFileName().toString(), format,
                    session == null ? folder.getParent() : session.workspace());
            status.setText(written.isEmpty() ? "Nothing exported." : "Saved " + written);
        } catch (IOException | RuntimeException e) {
            Dialogs.error(status.getShell(), "Export failed", "Writing the " + format.toUpperCase(java.util.Locale.ROOT)
                    + " failed: " + e.getMessage(), "Choose a folder you can write to, and show the chart's tab before "
                    + "exporting PNG.");
        }
    }

    /**
     * Writes the selected tab's charts into a folder as {@code <run>-<chart>.<format>} (scripts and
     * tests; the menu asks per file).
     *
     * @return the files written
     */
    List<Path> export(Path target, String format, Consumer<String> report) {
        try {
            List<Path> written = ChartFiles.writeAll(exportables(), target, folder.getFileName().toString(), format);
            report.accept(written.isEmpty() ? "Nothing to export in this tab." : "Saved " + written);
            return written;
        } catch (IOException | RuntimeException e) {
            Dialogs.error(status.getShell(), "Export failed", "Writing into " + target + " failed: " + e.getMessage(),
                    "Choose a folder you can write to, and show the chart's tab before exporting PNG.");
            return List.of();
        }
    }

    /** For tests. */
    Label status() {
        return status;
    }

    Label header() {
        return header.label();
    }

    CTabFolder tabs() {
        return tabs;
    }

    ChartView lossChart() {
        return loss;
    }

    ChartView errorChart() {
        return error;
    }

    Table scalarList() {
        return scalarList;
    }

    ChartView scalarChart() {
        return scalars;
    }

    ChartView seriesChart() {
        return seriesChart;
    }

    Combo seriesNames() {
        return seriesSelector.names;
    }

    ChartView histogramChart() {
        return histogramChart;
    }

    HeatMapView heatMap() {
        return heatMap;
    }

    @Focus
    public void setFocus() {
        tabs.setFocus();
    }

    @PreDestroy
    public void dispose() {
        if (runs != null) {
            runs.removeListener(follower);
        }
        if (!status.isDisposed()) {
            status.getDisplay().timerExec(-1, liveRefresh);
        }
    }
}
