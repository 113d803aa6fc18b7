package carnot.analysis.landscape.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import carnot.curvature.linalg.WeightVectors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightVectorsTest {

    private static Map<String, float[]> point(float[] w, float[] b) {
        Map<String, float[]> p = new LinkedHashMap<>();
        p.put("w", w);
        p.put("b", b);
        return p;
    }

    @Test
    void interpolationReproducesBothEndpointsExactlyAndIsAffineInBetween() {
        Map<String, float[]> from = point(new float[] {0.1f, -3.7f, 1e-8f}, new float[] {5.5f});
        Map<String, float[]> to = point(new float[] {2.3f, 0.77f, -1e8f}, new float[] {-0.3f});
        assertArrayEquals(from.get("w"), WeightVectors.interpolate(from, to, 0).get("w"));
        assertArrayEquals(to.get("w"), WeightVectors.interpolate(from, to, 1).get("w"));
        assertArrayEquals(to.get("b"), WeightVectors.interpolate(from, to, 1).get("b"));
        assertEquals((float) (0.75 * 5.5 + 0.25 * -0.3), WeightVectors.interpolate(from, to, 0.25).get("b")[0]);
        assertEquals((float) (-0.5 * 5.5 + 1.5 * -0.3), WeightVectors.interpolate(from, to, 1.5).get("b")[0]);
    }

    @Test
    void offsetAddsEachDirectionTimesItsCoefficient() {
        Map<String, float[]> base = point(new float[] {1, 2}, new float[] {3});
        Map<String, float[]> d1 = point(new float[] {1, 0}, new float[] {0});
        Map<String, float[]> d2 = point(new float[] {0.5f, -1}, new float[] {2});
        Map<String, float[]> p = WeightVectors.offset(base, new double[] {2, -4}, d1, d2);
        assertArrayEquals(new float[] {1 + 2 - 2, 2 + 4}, p.get("w"));
        assertArrayEquals(new float[] {3 - 8}, p.get("b"));
        assertArrayEquals(base.get("w"), WeightVectors.offset(base, new double[] {0, 0}, d1, d2).get("w"));
    }

    @Test
    void normAndDistance() {
        Map<String, float[]> a = point(new float[] {3, 0}, new float[] {4});
        Map<String, float[]> b = point(new float[] {0, 0}, new float[] {0});
        assertEquals(5, WeightVectors.norm(a), 0);
        assertEquals(5, WeightVectors.distance(a, b), 0);
    }

    @Test
    void theBarrierIsTheLargestExcessOverTheChordOnTheSegment() {
        double[] alphas = LandscapeSettings.grid(-0.5, 1.5, 9); // -0.5, -0.25, 0, ..., 1.5
        double[] values = new double[alphas.length];
        for (int i = 0; i < alphas.length; i++) {
            // chord from 2 (alpha 0) to 1 (alpha 1) plus a bump 4 a (1 - a): excess max 1 at a = 0.5
            double a = alphas[i];
            values[i] = 2 - a + 4 * a * (1 - a) + (a < 0 || a > 1 ? 100 : 0);
        }
        assertEquals(1.0, LinearInterpolationProvider.barrier(alphas, values), 1e-12);
        assertEquals(Double.NaN, LinearInterpolationProvider.barrier(new double[] {0.1, 0.9}, new double[] {1, 1}));
    }
}
