package carnot.datasets.internal;

import static carnot.datasets.internal.IdxFilesTest.idx;
import static carnot.datasets.internal.IdxFilesTest.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import carnot.api.component.ProgressMonitor;
import carnot.api.component.Settings;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetSummary;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX dataset checked from its headers ({@code summary}, what {@code carnot validate} reads) against
 * the same data loaded: the same sizes, shape, classes and names, and the same error, word for word,
 * for each broken file the header can tell.
 */
class IdxSummaryTest {

    @TempDir
    Path dir;

    private final IdxDatasetProvider provider = new IdxDatasetProvider();

    private Settings settings(Map<String, Object> raw) {
        return provider.settingsSchema().validate(raw, "dataset.settings");
    }

    private static DatasetContext context(long seed) {
        return new DatasetContext(seed, ProgressMonitor.NONE);
    }

    @Test
    void realFashionMnistSummarizedAsLoaded() throws Exception {
        for (Map<String, Object> raw : java.util.List.<Map<String, Object>>of(Map.of(),
                Map.of("trainSize", 20_000, "testSize", 10_000), Map.of("trainSize", 500, "testSize", 100))) {
            Settings s = settings(raw);
            DatasetSummary summary = provider.summary(s, context(42));
            assertEquals(DatasetSummary.of(provider.load(s, context(42))), summary, raw.toString());
        }
        DatasetSummary all = provider.summary(settings(Map.of()), context(1));
        assertEquals(60_000, all.trainSize());
        assertEquals(10_000, all.testSize());
        assertArrayEquals(new int[] {1, 28, 28}, all.exampleShape());
        assertEquals(784, all.featureSize());
    }

    /** Four IDX files of n images of 2x3 pixels, plain or gzipped, with labels 0..3. */
    private Map<String, Object> files(int n, int testN, boolean gzip) throws Exception {
        String suffix = gzip ? ".gz" : "";
        write(dir.resolve("train-images" + suffix), idx(0x08, new int[] {n, 2, 3}, n * 6), gzip);
        write(dir.resolve("test-images" + suffix), idx(0x08, new int[] {testN, 2, 3}, testN * 6), gzip);
        write(dir.resolve("train-labels" + suffix), labels(n), gzip);
        write(dir.resolve("test-labels" + suffix), labels(testN), gzip);
        Map<String, Object> raw = new HashMap<>();
        raw.put("folder", dir.toString());
        raw.put("trainImages", "train-images");
        raw.put("trainLabels", "train-labels");
        raw.put("testImages", "test-images");
        raw.put("testLabels", "test-labels");
        raw.put("classes", 4);
        return raw;
    }

    private static byte[] labels(int n) throws Exception {
        byte[] header = idx(0x08, new int[] {n}, 0);
        byte[] all = Arrays.copyOf(header, header.length + n);
        for (int i = 0; i < n; i++) {
            all[header.length + i] = (byte) (i % 4);
        }
        return all;
    }

    /** The summary refuses exactly as loading refuses (same message), or both accept alike. */
    private void assertSameOutcome(Map<String, Object> raw) {
        Settings s = settings(raw);
        DatasetException loading = null;
        DatasetSummary loaded = null;
        try {
            loaded = DatasetSummary.of(provider.load(s, context(7)));
        } catch (DatasetException e) {
            loading = e;
        }
        if (loading == null) {
            try {
                assertEquals(loaded, provider.summary(s, context(7)));
            } catch (DatasetException e) {
                throw new AssertionError("loading accepts, the summary refuses: " + e.getMessage(), e);
            }
        } else {
            DatasetException checking = assertThrows(DatasetException.class, () -> provider.summary(s, context(7)),
                    "loading refuses (" + loading.getMessage() + "), the summary must too");
            assertEquals(loading.getMessage(), checking.getMessage());
        }
    }

    @Test
    void plainAndGzippedFilesSummarizedAsLoaded() throws Exception {
        for (boolean gzip : new boolean[] {false, true}) {
            Map<String, Object> raw = files(12, 5, gzip);
            assertSameOutcome(raw);
            raw.put("trainSize", 7);
            assertSameOutcome(raw);
            DatasetSummary summary = provider.summary(settings(raw), context(7));
            assertEquals(7, summary.trainSize());
            assertArrayEquals(new int[] {1, 2, 3}, summary.exampleShape());
        }
    }

    @Test
    void brokenFilesAreRefusedWithTheSameMessageAsLoading() throws Exception {
        Map<String, Object> raw = files(12, 5, false);
        raw.put("trainSize", 13);
        assertSameOutcome(raw);                                            // more examples asked for than held
        raw.remove("trainSize");
        raw.put("classes", 3);
        assertSameOutcome(raw);                                            // a label not below classes
        raw.put("classes", 4);
        write(dir.resolve("test-labels"), labels(4), false);
        assertSameOutcome(raw);                                            // 5 images, 4 labels
        write(dir.resolve("test-labels"), labels(5), false);
        write(dir.resolve("train-images"), idx(0x08, new int[] {12, 2, 3}, 12 * 6 - 8), false);
        assertSameOutcome(raw);                                            // truncated data
        write(dir.resolve("train-images"), idx(0x08, new int[] {12, 3}, 36), false);
        assertSameOutcome(raw);                                            // labels' rank for images
        write(dir.resolve("train-images"), idx(0x0D, new int[] {12, 2, 3}, 12 * 6), false);
        assertSameOutcome(raw);                                            // float elements
        Files.delete(dir.resolve("train-images"));
        assertSameOutcome(raw);                                            // missing file
    }

    @Test
    void aTruncatedGzipFileIsRefusedFromItsTrailer() throws Exception {
        Map<String, Object> raw = files(40, 5, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(idx(0x08, new int[] {40, 2, 3}, 40 * 6));
        }
        Files.write(dir.resolve("train-images.gz"), Arrays.copyOf(bytes.toByteArray(), bytes.size() - 9));
        DatasetException e = assertThrows(DatasetException.class, () -> provider.summary(settings(raw), context(1)));
        assertEquals(true, e.getMessage().startsWith(dir.resolve("train-images.gz") + ": truncated gzip stream (its "
                + "trailer records "), e.getMessage());
        assertThrows(DatasetException.class, () -> provider.load(settings(raw), context(1)));
    }
}
