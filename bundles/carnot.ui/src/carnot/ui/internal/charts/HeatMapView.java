package carnot.ui.internal.charts;

import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;

/**
 * A 2D grid drawn as a heat map (viridis) with its axes' ranges and a colour bar. SWTChart has
 * no heat maps, so this canvas paints the cells itself; the same painting writes the PNG.
 */
public final class HeatMapView implements Exportable {

    private static final int MARGIN_LEFT = 70;
    private static final int MARGIN_RIGHT = 90;
    private static final int MARGIN_TOP = 36;
    private static final int MARGIN_BOTTOM = 50;

    private final Canvas canvas;
    private final String stem;
    private HeatMapSpec spec;

    public HeatMapView(Composite parent, String fileStem) {
        this.stem = fileStem;
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        canvas.addPaintListener(e -> {
            Rectangle area = canvas.getClientArea();
            paint(e.gc, area.width, area.height);
        });
    }

    public Canvas canvas() {
        return canvas;
    }

    public HeatMapSpec spec() {
        return spec;
    }

    public void show(HeatMapSpec newSpec) {
        spec = newSpec;
        canvas.redraw();
    }

    /** Paints the map into a GC of the given size. */
    void paint(GC gc, int width, int height) {
        Display display = canvas.getDisplay();
        gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(0, 0, width, height);
        gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
        if (spec == null) {
            gc.drawText("No 2D grid recorded in this run (yet).", 10, 10, true);
            return;
        }
        RunData.Grid grid = spec.grid();
        int plotWidth = Math.max(10, width - MARGIN_LEFT - MARGIN_RIGHT);
        int plotHeight = Math.max(10, height - MARGIN_TOP - MARGIN_BOTTOM);
        // Cells are rendered into an image at grid resolution and scaled: fast for large grids.
        ImageData data = new ImageData(grid.cols(), grid.rows(), 24, new PaletteData(0xff0000, 0xff00, 0xff));
        double[] range = spec.range();
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.cols(); c++) {
                // Row 0 is the lowest y: draw it at the bottom.
                data.setPixel(c, grid.rows() - 1 - r, HeatMapSpec.color(grid.at(r, c), range[0], range[1]));
            }
        }
        Image cells = new Image(display, data);
        try {
            gc.setInterpolation(SWT.NONE);
            gc.drawImage(cells, 0, 0, grid.cols(), grid.rows(), MARGIN_LEFT, MARGIN_TOP, plotWidth, plotHeight);
        } finally {
            cells.dispose();
        }
        gc.drawRectangle(MARGIN_LEFT, MARGIN_TOP, plotWidth, plotHeight);
        centered(gc, spec.title(), MARGIN_LEFT + plotWidth / 2, 8);
        centered(gc, spec.xTitle(), MARGIN_LEFT + plotWidth / 2, MARGIN_TOP + plotHeight + 24);
        gc.drawText(format(grid.x()[0]), MARGIN_LEFT, MARGIN_TOP + plotHeight + 4, true);
        String xMax = format(grid.x()[grid.cols() - 1]);
        gc.drawText(xMax, MARGIN_LEFT + plotWidth - gc.textExtent(xMax).x, MARGIN_TOP + plotHeight + 4, true);
        String yMin = format(grid.y()[0]);
        String yMax = format(grid.y()[grid.rows() - 1]);
        gc.drawText(yMax, MARGIN_LEFT - 6 - gc.textExtent(yMax).x, MARGIN_TOP, true);
        gc.drawText(yMin, MARGIN_LEFT - 6 - gc.textExtent(yMin).x, MARGIN_TOP + plotHeight - 14, true);
        // The y axis' title above its top end, where it never covers the cells or the tick values.
        gc.drawText("\u2191 " + spec.yTitle(), 4, MARGIN_TOP - 18, true);
        int barX = MARGIN_LEFT + plotWidth + 20;
        for (int i = 0; i < plotHeight; i++) {
            double value = range[1] - (range[1] - range[0]) * i / Math.max(1, plotHeight - 1);
            int rgb = HeatMapSpec.color(value, range[0], range[1]);
            Color color = new Color((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
            gc.setForeground(color);
            gc.drawLine(barX, MARGIN_TOP + i, barX + 14, MARGIN_TOP + i);
        }
        gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
        gc.drawText(format(range[1]), barX + 18, MARGIN_TOP - 2, true);
        gc.drawText(format(range[0]), barX + 18, MARGIN_TOP + plotHeight - 14, true);
    }

    private static void centered(GC gc, String text, int x, int y) {
        Point extent = gc.textExtent(text);
        gc.drawText(text, x - extent.x / 2, y, true);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    @Override
    public String fileStem() {
        return stem;
    }

    @Override
    public boolean hasData() {
        return spec != null;
    }

    @Override
    public void savePng(Path file) {
        Rectangle area = canvas.getClientArea();
        int width = Math.max(area.width, 640);
        int height = Math.max(area.height, 480);
        Image image = new Image(canvas.getDisplay(), width, height);
        GC gc = new GC(image);
        try {
            paint(gc, width, height);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    @Override
    public String svg() {
        return ChartExport.svg(spec, 800, 600);
    }

    @Override
    public String csv() {
        return ChartExport.csv(spec);
    }
}
