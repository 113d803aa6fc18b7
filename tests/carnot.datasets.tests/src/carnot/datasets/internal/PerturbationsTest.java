package carnot.datasets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.InvalidSettingsException;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetSplits;
import carnot.api.datasets.PerturbationProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The perturbations against hand-computed cases and seeded statistical checks. */
class PerturbationsTest {

    private static DatasetContext seed(long seed) {
        return new DatasetContext(seed, ProgressMonitor.NONE);
    }

    /** n examples of shape (1, 2, 3) with values i * 10 + j and labels i mod k. */
    private static Dataset ramp(String name, int n, int k) {
        float[] x = new float[n * 6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = i * 10 + j;
            }
            y[i] = i % k;
        }
        return Dataset.of(name, new int[] {1, 2, 3}, k, x, y);
    }

    private static DatasetSplits apply(PerturbationProvider provider, Map<String, Object> settings, DatasetSplits data,
            long seed) throws DatasetException {
        return provider.apply(data, provider.settingsSchema().validate(settings, "perturbations[0].settings"),
                seed(seed));
    }

    @Test
    void labelCorruptionChangesTrainLabelsAtTheExpectedRateAndNeverTestLabels() throws Exception {
        int n = 20000;
        int k = 10;
        DatasetSplits data = new DatasetSplits(ramp("train", n, k), ramp("test", 100, k));
        DatasetSplits out = apply(new LabelCorruptionProvider(), Map.of("probability", 0.4), data, 3);
        int changed = 0;
        for (int i = 0; i < n; i++) {
            changed += out.train().labels()[i] != data.train().labels()[i] ? 1 : 0;
        }
        // Expected fraction p (K-1)/K = 0.36; binomial sd sqrt(0.36 * 0.64 / 20000) = 0.0034: 4 sd.
        assertEquals(0.36, changed / (double) n, 0.0136);
        assertSame(data.test(), out.test(), "test labels stay true");
        assertSame(data.train().features(), out.train().features(), "inputs untouched");
        assertArrayEquals(out.train().labels(), apply(new LabelCorruptionProvider(), Map.of("probability", 0.4), data,
                3).train().labels(), "the seed fixes the corruption");
        int[] none = apply(new LabelCorruptionProvider(), Map.of("probability", 0.0), data, 3).train().labels();
        assertArrayEquals(data.train().labels(), none, "p = 0 changes nothing");
        // Randomization test p = 1: labels independent of the input, uniform over classes.
        int[] random = apply(new LabelCorruptionProvider(), Map.of("probability", 1.0), data, 3).train().labels();
        int[] counts = new int[k];
        Arrays.stream(random).forEach(label -> counts[label]++);
        for (int c : counts) {
            assertEquals(n / k, c, 4 * Math.sqrt(n * 0.1 * 0.9), "uniform labels");
        }
    }

    @Test
    void probabilityOutsideTheUnitIntervalIsRefusedNamingTheField() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> new LabelCorruptionProvider()
                .settingsSchema().validate(Map.of("probability", 1.5), "perturbations[0].settings"));
        assertEquals("perturbations[0].settings.probability: expected a number >= 0 and <= 1, got 1.5",
                e.getMessage());
    }

    @Test
    void shuffledPixelsApplyOneFixedPermutationToTrainAndTest() throws Exception {
        DatasetSplits data = new DatasetSplits(ramp("train", 50, 2), ramp("test", 20, 2));
        DatasetSplits out = apply(new ShuffledPixelsProvider(), Map.of(), data, 8);
        // Recover the permutation from example 0 (values j), then check it everywhere.
        int[] permutation = new int[6];
        for (int j = 0; j < 6; j++) {
            permutation[j] = (int) out.train().features()[j];
        }
        assertNotEquals(List.of(0, 1, 2, 3, 4, 5), Arrays.stream(permutation).boxed().toList(), "seed 8 shuffles");
        for (Dataset[] pair : new Dataset[][] {{data.train(), out.train()}, {data.test(), out.test()}}) {
            for (int i = 0; i < pair[0].size(); i++) {
                for (int j = 0; j < 6; j++) {
                    assertEquals(i * 10 + permutation[j], pair[1].features()[i * 6 + j], 0f);
                }
            }
            assertSame(pair[0].labels(), pair[1].labels());
        }
    }

    @Test
    void randomPixelsPermuteEachImageDifferentlyKeepingItsValues() throws Exception {
        DatasetSplits data = new DatasetSplits(ramp("train", 200, 2), ramp("test", 20, 2));
        DatasetSplits out = apply(new RandomPixelsProvider(), Map.of(), data, 8);
        java.util.Set<String> orders = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            float[] image = Arrays.copyOfRange(out.train().features(), i * 6, i * 6 + 6);
            int[] order = new int[6];
            for (int j = 0; j < 6; j++) {
                order[j] = (int) (image[j] - i * 10);
            }
            orders.add(Arrays.toString(order));
            Arrays.sort(order);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, order, "a permutation of the image's own values");
        }
        // 200 draws from 720 permutations: about 27 collisions expected, so well over 150 distinct.
        assertTrue(orders.size() > 150, "per-image permutations: " + orders.size() + " distinct");
    }

    @Test
    void gaussianInputsMatchTheTrainingMeanAndVariance() throws Exception {
        int n = 20000;
        SplittableRandom random = new SplittableRandom(1);
        float[] x = new float[n * 2];
        for (int i = 0; i < n; i++) {
            double z = GaussianInputsProvider.gaussian(random);
            x[2 * i] = (float) (3 + 2 * z); // mean 3, sd 2
            x[2 * i + 1] = (float) (-1 + 0.5 * z + 0.5 * GaussianInputsProvider.gaussian(random)); // cov with x0: 1
        }
        Dataset train = Dataset.of("t", new int[] {2}, 2, x, new int[n]);
        DatasetSplits data = new DatasetSplits(train, Dataset.of("s", new int[] {2}, 2, new float[20], new int[10]));
        for (String covariance : List.of("diagonal", "full")) {
            DatasetSplits out = apply(new GaussianInputsProvider(), Map.of("covariance", covariance), data, 4);
            float[] g = out.train().features();
            double m0 = 0;
            double m1 = 0;
            for (int i = 0; i < n; i++) {
                m0 += g[2 * i];
                m1 += g[2 * i + 1];
            }
            m0 /= n;
            m1 /= n;
            double v0 = 0;
            double c01 = 0;
            for (int i = 0; i < n; i++) {
                v0 += (g[2 * i] - m0) * (g[2 * i] - m0);
                c01 += (g[2 * i] - m0) * (g[2 * i + 1] - m1);
            }
            v0 /= n - 1;
            c01 /= n - 1;
            assertEquals(3, m0, 0.06, covariance);
            assertEquals(-1, m1, 0.03, covariance);
            assertEquals(4, v0, 0.2, covariance);
            // Population covariance of x0 and x1 is 2 * 0.5 = 1: kept by full, zero by diagonal.
            assertEquals(covariance.equals("full") ? 1 : 0, c01, 0.06, covariance);
            assertEquals(10, out.test().size());
            assertSame(train.labels(), out.train().labels(), "labels kept");
        }
    }

    @Test
    void subsampleKeepsNDistinctExamplesAndRefusesTooMany() throws Exception {
        DatasetSplits data = new DatasetSplits(ramp("train", 100, 3), ramp("test", 50, 3));
        DatasetSplits out = apply(new SubsampleProvider(), Map.of("trainSize", 30, "testSize", 10), data, 2);
        assertEquals(30, out.train().size());
        assertEquals(10, out.test().size());
        long distinct = java.util.stream.IntStream.range(0, 30).mapToObj(i -> out.train().features()[i * 6]).distinct()
                .count();
        assertEquals(30, distinct);
        for (int i = 0; i < 30; i++) {
            int original = (int) out.train().features()[i * 6] / 10;
            assertEquals(original % 3, out.train().labels()[i], "labels travel with their examples");
        }
        DatasetException e = assertThrows(DatasetException.class, () -> apply(new SubsampleProvider(),
                Map.of("trainSize", 101), data, 2));
        assertTrue(e.getMessage().contains("trainSize: expected at most 100"), e.getMessage());
    }

    @Test
    void classSubsetRelabelsInTheOrderListed() throws Exception {
        DatasetSplits data = new DatasetSplits(ramp("train", 30, 5), ramp("test", 10, 5));
        DatasetSplits out = apply(new ClassSubsetProvider(), Map.of("classes", List.of(3, 1)), data, 0);
        assertEquals(2, out.train().numClasses());
        assertEquals(12, out.train().size());
        for (int i = 0; i < out.train().size(); i++) {
            int original = ((int) out.train().features()[i * 6] / 10) % 5;
            assertEquals(original == 3 ? 0 : 1, out.train().labels()[i]);
        }
        DatasetException e = assertThrows(DatasetException.class, () -> apply(new ClassSubsetProvider(),
                Map.of("classes", List.of(1, 7)), data, 0));
        assertEquals("settings.classes[1]: expected a class in [0, 5), got 7", e.getMessage());
    }

    @Test
    void normalizationUsesTrainingStatisticsOnly() throws Exception {
        DatasetSplits data = new DatasetSplits(ramp("train", 4, 2), ramp("test", 2, 2));
        DatasetSplits out = apply(new NormalizeProvider(), Map.of("method", "per-feature"), data, 0);
        // Feature 0 over the train set: 0, 10, 20, 30 -> mean 15, sd (by n) sqrt(125).
        double sd = Math.sqrt(125);
        assertEquals((0 - 15) / sd, out.train().features()[0], 1e-6);
        assertEquals((30 - 15) / sd, out.train().features()[18], 1e-6);
        assertEquals((10 - 15) / sd, out.test().features()[6], 1e-6, "test uses the train statistics");
        // Per channel (one channel): all 24 values pooled: mean 17.5.
        DatasetSplits channel = apply(new NormalizeProvider(), Map.of(), data, 0);
        double mean = 0;
        double square = 0;
        for (float v : channel.train().features()) {
            mean += v;
            square += v * v;
        }
        assertEquals(0, mean / 24, 1e-6);
        assertEquals(1, square / 24, 1e-5);
    }
}
