package carnot.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The report's SVG charts parsed back as XML: every series is a polyline whose points, mapped back
 * through the axis written out by hand (data range padded by 4% on each side onto the plot box),
 * are the series' data; gaps split lines; the legend names the series; ticks are the "nice" values.
 */
class ChartRendererSvgTest {

    private static final String SVG = "http://www.w3.org/2000/svg";
    /** The plot box of a 640 x 360 chart with a legend: left margin 72, legend 190, top 34, bottom 48. */
    private static final double LEFT = 72;
    private static final double RIGHT = 640 - 190;
    private static final double TOP = 34;
    private static final double BOTTOM = 360 - 48;

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS(SVG, name);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static double[][] points(Element polyline) {
        String[] pairs = polyline.getAttribute("points").trim().split("\\s+");
        double[][] points = new double[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            String[] xy = pairs[i].split(",");
            points[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
        }
        return points;
    }

    /** Linear axis: the data range [lo, hi] padded by 4% of its width, mapped onto [p0, p1]. */
    private static double pixel(double v, double lo, double hi, double p0, double p1) {
        double pad = (hi - lo) * 0.04;
        return p0 + (v - (lo - pad)) / ((hi + pad) - (lo - pad)) * (p1 - p0);
    }

    @Test
    void twoSeriesReadBackAsTheirDataWithALegendAndGaps() throws Exception {
        double[] epochs = {0, 2, 4, 6, 8, 10};
        double[] train = {2.3, 1.1, 0.6, 0.4, 0.3, 0.25};
        double[] test = {2.3, 1.2, Double.NaN, 0.7, 0.75, 0.8};
        Chart chart = new Chart("Loss", "epoch", "loss", false, false,
                List.of(Chart.Series.line("train", epochs, train), Chart.Series.line("test", epochs, test)));
        Document svg = parse(ChartRenderer.svg(chart));

        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("640", root.getAttribute("width"));
        assertEquals("360", root.getAttribute("height"));
        assertEquals("Loss", elements(svg, "text").get(0).getTextContent());

        // train: one line of six points; test: the NaN at epoch 4 splits it into two lines of two and three.
        List<Element> lines = elements(svg, "polyline");
        assertEquals(3, lines.size());
        assertEquals("#1f77b4", lines.get(0).getAttribute("stroke"), "the first colour of the palette");
        assertEquals(lines.get(1).getAttribute("stroke"), lines.get(2).getAttribute("stroke"),
                "both pieces of the test series are drawn in its colour");
        double[][] drawnTrain = points(lines.get(0));
        double[][] drawnTestStart = points(lines.get(1));
        double[][] drawnTestEnd = points(lines.get(2));
        assertEquals(6, drawnTrain.length);
        assertEquals(2, drawnTestStart.length);
        assertEquals(3, drawnTestEnd.length);

        // The y range covers both series' finite values: [0.25, 2.3]; x covers [0, 10].
        double yLo = 0.25;
        double yHi = 2.3;
        for (int i = 0; i < 6; i++) {
            assertEquals(pixel(epochs[i], 0, 10, LEFT, RIGHT), drawnTrain[i][0], 0.051, "train x " + i);
            assertEquals(pixel(train[i], yLo, yHi, BOTTOM, TOP), drawnTrain[i][1], 0.051, "train y " + i);
        }
        int[] testIndices = {0, 1, 3, 4, 5};
        for (int j = 0; j < 5; j++) {
            double[] p = j < 2 ? drawnTestStart[j] : drawnTestEnd[j - 2];
            int i = testIndices[j];
            assertEquals(pixel(epochs[i], 0, 10, LEFT, RIGHT), p[0], 0.051, "test x " + i);
            assertEquals(pixel(test[i], yLo, yHi, BOTTOM, TOP), p[1], 0.051, "test y " + i);
        }

        List<String> texts = elements(svg, "text").stream().map(Element::getTextContent).toList();
        // x ticks: the padded range [-0.4, 10.4] over 5 is 2.16, rounded up to the nice step 5.
        assertEquals(List.of("0", "5", "10"), texts.subList(1, 4));
        // y ticks: [0.168, 2.382] over 5 is 0.443, rounded up to 0.5.
        assertEquals(List.of("0.5", "1", "1.5", "2"), texts.subList(4, 8));
        assertEquals(List.of("train", "test"), texts.subList(texts.size() - 2, texts.size()), "the legend");
    }

    @Test
    void aLogAxisPlacesDecadesEvenlyAndLeavesNonPositiveValuesOut() throws Exception {
        double[] width = {1, 10, 100, 1000};
        double[] error = {0.5, 0.1, -1, 0.01};
        Chart chart = new Chart("Error", "width", "test error", true, true,
                List.of(Chart.Series.line("test error", width, error)));
        Document svg = parse(ChartRenderer.svg(chart));
        // One series: no legend, the plot reaches 30 px from the right edge; the -1 splits the line.
        double right = 640 - 30;
        List<Element> lines = elements(svg, "polyline");
        assertEquals(2, lines.size());
        double[][] first = points(lines.get(0));
        double[][] second = points(lines.get(1));
        assertEquals(2, first.length);
        assertEquals(1, second.length);
        // log10 of the width runs 0..3 with no padding on a log axis: one decade is a third of the plot.
        double decade = (right - LEFT) / 3;
        assertEquals(LEFT, first[0][0], 0.051);
        assertEquals(LEFT + decade, first[1][0], 0.051);
        assertEquals(LEFT + 3 * decade, second[0][0], 0.051);
        // y: log10 of 0.01..0.5; 0.1 sits at (log 0.1 - log 0.01) / (log 0.5 - log 0.01) of the height.
        double f = 1 / Math.log10(50);
        assertEquals(BOTTOM + f * (TOP - BOTTOM), first[1][1], 0.051);
        assertEquals(1, elements(svg, "circle").size(), "a lone point is drawn as a dot");
        List<String> texts = elements(svg, "text").stream().map(Element::getTextContent).toList();
        assertEquals("width (log)", texts.get(texts.size() - 2));
        assertEquals("test error (log)", texts.get(texts.size() - 1));
    }

    @Test
    void seriesOfUnequalLengthsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Chart.Series.line("accuracy", new double[] {1, 2}, new double[] {0.5}));
        assertEquals("series accuracy: x, y and error lengths differ", e.getMessage());
    }
}
