package carnot.ui.internal.table;

import carnot.ui.internal.Dialogs;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.Session;
import carnot.ui.internal.Widgets;
import carnot.ui.internal.charts.ChartView;
import carnot.ui.internal.explorer.ExplorerPart;
import carnot.ui.internal.table.RunTableModel.Column;
import carnot.workspace.RunNotes;
import carnot.workspace.RunSummaries;
import carnot.workspace.RunSummaries.RunSummary;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The run table of a workspace or of one experiment (MLflow's and W&amp;B's runs table): a row
 * per run with status, seed, tags, the settings that differ between the runs, final metrics and
 * analysis scalars; sort by clicking a header, filter by search words and status; select rows to
 * compare them (curves overlaid, grouped by configuration) or open one; notes and tags of the
 * selected run, kept in its folder ({@link RunNotes}). The other tabs show the runs as a sweep:
 * parallel coordinates over the varying settings and a metric, and a metric against one setting.
 */
public final class RunTablePart {

    /** Part descriptor id in Application.e4xmi. */
    public static final String DESCRIPTOR_ID = "carnot.ui.partdescriptor.runTable";

    /** Opens the run table of a workspace, or of one experiment's runs ({@code experiment} not null). */
    public static MPart open(MApplication application, EModelService models, EPartService parts, Path workspace,
            String experiment) {
        Path scope = experiment == null ? workspace : workspace.resolve(carnot.workspace.WorkspaceListing.RUNS).resolve(experiment);
        return PartOpener.open(application, models, parts, DESCRIPTOR_ID, scope,
                experiment == null ? "Run table" : "Runs of " + experiment);
    }

    @Inject
    private MPart part;
    @Inject
    private Session session;
    @Inject
    @Optional
    private carnot.ui.internal.runs.RunManager runs;
    @Inject
    @Optional
    private MApplication application;
    @Inject
    @Optional
    private EModelService models;
    @Inject
    @Optional
    private EPartService parts;

    /** The workspace whose runs are shown. */
    private Path workspace;
    /** The experiment the table is limited to, or {@code null} for every run of the workspace. */
    private String experiment;
    private RunTableModel model;
    private List<RunSummary> shown = List.of();
    private Column sortColumn;
    private boolean ascending = true;
    private Text search;
    private Combo status;
    private Table table;
    private Label summary;
    private Text notes;
    private Text tags;
    private CTabFolder tabs;
    private Combo coordinatesMetric;
    private ParallelCoordinates coordinates;
    private Combo plotSetting;
    private Combo plotMetric;
    private ChartView plot;

    @PostConstruct
    public void createControls(Composite parent) {
        // Opened on a workspace folder, or on runs/<experiment> for one experiment's runs.
        Path scope = PartOpener.path(part);
        boolean oneExperiment = scope != null && scope.getParent() != null && scope.getParent().getFileName() != null
                && carnot.workspace.WorkspaceListing.RUNS.equals(scope.getParent().getFileName().toString());
        workspace = scope == null ? session.workspace() : oneExperiment ? scope.getParent().getParent() : scope;
        experiment = oneExperiment ? scope.getFileName().toString() : null;
        GridLayoutFactory.fillDefaults().margins(4, 4).spacing(4, 4).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(7).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        search = new Text(bar, SWT.BORDER | SWT.SEARCH | SWT.ICON_CANCEL);
        search.setMessage("search: words in any column, e.g. completed lr 0.01");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(search);
        search.addListener(SWT.Modify, e -> fill());
        status = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
        status.setItems("any status", "completed", "running", "interrupted", "cancelled", "failed", "pending", "unreadable");
        status.select(0);
        status.addListener(SWT.Selection, e -> fill());
        Widgets.button(bar, "Compare", "Overlay the selected runs, grouped by configuration", this::compareSelected);
        Widgets.button(bar, "Open", "Open the selected run's charts", this::openSelected);
        Widgets.button(bar, "Refresh", "Read the run folders again", this::refresh);

        tabs = new CTabFolder(parent, SWT.TOP | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tabs);
        tab("Runs", runsPage(tabs));
        tab("Parallel coordinates", coordinatesPage(tabs));
        tab("Metric vs setting", plotPage(tabs));
        tabs.addListener(SWT.Selection, e -> showSweepViews());
        // carnot.ui.tableTab: the tab to show first (scripted screenshots), else the table.
        tabs.setSelection(Math.max(0, Math.min(2, Integer.getInteger("carnot.ui.tableTab", 0))));
        summary = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(summary);
        refresh();
    }

