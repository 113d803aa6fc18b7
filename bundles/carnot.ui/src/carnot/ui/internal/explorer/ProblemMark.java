package carnot.ui.internal.explorer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

/**
 * The small error mark of a file with a problem (a red disc with a white bar, as Eclipse marks
 * errors), drawn rather than shipped so that the bundle needs no image files. The caller disposes it.
 */
final class ProblemMark {

    static final int SIZE = 14;

    private ProblemMark() {
    }

    static Image create(Display display) {
        ImageData data = new ImageData(SIZE, SIZE, 24, new PaletteData(0xff0000, 0xff00, 0xff));
        data.transparentPixel = data.palette.getPixel(new RGB(255, 255, 255));
        Image image = new Image(display, data);
        GC gc = new GC(image);
        try {
            gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
            gc.fillRectangle(0, 0, SIZE, SIZE);
            gc.setAntialias(SWT.ON);
            gc.setBackground(display.getSystemColor(SWT.COLOR_RED));
            gc.fillOval(1, 1, SIZE - 2, SIZE - 2);
            gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
            gc.fillRectangle(4, SIZE / 2 - 1, SIZE - 8, 3);
        } finally {
            gc.dispose();
        }
        return image;
    }
}
