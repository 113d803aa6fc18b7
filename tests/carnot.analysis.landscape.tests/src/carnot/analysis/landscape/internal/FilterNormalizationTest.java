package carnot.analysis.landscape.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import carnot.curvature.linalg.WeightVectors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Li et al.'s filter normalization, checked filter by filter against norms computed here. */
class FilterNormalizationTest {

    /** A conv kernel (4 filters of 3x2x2), a dense matrix (5 x 6), a bias and batch-norm vectors. */
    private static Map<String, long[]> shapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("conv_weight", new long[] {4, 3, 2, 2});
        shapes.put("conv_bias", new long[] {4});
        shapes.put("bn_gamma", new long[] {4});
        shapes.put("bn_runningVar", new long[] {4});
        shapes.put("dense_weight", new long[] {5, 6});
        shapes.put("dense_bias", new long[] {5});
        return shapes;
    }

    private static Map<String, float[]> random(Map<String, long[]> shapes, long seed, double scale) {
        Random random = new Random(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> {
            long size = 1;
            for (long s : shape) {
                size *= s;
            }
            float[] v = new float[(int) size];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (scale * random.nextGaussian());
            }
            values.put(name, v);
        });
        return values;
    }

    private static double filterNorm(float[] values, int filter, int filterSize) {
        double sum = 0;
        for (int i = filter * filterSize; i < (filter + 1) * filterSize; i++) {
            sum += values[i] * values[i];
        }
        return Math.sqrt(sum);
    }

    @Test
    void everyFilterOfTheDirectionHasTheNormOfTheWeightsFilterAndBiasesAndBatchNormAreZero() {
        Map<String, long[]> shapes = shapes();
        Map<String, float[]> weights = random(shapes, 1, 0.3);
        weights.get("dense_weight")[7] = 40f; // filters of very different norms
        Map<String, float[]> direction = FilterNormalization.randomDirection(weights, shapes, new Random(5));
        for (String name : new String[] {"conv_weight", "dense_weight"}) {
            int filters = (int) shapes.get(name)[0];
            int size = weights.get(name).length / filters;
            for (int f = 0; f < filters; f++) {
                double expected = filterNorm(weights.get(name), f, size);
                assertEquals(expected, filterNorm(direction.get(name), f, size), 1e-6 * expected, name + " filter " + f);
            }
        }
        for (String name : new String[] {"conv_bias", "bn_gamma", "bn_runningVar", "dense_bias"}) {
            assertArrayEquals(new float[weights.get(name).length], direction.get(name), name);
        }
    }

    @Test
    void normalizationKeepsEachFiltersDirectionAndIsScaleInvariantInTheDirection() {
        Map<String, long[]> shapes = shapes();
        Map<String, float[]> weights = random(shapes, 2, 1.0);
        Map<String, float[]> d = random(shapes, 3, 1.0);
        Map<String, float[]> scaled = new LinkedHashMap<>();
        d.forEach((name, v) -> {
            float[] s = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                s[i] = v[i] * 8; // a power of two: exact in float
            }
            scaled.put(name, s);
        });
        Map<String, float[]> a = FilterNormalization.normalize(d, weights, shapes);
        Map<String, float[]> b = FilterNormalization.normalize(scaled, weights, shapes);
        float[] dense = d.get("dense_weight");
        float[] normalized = a.get("dense_weight");
        // Filter 2 of the dense matrix: normalized = d * ||w_2|| / ||d_2||, computed here independently.
        double ratio = filterNorm(weights.get("dense_weight"), 2, 6) / filterNorm(dense, 2, 6);
        for (int i = 12; i < 18; i++) {
            assertEquals(dense[i] * ratio, normalized[i], 1e-6 * Math.abs(dense[i] * ratio) + 1e-7);
        }
        for (String name : shapes.keySet()) {
            float[] x = a.get(name);
            float[] y = b.get(name);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], 1e-6 * Math.abs(x[i]) + 1e-9, name);
            }
        }
        assertNotEquals(0.0, WeightVectors.norm(a));
    }

    @Test
    void aZeroFilterOfTheWeightsGivesAZeroFilterOfTheDirection() {
        Map<String, long[]> shapes = Map.of("w", new long[] {2, 3});
        Map<String, float[]> weights = Map.of("w", new float[] {0, 0, 0, 1, 2, 2});
        Map<String, float[]> direction = FilterNormalization.normalize(Map.of("w", new float[] {1, 1, 1, 0, 0, 4}),
                weights, shapes);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 3}, direction.get("w"));
    }

    @Test
    void differentLayoutsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FilterNormalization.normalize(Map.of("w", new float[2]),
                Map.of("w", new float[3]), Map.of("w", new long[] {1, 3})));
    }
}