    private void tab(String title, org.eclipse.swt.widgets.Control control) {
        CTabItem item = new CTabItem(tabs, SWT.NONE);
        item.setText(title);
        item.setControl(control);
    }

    private Composite runsPage(Composite parent) {
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        table = new Table(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.VIRTUAL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            RunSummary run = shown.get(table.indexOf(item));
            item.setText(model.columns().stream().map(c -> model.text(run, c)).toArray(String[]::new));
        });
        table.addListener(SWT.Selection, e -> showNotes());
        table.addListener(SWT.DefaultSelection, e -> openSelected());
        Composite notesArea = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(2, 2).applyTo(notesArea);
        new Label(notesArea, SWT.NONE).setText("tags");
        tags = new Text(notesArea, SWT.BORDER | SWT.SINGLE);
        tags.setMessage("comma-separated: baseline, p7");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(tags);
        Widgets.button(notesArea, "Save Notes", "Keep the notes and tags in the selected run's folder (notes.json)",
                this::saveNotes);
        notes = new Text(notesArea, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        notes.setMessage("notes on the selected run");
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).applyTo(notes);
        sash.setWeights(75, 25);
        return sash;
    }

    private Composite coordinatesPage(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 4).applyTo(page);
        new Label(page, SWT.NONE).setText("colour and last axis:");
        coordinatesMetric = new Combo(page, SWT.READ_ONLY | SWT.DROP_DOWN);
        coordinatesMetric.addListener(SWT.Selection, e -> showCoordinates());
        coordinates = new ParallelCoordinates(page);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(coordinates.control());
        return page;
    }

    private Composite plotPage(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).margins(4, 4).applyTo(page);
        new Label(page, SWT.NONE).setText("metric:");
        plotMetric = new Combo(page, SWT.READ_ONLY | SWT.DROP_DOWN);
        plotMetric.addListener(SWT.Selection, e -> showPlot());
        new Label(page, SWT.NONE).setText("against:");
        plotSetting = new Combo(page, SWT.READ_ONLY | SWT.DROP_DOWN);
        plotSetting.addListener(SWT.Selection, e -> showPlot());
        Composite area = new Composite(page, SWT.NONE);
        area.setLayout(new org.eclipse.swt.layout.FillLayout());
        GridDataFactory.fillDefaults().span(4, 1).grab(true, true).applyTo(area);
        plot = new ChartView(area, "metric-vs-setting");
        return page;
    }

    /** Reads the run folders again (through {@link RunSummaries}) and redraws every tab. */
    public void refresh() {
        List<RunSummary> read = RunSummaries.read(workspace, experiment);
        model = new RunTableModel(read, carnot.ui.internal.runs.SchedulerColumn.of(runs,
                session.service(carnot.api.runs.RunService.class).orElse(null), read));
        table.setRedraw(false);
        try {
            for (TableColumn column : table.getColumns()) {
                column.dispose();
            }
            for (Column column : model.columns()) {
                TableColumn widget = new TableColumn(table, column.kind() == RunTableModel.Kind.FINAL ? SWT.RIGHT : SWT.LEFT);
                widget.setText(column.title());
                widget.setToolTipText(column.key() == null ? column.title() : column.key());
                widget.setWidth(width(column));
                widget.addListener(SWT.Selection, e -> sortBy(column, widget));
            }
        } finally {
            table.setRedraw(true);
        }
        choices(coordinatesMetric, model.finals(), "testError");
        choices(plotMetric, model.finals(), "testError");
        List<String> numericSettings = model.settings().stream().filter(s -> model.runs().stream()
                .anyMatch(r -> RunTableModel.numeric(r.settings().get(s)) != null)).toList();
        choices(plotSetting, numericSettings, numericSettings.isEmpty() ? "" : numericSettings.get(0));
        fill();
    }

    /** Wide enough for the header (settings and metrics are named in full), the run's name wider. */
    private int width(Column column) {
        if (column.kind() == RunTableModel.Kind.RUN) {
            return 330;
        }
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(table);
        try {
            return Math.max(column.kind() == RunTableModel.Kind.STATUS || column.kind() == RunTableModel.Kind.SCHEDULER
                    ? 110 : 60, gc.textExtent(column.title()).x + 28);
        } finally {
            gc.dispose();
        }
    }

    private static void choices(Combo combo, List<String> items, String preferred) {
        String previous = combo.getText();
        combo.setItems(items.toArray(String[]::new));
        int index = items.indexOf(previous.isEmpty() ? preferred : previous);
        combo.select(Math.max(0, index < 0 ? items.indexOf(preferred) : index));
    }

    private void sortBy(Column column, TableColumn widget) {
        ascending = column.equals(sortColumn) ? !ascending : true;
        sortColumn = column;
        table.setSortColumn(widget);
        table.setSortDirection(ascending ? SWT.UP : SWT.DOWN);
        fill();
    }

    /** Applies the search, the status filter and the sort; redraws the table and the sweep views. */
    void fill() {
        String chosen = status.getSelectionIndex() <= 0 ? null : status.getText();
        shown = model.rows(search.getText(), chosen, sortColumn, ascending);
        table.clearAll();
        table.setItemCount(shown.size());
        summary.setText(shown.size() + " of " + model.runs().size() + " runs"
                + (experiment == null ? " in " + workspace : " of " + experiment) + "; "
                + model.settings().size() + " settings differ between them. Click a header to sort; select runs to compare.");
        summary.requestLayout();
        showNotes();
        showSweepViews();
    }

    /** Shows a tab (0 the table, 1 parallel coordinates, 2 metric vs setting) and draws its view. */
    public void selectTab(int index) {
        tabs.setSelection(index);
        showSweepViews();
    }

    /** Draws the sweep view whose tab is showing; the others when their tab is chosen. */
    private void showSweepViews() {
        switch (tabs.getSelectionIndex()) {
            case 1 -> showCoordinates();
            case 2 -> showPlot();
            default -> {
                // The table itself: nothing more to draw.
            }
        }
    }

    private void showCoordinates() {
        coordinates.show(shown, model.settings(), coordinatesMetric.getText());
    }

    private void showPlot() {
        plot.show(MetricPlot.spec(shown, plotSetting.getText(), plotMetric.getText()));
    }

    private List<RunSummary> selected() {
        List<RunSummary> runs = new ArrayList<>();
        for (int index : table.getSelectionIndices()) {
            runs.add(shown.get(index));
        }
        return runs;
    }

    private void showNotes() {
        List<RunSummary> runs = selected();
        boolean one = runs.size() == 1;
        notes.setEnabled(one);
        tags.setEnabled(one);
        notes.setText(one ? runs.get(0).notes().text() : "");
        tags.setText(one ? String.join(", ", runs.get(0).notes().tags()) : "");
    }

    void saveNotes() {
        List<RunSummary> runs = selected();
        if (runs.size() != 1) {
            return;
        }
        Path folder = runs.get(0).folder();
        try {
            RunNotes.write(workspace, folder, new RunNotes.Notes(notes.getText(), RunNotes.parseTags(tags.getText())));
        } catch (IOException | IllegalArgumentException e) {
            Dialogs.error(table.getShell(), "Notes not saved", folder + ": " + e.getMessage(),
                    "Tags are words of letters, digits and . _ + : / - separated by commas; the run folder must be "
                            + "inside the workspace.");
            return;
        }
        int[] selection = table.getSelectionIndices();
        refresh();
        table.setSelection(selection);
        showNotes();
    }

    void compareSelected() {
        List<RunSummary> runs = selected().isEmpty() ? shown : selected();
        if (runs.isEmpty() || application == null || models == null || parts == null) {
            return;
        }
        PartOpener.openMany(application, models, parts, ExplorerPart.COMPARISON_DESCRIPTOR_ID,
                runs.stream().map(RunSummary::folder).toList(), "Comparison of " + runs.size() + " runs");
    }

    void openSelected() {
        List<RunSummary> runs = selected();
        if (runs.size() != 1 || application == null || models == null || parts == null) {
            return;
        }
        RunSummary run = runs.get(0);
        PartOpener.open(application, models, parts, ExplorerPart.RUN_DESCRIPTOR_ID, run.folder(),
                run.experiment() + "/" + run.runId());
    }

    /** For tests and the benchmark. */
    public Table table() {
        return table;
    }

    public RunTableModel model() {
        return model;
    }

    public ParallelCoordinates coordinates() {
        return coordinates;
    }

    public CTabFolder tabs() {
        return tabs;
    }

    Text search() {
        return search;
    }

    Combo status() {
        return status;
    }

    Text notes() {
        return notes;
    }

    Text tags() {
        return tags;
    }

    ChartView plot() {
        return plot;
    }

    @Focus
    public void setFocus() {
        table.setFocus();
    }
}
