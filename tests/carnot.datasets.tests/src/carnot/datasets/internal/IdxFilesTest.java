package carnot.datasets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetSplits;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on files in the real format written here, and on Debian's real Fashion-MNIST. */
class IdxFilesTest {

    @TempDir
    Path dir;

    static byte[] idx(int type, int[] dims, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt((type << 8) | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        for (int i = 0; i < dataBytes; i++) {
            out.writeByte((i * 7) % 256);
        }
        return bytes.toByteArray();
    }

    static void write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(content);
        }
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws Exception {
        byte[] content = idx(0x08, new int[] {3, 2, 2}, 12);
        write(dir.resolve("plain"), content, false);
        write(dir.resolve("zipped.gz"), content, true);
        IdxFiles.IdxTensor plain = IdxFiles.read(dir.resolve("plain"), 3, Integer.MAX_VALUE);
        IdxFiles.IdxTensor zipped = IdxFiles.read(IdxFiles.locate(dir, "zipped"), 3, Integer.MAX_VALUE);
        assertArrayEquals(new int[] {3, 2, 2}, plain.dimensions());
        assertArrayEquals(plain.values(), zipped.values());
        assertEquals(7, plain.values()[1]);
    }

    @Test
    void truncatedDataIsReportedWithTheFileAndTheCounts() throws Exception {
        write(dir.resolve("short"), idx(0x08, new int[] {5, 2, 2}, 12), false);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFiles.read(dir.resolve("short"), 3,
                Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("short: truncated IDX file: header promises 5 entries of 4 bytes, but "
                + "the data ends after 3 entries"), e.getMessage());
    }

    @Test
    void truncatedHeaderAndGzipAreReported() throws Exception {
        write(dir.resolve("tiny"), new byte[] {0, 0}, false);
        assertTrue(assertThrows(DatasetException.class, () -> IdxFiles.read(dir.resolve("tiny"), 1, 10)).getMessage()
                .contains("shorter than its 4-byte header"));
        byte[] zipped;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(idx(0x08, new int[] {100}, 100));
        }
        zipped = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
        Files.write(dir.resolve("cut.gz"), zipped);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFiles.read(dir.resolve("cut.gz"), 1, 1000));
        assertTrue(e.getMessage().contains("cut.gz"), e.getMessage());
    }

    @Test
    void wrongMagicTypeAndRankAreReported() throws Exception {
        write(dir.resolve("png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0}, false);
        assertTrue(assertThrows(DatasetException.class, () -> IdxFiles.read(dir.resolve("png"), 3, 1)).getMessage()
                .contains("not an IDX file"));
        write(dir.resolve("floats"), idx(0x0D, new int[] {1}, 4), false);
        assertTrue(assertThrows(DatasetException.class, () -> IdxFiles.read(dir.resolve("floats"), 1, 1))
                .getMessage().contains("element type 0xd is not supported"));
        write(dir.resolve("labels"), idx(0x08, new int[] {4}, 4), false);
        assertTrue(assertThrows(DatasetException.class, () -> IdxFiles.read(dir.resolve("labels"), 3, 1))
                .getMessage().contains("has 1 dimensions, expected 3"));
    }

    @Test
    void missingFolderAndFilesAreNamed() {
        assertTrue(assertThrows(DatasetException.class, () -> IdxFiles.locate(dir.resolve("none"), "x")).getMessage()
                .contains("does not exist"));
        assertTrue(assertThrows(DatasetException.class, () -> IdxFiles.locate(dir, "train-images-idx3-ubyte"))
                .getMessage().contains("has neither train-images-idx3-ubyte nor train-images-idx3-ubyte.gz"));
    }

    @Test
    void sampleIsSortedDistinctAndSeeded() {
        int[] a = IdxDatasetProvider.sortedSample(1000, 100, new SplittableRandom(3));
        int[] b = IdxDatasetProvider.sortedSample(1000, 100, new SplittableRandom(3));
        assertArrayEquals(a, b);
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] > a[i - 1]);
        }
    }

    /** Debian's dataset-fashion-mnist: the published sizes and class balance of Xiao et al. (2017). */
    @Test
    void realFashionMnistHasThePublishedShape() throws Exception {
        IdxDatasetProvider provider = new IdxDatasetProvider();
        DatasetSplits splits = provider.load(provider.settingsSchema().validate(Map.of(), "dataset.settings"),
                new DatasetContext(0, ProgressMonitor.NONE));
        assertEquals(60_000, splits.train().size());
        assertEquals(10_000, splits.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, splits.train().exampleShape());
        int[] trainCounts = new int[10];
        for (int y : splits.train().labels()) {
            trainCounts[y]++;
        }
        int[] testCounts = new int[10];
        for (int y : splits.test().labels()) {
            testCounts[y]++;
        }
        for (int k = 0; k < 10; k++) {
            assertEquals(6000, trainCounts[k], "train class " + k);
            assertEquals(1000, testCounts[k], "test class " + k);
        }
        // The first training image is an ankle boot (class 9), as in the dataset's README.
        assertEquals(9, splits.train().labels()[0]);
        float max = 0;
        for (float v : splits.train().features()) {
            max = Math.max(max, v);
        }
        assertEquals(1.0f, max, 0f, "pixels scaled to [0, 1]");
    }

    @Test
    void subsetsAreSeededAndTheHashIdentifiesThem() throws Exception {
        IdxDatasetProvider provider = new IdxDatasetProvider();
        var settings = provider.settingsSchema().validate(Map.of("trainSize", 500, "testSize", 100), "d");
        DatasetSplits a = provider.load(settings, new DatasetContext(5, ProgressMonitor.NONE));
        DatasetSplits b = provider.load(settings, new DatasetContext(5, ProgressMonitor.NONE));
        DatasetSplits c = provider.load(settings, new DatasetContext(6, ProgressMonitor.NONE));
        assertEquals(500, a.train().size());
        assertEquals(a.train().sha256(), b.train().sha256());
        assertTrue(!a.train().sha256().equals(c.train().sha256()), "another seed, another subset");
        assertTrue(a.train().name().contains("random 500 of 60000"), a.train().name());
    }
}
