package carnot.ui.internal.charts;

import carnot.studies.measures.MeasureStudyRecords;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.Widgets;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * A measure study ({@code carnot measures}) in the workbench: its rank-correlation table and a
 * chart of tau and the granulated psi per measure ({@link MeasureStudyView}), read through the
 * studies' reader {@link MeasureStudyRecords#read}, as the report reads it. A folder that is not a
 * study of a known format says why in red.
 */
public final class MeasureStudyPart {

    /** Element id of the part descriptor in Application.e4xmi. */
    public static final String DESCRIPTOR_ID = "carnot.ui.partdescriptor.measureStudy";

    @Inject
    private MPart part;

    private Path folder;
    private Label header;
    private Table table;
    private ChartView chart;

    /** Whether a folder holds a measure study (File &gt; Open offers it as one). */
    public static boolean isStudy(Path folder) {
        return MeasureStudyRecords.isStudyFolder(folder);
    }

    /** Opens the study in {@code folder}, named by its experiment's folder and its time. */
    public static MPart open(MApplication application, EModelService models, EPartService parts, Path folder) {
        Path parent = folder.getParent();
        return PartOpener.open(application, models, parts, DESCRIPTOR_ID, folder,
                (parent == null ? "" : parent.getFileName() + "/") + folder.getFileName());
    }

    @PostConstruct
    public void createControls(Composite parent) {
        folder = PartOpener.path(part);
        GridLayoutFactory.fillDefaults().margins(4, 4).spacing(4, 4).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        header = new Label(bar, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(header);
        Widgets.button(bar, "Refresh", "Read the study folder again", this::refresh);
        Widgets.button(bar, "Export PNG...", "Save the chart as a PNG image (as on screen)", () -> {
            try {
                ChartFiles.export(header.getShell(), List.<Exportable>of(chart), folder.getFileName().toString(), "png",
                        folder);
            } catch (IOException | RuntimeException e) {
                carnot.ui.internal.Dialogs.error(header.getShell(), "Export failed", e.getMessage(),
                        "Choose a folder you can write to.");
            }
        });
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        table = new Table(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        chart = new ChartView(sash, "measures");
        sash.setWeights(55, 45);
        refresh();
    }

    /** Reads the study again and shows it. */
    public void refresh() {
        MeasureStudyView view;
        try {
            view = new MeasureStudyView(MeasureStudyRecords.read(folder));
        } catch (IOException | RuntimeException e) {
            header.setText(Widgets.literal(e.getMessage() == null ? folder + ": " + e : e.getMessage()));
            header.setForeground(header.getDisplay().getSystemColor(SWT.COLOR_RED));
            header.requestLayout();
            return;
        }
        header.setForeground(null);
        header.setText(Widgets.literal(view.header()));
        header.requestLayout();
        table.setRedraw(false);
        try {
            table.removeAll();
            for (TableColumn column : table.getColumns()) {
                column.dispose();
            }
            for (String title : view.titles()) {
                TableColumn column = new TableColumn(table, title.equals("measure") || title.startsWith("K given")
                        || title.startsWith("Jiang") ? SWT.LEFT : SWT.RIGHT);
                column.setText(title);
            }
            for (List<String> row : view.rows()) {
                new TableItem(table, SWT.NONE).setText(row.toArray(String[]::new));
            }
            for (TableColumn column : table.getColumns()) {
                column.pack();
            }
        } finally {
            table.setRedraw(true);
        }
        chart.show(view.chart());
    }

    /** For tests. */
    Label header() {
        return header;
    }

    Table table() {
        return table;
    }

    ChartView chart() {
        return chart;
    }

    @Focus
    public void setFocus() {
        table.setFocus();
    }
}
