package carnot.ui.internal.charts;

import carnot.ui.internal.Dialogs;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.Widgets;
import carnot.workspace.SampleStatistics;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * Runs picked in the explorer, compared: one metric's curves overlaid (any curve a run recorded,
 * analyses' scalars included), and a table of final metrics per experiment with mean ± sample
 * standard deviation over its runs (seeds). Chart and table export as PNG, SVG and CSV.
 */
public final class ComparisonPart {

    @Inject
    private MPart part;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private carnot.ui.internal.Session session;

    private Comparison comparison;
    private Combo metric;
    private Button log;
    private Button grouped;
    private ChartView chart;
    private Table table;
    private Label status;
    private final List<String> tableMetrics = new ArrayList<>(Comparison.TABLE_METRICS);

    @PostConstruct
    public void createControls(Composite parent) {
        comparison = new Comparison(PartOpener.paths(part));
        GridLayoutFactory.fillDefaults().margins(4, 4).spacing(4, 4).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(8).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        new Label(bar, SWT.NONE).setText("Metric:");
        metric = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
        List<String> names = comparison.curveNames();
        metric.setItems(names.toArray(String[]::new));
        metric.select(Math.max(0, names.indexOf("testError")));
        metric.addListener(SWT.Selection, e -> show());
        log = new Button(bar, SWT.CHECK);
        log.setText("log y");
        log.addListener(SWT.Selection, e -> show());
        grouped = new Button(bar, SWT.CHECK);
        grouped.setText("by configuration");
        grouped.setToolTipText("One curve per configuration: the mean over its completed runs (one per seed) "
                + "with a band of one standard deviation");
        grouped.setSelection(comparison.groups().stream().anyMatch(g -> g.members().size() > 1));
        grouped.addListener(SWT.Selection, e -> show());
        Label fill = new Label(bar, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(fill);
        Widgets.button(bar, "Export PNG...", "Save the chart as PNG (as on screen)", () -> export("png"));
        Widgets.button(bar, "Export SVG...", "Save the chart as SVG, drawn from its data", () -> export("svg"));
        Widgets.button(bar, "Export CSV...", "Save the chart's data and the table as CSV", () -> export("csv"));

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        chart = new ChartView(sash, "comparison");
        table = new Table(sash, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        sash.setWeights(65, 35);
        status = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(status);
        show();
    }


    private void show() {
        String chosen = metric.getText();
        chart.show(grouped.getSelection() ? comparison.overlayGroups(chosen, log.getSelection())
                : comparison.overlay(chosen, log.getSelection()));
        List<String> metrics = new ArrayList<>(tableMetrics);
        if (!chosen.isEmpty() && !metrics.contains(chosen)) {
            metrics.add(chosen);
        }
        fillTable(metrics);
        long leftOut = comparison.groups().stream().mapToLong(g -> g.leftOut().size()).sum();
        status.setText(comparison.runs().size() + " runs in " + comparison.groups().size()
                + (comparison.groups().size() == 1 ? " configuration" : " configurations")
                + ". The table shows each configuration's final values: mean \u00b1 sample standard deviation over its "
                + "completed runs, one per seed" + (leftOut == 0 ? "." : "; " + leftOut + " left out (see the last column)."));
        status.requestLayout();
    }

    private void fillTable(List<String> metrics) {
        table.setRedraw(false);
        try {
            for (TableColumn column : table.getColumns()) {
                column.dispose();
            }
            table.removeAll();
            column("experiment", 180);
            column("runs", 50);
            metrics.forEach(m -> column(m, 140));
            column("left out", 300);
            Map<String, List<SampleStatistics>> rows = comparison.table(metrics);
            for (Comparison.Group group : comparison.groups()) {
                List<SampleStatistics> row = rows.get(group.label());
                TableItem item = new TableItem(table, SWT.NONE);
                List<String> cells = new ArrayList<>();
                cells.add(group.label());
                cells.add(Integer.toString(row.stream().mapToInt(SampleStatistics::n).max().orElse(0)));
                row.forEach(s -> cells.add(s.format()));
                cells.add(Comparison.leftOut(group));
                item.setText(cells.toArray(String[]::new));
            }
            // A sweep's groups are "<experiment> <grid cell>": as wide as the longest, at least 180.
            TableColumn names = table.getColumn(0);
            names.pack();
            names.setWidth(Math.max(180, names.getWidth()));
        } finally {
            table.setRedraw(true);
        }
    }

    private void column(String title, int width) {
        TableColumn column = new TableColumn(table, SWT.LEFT);
        column.setText(title);
        column.setWidth(width);
    }

    /** Export: a file dialog for the chart (and for CSV, one for the table). */
    private void export(String format) {
        List<Path> folders = PartOpener.paths(part);
        Path workspace = session != null ? session.workspace()
                : folders.isEmpty() ? Path.of("").toAbsolutePath() : folders.get(0).getParent();
        try {
            List<Path> written = new ArrayList<>(ChartFiles.export(table.getShell(), List.of(chart), "comparison", format,
                    workspace));
            if ("csv".equals(format) && !written.isEmpty()) {
                String chosen = Dialogs.chooseFileToSave(table.getShell(), "Export the table as CSV",
                        written.get(0).getParent().toString(), "comparison-table.csv", "csv");
                if (chosen != null) {
                    Files.writeString(Path.of(chosen), comparison.tableCsv(tableMetrics()), StandardCharsets.UTF_8);
                    written.add(Path.of(chosen));
                }
            }
            status.setText(written.isEmpty() ? "Nothing exported." : "Saved " + written);
        } catch (IOException | RuntimeException e) {
            Dialogs.error(table.getShell(), "Export failed", "Writing the " + format + " failed: " + e.getMessage(),
                    "Choose a folder you can write to.");
        }
    }

    private List<String> tableMetrics() {
        List<String> metrics = new ArrayList<>(tableMetrics);
        if (!metrics.contains(metric.getText()) && !metric.getText().isEmpty()) {
            metrics.add(metric.getText());
        }
        return metrics;
    }

    /** Writes {@code comparison.<format>} (and, for CSV, {@code comparison-table.csv}) into a folder. */
    List<Path> export(Path folder, String format) {
        List<Path> written = new ArrayList<>();
        try {
            Path file = folder.resolve("comparison." + format);
            switch (format) {
                case "png" -> chart.savePng(file);
                case "svg" -> Files.writeString(file, chart.svg(), StandardCharsets.UTF_8);
                default -> {
                    Files.writeString(file, chart.csv(), StandardCharsets.UTF_8);
                    Path tableFile = folder.resolve("comparison-table.csv");
                    Files.writeString(tableFile, comparison.tableCsv(tableMetrics()), StandardCharsets.UTF_8);
                    written.add(tableFile);
                }
            }
            written.add(0, file);
            status.setText("Saved " + written);
        } catch (IOException | RuntimeException e) {
            Dialogs.error(table.getShell(), "Export failed", "Writing into " + folder + " failed: " + e.getMessage(),
                    "Choose a folder you can write to.");
        }
        return written;
    }

    /** For tests. */
    Combo metric() {
        return metric;
    }

    ChartView chart() {
        return chart;
    }

    Button grouped() {
        return grouped;
    }

    Table table() {
        return table;
    }

    @Focus
    public void setFocus() {
        metric.setFocus();
    }
}
