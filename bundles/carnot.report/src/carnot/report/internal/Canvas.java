package carnot.report.internal;

/** What {@link carnot.report.ChartRenderer} draws on: SVG text or a raster image. Coordinates in pixels, y down. */
public interface Canvas {

    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed);

    void polyline(double[] x, double[] y, String color, double width, boolean dashed);

    void circle(double x, double y, double r, String color);

    void rect(double x, double y, double w, double h, String stroke, String fill);

    void text(double x, double y, String text, double size, Anchor anchor, String color, boolean vertical);
}
