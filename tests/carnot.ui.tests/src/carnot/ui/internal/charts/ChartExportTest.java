package carnot.ui.internal.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.report.ChartRenderer;
import carnot.ui.internal.charts.ChartSpec.Line;
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
 * The workbench's SVG export is the report's renderer: the document is read back as XML and its
 * elements counted against the chart's data.
 */
class ChartExportTest {

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document document) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = document.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    /** Polylines through two points or more (a lone point's polyline draws nothing). */
    private static int lines(Document document) {
        NodeList nodes = document.getElementsByTagName("polyline");
        int lines = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            lines += ((Element) nodes.item(i)).getAttribute("points").trim().split("\\s+").length >= 2 ? 1 : 0;
        }
        return lines;
    }

    @Test
    void aLineChartIsTheReportsDrawingOfTheSameData() throws Exception {
        double[] x = {0, 1, 2, 3};
        ChartSpec spec = new ChartSpec("test error over seeds", "epoch", "test error", List.of(
                new Line("wide", x, new double[] {0.9, 0.5, 0.3, 0.25}, ChartSpec.color(0),
                        new double[] {0.85, 0.45, 0.25, 0.2}, new double[] {0.95, 0.55, 0.35, 0.3}),
                new Line("narrow", x, new double[] {0.9, 0.6, 0.45, 0.4}, ChartSpec.color(1))), false, false);
        String svg = ChartExport.svg(spec, 900, 500);
        assertEquals(ChartRenderer.svg(ChartExport.chart(spec), 900, 500), svg, "one SVG writer");
        Document document = parse(svg);
        Element root = document.getDocumentElement();
        assertEquals("svg", root.getNodeName());
        assertEquals("900", root.getAttribute("width"));
        assertEquals("500", root.getAttribute("height"));
        List<String> texts = texts(document);
        for (String expected : List.of("test error over seeds", "epoch", "test error", "wide", "narrow")) {
            assertTrue(texts.contains(expected), () -> expected + " not among " + texts);
        }
        assertEquals(2, lines(document), "one curve per series");
        // The band of "wide" (mean ± sd) became error bars of half its width: 0.05 on each side.
        assertEquals(0.05, ChartExport.chart(spec).series().get(0).error()[2], 1e-12);
    }

    @Test
    void aScatterPlotIsMarkersWithoutLines() throws Exception {
        ChartSpec spec = new ChartSpec("final test error against learning rate", "learningRate", "testError",
                List.of(new Line("runs", new double[] {0.01, 0.1, 1}, new double[] {0.3, 0.2, Double.NaN},
                        ChartSpec.color(0))), false, false, true);
        Document document = parse(ChartExport.svg(spec, 640, 360));
        assertEquals(0, lines(document), "no line between the markers");
        assertEquals(2, document.getElementsByTagName("circle").getLength(), "one marker per finite point");
    }

    @Test
    void aHeatMapHasACellPerGridValue() throws Exception {
        RunData.Grid grid = new RunData.Grid(2, 3, new double[] {1, 2, 3, 4, 5, 6}, new double[] {-1, 0, 1},
                new double[] {-0.5, 0.5});
        HeatMapSpec spec = new HeatMapSpec("train loss around the minimum", "alpha", "beta", grid);
        Document document = parse(ChartExport.svg(spec, 700, 560));
        assertEquals("700", document.getDocumentElement().getAttribute("width"));
        assertTrue(document.getElementsByTagName("rect").getLength() >= 6, "at least the 6 cells");
        assertTrue(texts(document).contains("train loss around the minimum"));
        // values[i][j] at (x[i], y[j]): column 2 of row 1 of the grid is at x = 1, y = 0.5.
        assertEquals(6, ChartExport.heatMap(spec).values()[2][1], 0);
    }
}
