package carnot.ui.internal.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.ui.internal.PartTest;
import carnot.ui.internal.UiTesting;
import carnot.ui.internal.charts.ChartSpec.Line;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.Range;
import org.junit.jupiter.api.Test;

/**
 * Charts you can read and work with (issue 21): the "0" tick label, log axes in decades, whole
 * epochs, a single point drawn visibly, values under the pointer, zoom, and TensorBoard's smoothing.
 */
class ChartAxesTest extends PartTest {

    private ChartView chart(ChartSpec spec) {
        setUp(800, 500, false);
        ChartView view = new ChartView(shell, "test");
        shell.layout(true, true);
        view.show(spec);
        UiTesting.spin(200);
        return view;
    }

    private static ChartSpec spec(String xTitle, double[] x, double[] y, boolean log) {
        return new ChartSpec("t", xTitle, "value", List.of(new Line("curve", x, y, 0x1f77b4)), false, log);
    }

    @Test
    void zeroIsLabelledAndInsideThePaddedRange() throws Exception {
        ChartView view = chart(spec("alpha", new double[] {0, 0.5, 1}, new double[] {0, 0.4, 0.8}, false));
        IAxis y = view.chart().getAxisSet().getYAxis(0);
        assertTrue(y.getRange().lower < 0 && y.getRange().upper > 0.8, y.getRange().toString());
        assertEquals("0", y.getTick().getFormat().format(0.0));
        // SWTChart hides a label it can parse back to a value off by more than 1% relative; for 0
        // that division is 0/0. Labels that do not parse back stay.
        assertThrows(ParseException.class, () -> y.getTick().getFormat().parseObject("0"));
        assertTrue(Arrays.stream(y.getTick().getTickLabelValues()).anyMatch(v -> v == 0),
                Arrays.toString(y.getTick().getTickLabelValues()));
    }

    @Test
    void aLogAxisIsLabelledInWholeDecades() {
        ChartView view = chart(spec("grid", new double[] {1, 2, 3, 4}, new double[] {0.8, 0.5, 0.3, 0.02}, true));
        IAxis y = view.chart().getAxisSet().getYAxis(0);
        double[] ticks = y.getTick().getTickLabelValues();
        assertTrue(ticks.length >= 2, Arrays.toString(ticks));
        List<String> labels = Arrays.stream(ticks).mapToObj(v -> y.getTick().getFormat().format(v))
                .filter(s -> !s.isEmpty()).toList();
        assertEquals(List.of("1e-2", "1e-1", "1e0"), labels, Arrays.toString(ticks));
        ILineSeries<?> line = (ILineSeries<?>) view.chart().getSeriesSet().getSeries()[0];
        assertEquals(Math.log10(0.02), line.getYSeries()[3], 1e-12, "drawn as log10 on a linear axis");
        assertTrue(y.getTitle().getText().endsWith("(log scale)"));
    }

    @Test
    void epochAxesHaveWholeNumbersAndASingleValueIsDrawnInTheMiddle() {
        ChartView view = chart(spec("epoch", new double[] {0, 1, 2, 3}, new double[] {1, 0.5, 0.3, 0.2}, false));
        IAxis x = view.chart().getAxisSet().getXAxis(0);
        for (double tick : x.getTick().getTickLabelValues()) {
            String label = x.getTick().getFormat().format(tick);
            assertTrue(label.isEmpty() || label.matches("-?\\d+"), label);
        }
        view.show(spec("epoch", new double[] {5}, new double[] {0.7}, false));
        Range range = x.getRange();
        assertEquals(5, (range.lower + range.upper) / 2, 1e-9, "one point: a range around it");
        ILineSeries<?> dot = (ILineSeries<?>) view.chart().getSeriesSet().getSeries()[0];
        assertEquals(ILineSeries.PlotSymbolType.CIRCLE, dot.getSymbolType());
        assertEquals(5, dot.getSymbolSize());
    }

    @Test
    void hoverTellsTheNearestValueAndTheWheelZoomsAroundThePointer() {
        ChartView view = chart(spec("epoch", new double[] {0, 1, 2, 3}, new double[] {1, 0.5, 0.25, 0.125}, false));
        IAxis x = view.chart().getAxisSet().getXAxis(0);
        IAxis y = view.chart().getAxisSet().getYAxis(0);
        ChartInteraction interaction = new ChartInteraction(view.chart(), view);
        assertEquals("curve: epoch = 2, value = 0.250000",
                interaction.describeNearest(x.getPixelCoordinate(2) + 3, y.getPixelCoordinate(0.25) - 2));
        assertNull(interaction.describeNearest(x.getPixelCoordinate(0.5), y.getPixelCoordinate(0.1)));

        Range before = x.getRange();
        int pixel = x.getPixelCoordinate(1);
        ChartInteraction.zoom(x, pixel, 0.5);
        Range after = x.getRange();
        assertEquals((before.upper - before.lower) / 2, after.upper - after.lower, 1e-9);
        assertEquals(1, x.getDataCoordinate(pixel), 0.02, "the value under the pointer stays under it");
    }

    @Test
    void smoothingIsTensorBoardsDebiasedMovingAverageWithTheRawCurveBehind() {
        // m_i = w m_{i-1} + (1 - w) y_i, s_i = m_i / (1 - w^i), w = 0.5, y = 1, 0, 1:
        // m = 0.5, 0.25, 0.625; s = 1, 1/3, 0.625 / 0.875.
        assertArrayEquals(new double[] {1, 1.0 / 3, 0.625 / 0.875}, Smoothing.ema(new double[] {1, 0, 1}, 0.5), 1e-12);
        assertArrayEquals(new double[] {1, 0, 1}, Smoothing.ema(new double[] {1, 0, 1}, 0), 0);
        assertThrows(IllegalArgumentException.class, () -> Smoothing.ema(new double[] {1}, 1));

        ChartView view = chart(spec("epoch", new double[] {0, 1, 2}, new double[] {1, 0, 1}, false));
        view.setSmoothing(0.5);
        var series = view.chart().getSeriesSet().getSeries();
        assertEquals(List.of("curve (raw)", "curve"), Arrays.stream(series).map(s -> s.getId()).toList());
        assertArrayEquals(new double[] {1, 0, 1}, series[0].getYSeries(), 0);
        assertArrayEquals(new double[] {1, 1.0 / 3, 0.625 / 0.875}, series[1].getYSeries(), 1e-12);
    }
}
