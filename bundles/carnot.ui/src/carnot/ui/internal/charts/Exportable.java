package carnot.ui.internal.charts;

import java.nio.file.Path;

/** A drawn chart that can be written as PNG (as on screen), SVG (from its data) and CSV (its data). */
public interface Exportable {

    /** A file-name stem, e.g. {@code loss}. */
    String fileStem();

    /** Whether there is anything to export. */
    boolean hasData();

    void savePng(Path file);

    String svg();

    String csv();
}
