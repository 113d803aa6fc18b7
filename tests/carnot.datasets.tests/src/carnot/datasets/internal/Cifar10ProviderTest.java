package carnot.datasets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetSplits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR-10 reader on small batch files in the real binary format, written here. */
class Cifar10ProviderTest {

    @TempDir
    Path folder;

    /** n records; record r has label (r + offset) mod 10 and pixel j of channel c = (r + 7c + j) mod 256. */
    private void write(String name, int n, int offset) throws Exception {
        byte[] bytes = new byte[n * 3073];
        for (int r = 0; r < n; r++) {
            bytes[r * 3073] = (byte) ((r + offset) % 10);
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < 1024; j++) {
                    bytes[r * 3073 + 1 + c * 1024 + j] = (byte) ((r + 7 * c + j) % 256);
                }
            }
        }
        Files.write(folder.resolve(name), bytes);
    }

    private DatasetSplits load(Map<String, Object> settings) throws DatasetException {
        Cifar10Provider provider = new Cifar10Provider();
        return provider.load(provider.settingsSchema().validate(settings, "dataset.settings"),
                new DatasetContext(1, ProgressMonitor.NONE));
    }

    @Test
    void readsLabelsAndChannelMajorPixels() throws Exception {
        write("a.bin", 3, 0);
        write("b.bin", 2, 5);
        write("t.bin", 4, 9);
        DatasetSplits data = load(Map.of("folder", folder.toString(), "trainFiles", "a.bin, b.bin", "testFiles",
                "t.bin"));
        assertEquals(5, data.train().size());
        assertEquals(4, data.test().size());
        assertEquals(java.util.List.of(3, 32, 32), java.util.Arrays.stream(data.train().exampleShape()).boxed()
                .toList());
        assertEquals(java.util.List.of(0, 1, 2, 5, 6), java.util.Arrays.stream(data.train().labels()).boxed()
                .toList());
        // Train example 3 is record 0 of b.bin: channel 2 (blue), row 1, column 4 -> j = 36: (0 + 14 + 36) / 255.
        assertEquals(50 / 255f, data.train().features()[3 * 3072 + 2 * 1024 + 32 + 4], 0f);
        assertEquals(9, data.test().labels()[0]);
        assertEquals(0, data.test().labels()[1]);
    }

    @Test
    void truncatedOrMissingFilesNameTheFile() throws Exception {
        Files.write(folder.resolve("short.bin"), new byte[3073 + 100]);
        write("t.bin", 1, 0);
        DatasetException e = assertThrows(DatasetException.class, () -> load(Map.of("folder", folder.toString(),
                "trainFiles", "short.bin", "testFiles", "t.bin")));
        assertTrue(e.getMessage().contains("short.bin: not a CIFAR-10 binary batch: 3173 bytes"), e.getMessage());
        DatasetException missing = assertThrows(DatasetException.class, () -> load(Map.of("folder", folder.toString(),
                "trainFiles", "t.bin", "testFiles", "nope.bin")));
        assertTrue(missing.getMessage().endsWith("nope.bin: no such file"), missing.getMessage());
    }
}
