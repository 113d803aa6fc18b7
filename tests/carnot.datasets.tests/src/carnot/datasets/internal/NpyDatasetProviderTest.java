package carnot.datasets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetSplits;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .npy reader on files NumPy 2.4 itself wrote ({@code npy/*.npy}, made by
 * {@code np.save} / {@code numpy.lib.format.write_array}; the values are documented below) and on
 * files this test writes byte by byte from the format specification.
 */
class NpyDatasetProviderTest {

    @TempDir
    Path folder;

    private void copyFixture(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("npy/" + name)) {
            Files.write(folder.resolve(name), in.readAllBytes());
        }
    }

    private DatasetSplits load(Map<String, Object> extra) throws DatasetException {
        NpyDatasetProvider provider = new NpyDatasetProvider();
        Map<String, Object> settings = new HashMap<>(extra);
        settings.put("folder", folder.toString());
        return provider.load(provider.settingsSchema().validate(settings, "dataset.settings"),
                new DatasetContext(1, ProgressMonitor.NONE));
    }

    /**
     * x_train = (arange(24, float32).reshape(2, 3, 4) - 5.5) / 4, y_train = [1, 0] (int64);
     * x_test = arange(36, uint8).reshape(3, 3, 4) * 7, y_test = [2, 1, 0] (uint8).
     */
    @Test
    void readsFilesWrittenByNumpy() throws Exception {
        for (String name : new String[] {"x_train.npy", "y_train.npy", "x_test.npy", "y_test.npy"}) {
            copyFixture(name);
        }
        DatasetSplits data = load(Map.of());
        assertArrayEquals(new int[] {3, 4}, data.train().exampleShape());
        assertEquals(3, data.train().numClasses(), "largest label + 1");
        float[] expected = new float[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = (i - 5.5f) / 4;
        }
        assertArrayEquals(expected, data.train().features());
        assertArrayEquals(new int[] {1, 0}, data.train().labels());
        assertEquals(35 * 7f, data.test().features()[35]);
        assertArrayEquals(new int[] {2, 1, 0}, data.test().labels());

        DatasetSplits scaled = load(Map.of("scale", 1 / 255.0, "classes", 5));
        assertEquals(35 * 7 / 255f, scaled.test().features()[35], 1e-7f);
        assertEquals(5, scaled.train().numClasses());
    }

    @Test
    void readsFormatVersion2AndBigEndianFloat64() throws Exception {
        copyFixture("x_v2.npy");
        copyFixture("x_f8_bigendian.npy");
        NpyFiles.NpyArray v2 = NpyFiles.read(folder.resolve("x_v2.npy"));
        assertArrayEquals(new int[] {1, 3}, v2.shape());
        assertArrayEquals(new float[] {0.5f, 1f, 2f}, v2.floats());
        NpyFiles.NpyArray big = NpyFiles.read(folder.resolve("x_f8_bigendian.npy"));
        assertEquals(">f8", big.descr());
        assertArrayEquals(new float[] {1.5f, -2.25f, 3f, 1e-3f}, big.floats());
    }

    /** A version 1.0 file as the specification describes it: preamble + header padded to a multiple of 64 bytes. */
    private Path write(String name, String descr, String shape, ByteBuffer data) throws Exception {
        return write(name, "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }", data);
    }

    private Path write(String name, String dict, ByteBuffer data) throws Exception {
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer file = ByteBuffer.allocate(10 + text.length + data.limit()).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text);
        file.put(data.rewind());
        Path path = folder.resolve(name);
        Files.write(path, file.array());
        return path;
    }

    private static ByteBuffer doubles(double... values) {
        ByteBuffer data = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            data.putDouble(v);
        }
        return data;
    }

    private static ByteBuffer longs(long... values) {
        ByteBuffer data = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            data.putLong(v);
        }
        return data;
    }

    @Test
    void readsFilesWrittenFromTheSpecification() throws Exception {
        write("x_train.npy", "<f8", "(2, 2)", doubles(0.25, -1, 4, 8));
        write("y_train.npy", "<i8", "(2,)", longs(0, 3));
        // Python 2 NumPy wrote long literals: (1L, 2L).
        write("x_test.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1L, 2L), }", doubles(1, 2));
        write("y_test.npy", "<i8", "(1,)", longs(2));
        DatasetSplits data = load(Map.of());
        assertArrayEquals(new float[] {0.25f, -1f, 4f, 8f}, data.train().features());
        assertArrayEquals(new int[] {0, 3}, data.train().labels());
        assertEquals(4, data.train().numClasses());
        assertArrayEquals(new int[] {2}, data.test().labels());
    }

    @Test
    void malformedFilesAreNamedWithTheByteCounts() throws Exception {
        Path truncated = write("x.npy", "<f4", "(4, 3)", ByteBuffer.allocate(20));
        DatasetException e = assertThrows(DatasetException.class, () -> NpyFiles.read(truncated));
        assertEquals(truncated + ": truncated .npy file: shape (4, 3) of <f4 needs 48 data bytes after the 128-byte "
                + "header, but the file holds 20", e.getMessage());

        Path complex = write("c.npy", "<c16", "(2,)", ByteBuffer.allocate(32));
        e = assertThrows(DatasetException.class, () -> NpyFiles.read(complex));
        assertTrue(e.getMessage().startsWith(complex + ": .npy element type '<c16' is not supported; supported: "
                + "float32 (<f4), float64 (<f8), uint8 (|u1)"), e.getMessage());

        copyFixture("x_fortran.npy");
        e = assertThrows(DatasetException.class, () -> NpyFiles.read(folder.resolve("x_fortran.npy")));
        assertTrue(e.getMessage().contains("x_fortran.npy: the array is stored in Fortran (column-major) order"),
                e.getMessage());

        Path notNpy = folder.resolve("text.npy");
        Files.writeString(notNpy, "0,1,2\n3,4,5\n");
        e = assertThrows(DatasetException.class, () -> NpyFiles.read(notNpy));
        assertEquals(notNpy + ": not a .npy file: it does not start with \\x93NUMPY", e.getMessage());

        Path badHeader = write("h.npy", "{'descr': '<f4', 'shape': [2]}", ByteBuffer.allocate(8));
        e = assertThrows(DatasetException.class, () -> NpyFiles.read(badHeader));
        assertTrue(e.getMessage().startsWith(badHeader + ": malformed .npy header at character"), e.getMessage());

        Path headerPastEnd = folder.resolve("short.npy");
        Files.write(headerPastEnd, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0, '{'});
        e = assertThrows(DatasetException.class, () -> NpyFiles.read(headerPastEnd));
        assertEquals(headerPastEnd + ": truncated .npy file: the header promises 118 bytes after the 10-byte preamble,"
                + " but the file holds 11 bytes", e.getMessage());
    }

    @Test
    void mismatchedFilesAndBadLabelsNameTheFiles() throws Exception {
        write("x_train.npy", "<f8", "(2, 2)", doubles(0, 0, 0, 0));
        write("y_train.npy", "<i8", "(3,)", longs(0, 1, 1));
        write("x_test.npy", "<f8", "(1, 2)", doubles(1, 2));
        write("y_test.npy", "<i8", "(1,)", longs(1));
        DatasetException e = assertThrows(DatasetException.class, () -> load(Map.of()));
        assertEquals(folder.resolve("x_train.npy") + " holds 2 examples but " + folder.resolve("y_train.npy")
                + " holds 3 labels", e.getMessage());

        write("y_train.npy", "<i8", "(2,)", longs(0, 7));
        e = assertThrows(DatasetException.class, () -> load(Map.of("classes", 3)));
        assertEquals(folder.resolve("y_train.npy") + ": label 7 of example 1 is outside [0, 3) (settings.classes = 3)",
                e.getMessage());

        write("y_train.npy", "<f8", "(2,)", doubles(0, 0.5));
        e = assertThrows(DatasetException.class, () -> load(Map.of()));
        assertEquals(folder.resolve("y_train.npy") + ": element 1 is 0.5, expected an integer class label",
                e.getMessage());

        e = assertThrows(DatasetException.class, () -> load(Map.of("trainFeatures", "nope.npy")));
        assertEquals(folder.resolve("nope.npy") + ": no such file", e.getMessage());
    }
}
