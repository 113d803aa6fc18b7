package carnot.report.internal;


import java.util.Locale;

/** Draws into an SVG document (a string), for inlining in HTML or saving as a .svg file. */
public final class SvgCanvas implements Canvas {

    private final StringBuilder svg = new StringBuilder();
    private final int width;
    private final int height;

    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String color, double w, boolean dashed) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"%.1f\"%s/>\n", x1, y1, x2, y2, color, w, dashed ? " stroke-dasharray=\"5,4\"" : ""));
    }

    @Override
    public void polyline(double[] x, double[] y, String color, double w, boolean dashed) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x[i], y[i]));
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s "
                + "points=\"%s\"/>\n", color, w, dashed ? " stroke-dasharray=\"6,4\"" : "", points.toString().trim()));
    }

    @Override
    public void circle(double x, double y, double r, String color) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>\n", x, y, r,
                color));
    }

    @Override
    public void rect(double x, double y, double w, double h, String stroke, String fill) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                + "fill=\"%s\" stroke=\"%s\"/>\n", x, y, w, h, fill == null ? "none" : fill,
                stroke == null ? "none" : stroke));
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, String color, boolean vertical) {
        String a = switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" text-anchor=\"%s\" "
                + "fill=\"%s\"%s>%s</text>\n", x, y, size, a, color,
                vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", x, y) : "",
                Html.escape(text)));
    }

    public String document() {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n", width, height, width, height)
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + svg + "</svg>\n";
    }
}
