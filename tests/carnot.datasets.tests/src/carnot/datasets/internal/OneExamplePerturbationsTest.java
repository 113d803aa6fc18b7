package carnot.datasets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetSplits;
import carnot.api.datasets.PerturbationProvider;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** replace-example, remove-example (with their minibatch slots) and resample. */
class OneExamplePerturbationsTest {

    /** n examples of 2 values (i, -i), labels i mod 3. */
    private static Dataset numbered(String name, int n, float offset) {
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i + offset;
            x[2 * i + 1] = -(i + offset);
            y[i] = i % 3;
        }
        return Dataset.of(name, new int[] {2}, 3, x, y);
    }

    private static DatasetSplits apply(PerturbationProvider provider, Map<String, Object> settings, DatasetSplits data)
            throws DatasetException {
        return provider.apply(data, provider.settingsSchema().validate(settings, "perturbations[0].settings"),
                new DatasetContext(5, ProgressMonitor.NONE));
    }

    private final DatasetSplits data = new DatasetSplits(numbered("train", 10, 0), numbered("test", 6, 100));

    @Test
    void replaceExamplePutsAFreshTestExampleInPlaceAndTakesItOutOfTheTestSplit() throws Exception {
        DatasetSplits out = apply(new ReplaceExampleProvider(), Map.of("index", 4, "replacement", 2), data);
        assertEquals(10, out.train().size());
        assertArrayEquals(new float[] {102, -102}, Arrays.copyOfRange(out.train().features(), 8, 10));
        assertEquals(2, out.train().labels()[4]);
        for (int i = 0; i < 10; i++) {
            if (i != 4) {
                assertEquals(i, out.train().features()[2 * i], "every other example in place");
            }
        }
        assertEquals(5, out.test().size());
        for (int i = 0; i < 5; i++) {
            assertNotEquals(102f, out.test().features()[2 * i], "the replacement left the test split");
        }
        assertEquals(10, out.train().slotCount());
    }

    @Test
    void replacingAnExampleByItselfLeavesTheTrainingSetIdentical() throws Exception {
        DatasetSplits out = apply(new ReplaceExampleProvider(), Map.of("index", 3, "source", "train", "replacement", 3),
                data);
        assertEquals(data.train().sha256(), out.train().sha256());
        assertEquals(data.test().sha256(), out.test().sha256());
    }

    @Test
    void removeExampleKeepsEveryOtherExampleInItsMinibatchSlot() throws Exception {
        DatasetSplits out = apply(new RemoveExampleProvider(), Map.of("index", 6), data);
        Dataset train = out.train();
        assertEquals(9, train.size());
        assertEquals(10, train.slotCount());
        assertEquals(-1, train.exampleAtSlot(6));
        for (int slot = 0; slot < 10; slot++) {
            if (slot != 6) {
                assertEquals(slot, train.features()[2 * train.exampleAtSlot(slot)], "slot " + slot);
            }
        }
        // Removing a second example keeps the first one's slot empty.
        Dataset twice = apply(new RemoveExampleProvider(), Map.of("index", 0), out).train();
        assertEquals(8, twice.size());
        assertEquals(10, twice.slotCount());
        assertEquals(-1, twice.exampleAtSlot(0));
        assertEquals(-1, twice.exampleAtSlot(6));
        assertEquals(9, twice.features()[2 * twice.exampleAtSlot(9)]);
    }

    @Test
    void anIndexOutsideTheTrainingSetIsRefusedNamingTheSetting() {
        DatasetException e = assertThrows(DatasetException.class, () -> apply(new RemoveExampleProvider(),
                Map.of("index", 10), data));
        assertEquals("settings.index: expected an example index in [0, 9] (train has 10 examples), got 10",
                e.getMessage());
        e = assertThrows(DatasetException.class, () -> apply(new ReplaceExampleProvider(),
                Map.of("index", 1, "replacement", 6), data));
        assertTrue(e.getMessage().startsWith("settings.replacement: expected an example index in [0, 5]"),
                e.getMessage());
    }

    @Test
    void resampleDrawsDifferentTrainingSetsPerDrawAndTheSameForTheSameDraw() throws Exception {
        DatasetSplits big = new DatasetSplits(numbered("train", 200, 0), numbered("test", 6, 100));
        Dataset a = apply(new ResampleProvider(), Map.of("trainSize", 50, "draw", 0), big).train();
        Dataset again = apply(new ResampleProvider(), Map.of("trainSize", 50, "draw", 0), big).train();
        Dataset b = apply(new ResampleProvider(), Map.of("trainSize", 50, "draw", 1), big).train();
        assertEquals(a.sha256(), again.sha256());
        assertNotEquals(a.sha256(), b.sha256());
        assertEquals(50, java.util.stream.IntStream.range(0, 50).mapToObj(i -> a.features()[2 * i]).distinct().count(),
                "without replacement: distinct examples");
        Dataset bootstrap = apply(new ResampleProvider(), Map.of("trainSize", 200, "replacement", true), big).train();
        long distinct = java.util.stream.IntStream.range(0, 200).mapToObj(i -> bootstrap.features()[2 * i]).distinct()
                .count();
        // A bootstrap sample of n from n holds about (1 - 1/e) n = 126 distinct examples.
        assertTrue(distinct > 100 && distinct < 150, "distinct examples in the bootstrap sample: " + distinct);
        DatasetException e = assertThrows(DatasetException.class, () -> apply(new ResampleProvider(),
                Map.of("trainSize", 201), big));
        assertTrue(e.getMessage().startsWith("settings.trainSize: expected at most 200"), e.getMessage());
    }
}
