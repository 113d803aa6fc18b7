package carnot.workspace;

import carnot.workspace.internal.ExperimentText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiment files as a hostile user writes them: not regular files, too large, not UTF-8, huge
 * values. Each is refused before it is read in full, with a bounded message naming the file and
 * the cause.
 */
class HostileExperimentFilesTest {

    @TempDir
    Path dir;

    private String refusal(Path file) {
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> ExperimentFiles.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().length() <= ExperimentFileException.MAX_MESSAGE + 40, "bounded");
        return e.getMessage();
    }

    @Test
    void devZeroAFolderAndAFifoAreRefusedBeforeReading() throws Exception {
        assertTrue(refusal(Path.of("/dev/zero")).contains("not a regular file but a character device"));
        assertTrue(refusal(dir).contains("not a regular file but a folder"));
        Path fifo = dir.resolve("fifo.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        assertTrue(refusal(fifo).contains("a FIFO"), "and it returns instead of hanging");
    }

    @Test
    void anOversizedFileIsRefusedByItsSize() throws Exception {
        Path big = dir.resolve("big.json");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(big,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            channel.position(ExperimentText.MAX_BYTES);
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'}'}));
        }
        String message = refusal(big);
        assertTrue(message.contains("is " + (ExperimentText.MAX_BYTES + 1) + " bytes") && message.contains("at most"),
                message);
    }

    @Test
    void utf16RandomBytesAndInvalidUtf8AreNamedWithTheByteOffset() throws Exception {
        Path utf16 = dir.resolve("utf16.json");
        Files.write(utf16, ("\uFEFF" + ExperimentFilesTest.MINIMAL).getBytes(StandardCharsets.UTF_16LE));
        assertTrue(refusal(utf16).contains("UTF-16 text"), refusal(utf16));
        Path noBom = dir.resolve("utf16-nobom.json");
        Files.write(noBom, ExperimentFilesTest.MINIMAL.getBytes(StandardCharsets.UTF_16LE));
        assertTrue(refusal(noBom).contains("UTF-16 text without a byte order mark"), refusal(noBom));
        Path invalid = dir.resolve("latin1.json");
        byte[] bytes = "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(invalid, bytes);
        assertTrue(refusal(invalid).contains("not UTF-8 text: invalid byte 0xE9 at byte offset 13 (line 1)"),
                refusal(invalid));
        Path random = dir.resolve("random.json");
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        Files.write(random, noise);
        String message = refusal(random);
        assertTrue(message.contains("byte offset"), message);
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws Exception {
        Path file = dir.resolve("bom.json");
        byte[] text = ExperimentFilesTest.MINIMAL.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(file, withBom);
        assertEquals("exp-1", ExperimentFiles.read(file).name());
    }

    @Test
    void aHugeValueIsNeverEchoedWhole() throws Exception {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < 200_000; i++) {
            array.append(i).append(',');
        }
        array.append("0]");
        Path file = dir.resolve("huge.json");
        Files.writeString(file, ExperimentFilesTest.MINIMAL.replace("\"name\": \"exp-1\",",
                "\"name\": \"exp-1\", \"description\": " + array + ","));
        String message = refusal(file);
        assertTrue(message.contains("description: expected a string, got a list of 200001 values"), message);
    }

    @Test
    void epochsPastAnIntSayTheAllowedRange() {
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> ExperimentFiles.parse(
                Path.of("e.json"), ExperimentFilesTest.MINIMAL.replace("\"loss\"",
                        "\"training\": {\"epochs\": 1000000000000}, \"loss\"")));
        assertTrue(e.getMessage().contains("training.epochs") && e.getMessage().contains("2147483647 (2^31-1)")
                && e.getMessage().contains("got 1000000000000"), e.getMessage());
    }

    @Test
    void aLongStringValueIsCutWithItsLength() {
        String longName = "x".repeat(100_000);
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> ExperimentFiles.parse(
                Path.of("e.json"), ExperimentFilesTest.MINIMAL.replace("\"exp-1\"", "\"" + longName + "\"")));
        assertTrue(e.getMessage().length() < 2100 && e.getMessage().contains("characters)"), e.getMessage());
    }
}
