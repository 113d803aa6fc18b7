package carnot.workspace.internal;

import carnot.workspace.ExperimentFileException;
import carnot.workspace.WorkspacePaths;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads an experiment or sweep file as text, refusing before reading anything that is not a
 * regular file of reasonable size ({@code /dev/zero}, a FIFO, a folder, a 200 MB file), and naming
 * what the bytes are when they are not UTF-8 text (UTF-16, binary data, an invalid byte, with its
 * offset). A UTF-8 byte order mark is accepted and skipped.
 */
public final class ExperimentText {

    /** Experiment and sweep files are small; anything larger is refused before it is read. */
    public static final long MAX_BYTES = 16L << 20;

    private ExperimentText() {
    }

    public static String read(Path file) throws ExperimentFileException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ExperimentFileException(file, null, "no such file");
        } catch (IOException e) {
            throw new ExperimentFileException(file, null, "cannot read: " + WorkspacePaths.describe(e));
        }
        if (!attributes.isRegularFile()) {
            throw new ExperimentFileException(file, null, "not a regular file but " + kind(file, attributes)
                    + "; an experiment file is a JSON text file");
        }
        if (attributes.size() > MAX_BYTES) {
            throw new ExperimentFileException(file, null, "the file is " + attributes.size() + " bytes; experiment "
                    + "and sweep files are at most " + MAX_BYTES + " bytes (16 MiB)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            throw new ExperimentFileException(file, null, "cannot read: " + WorkspacePaths.describe(e));
        }
        if (bytes.length > MAX_BYTES) {
            throw new ExperimentFileException(file, null, "the file grew past " + MAX_BYTES + " bytes while "
                    + "being read; experiment files are at most 16 MiB");
        }
        return decode(file, bytes);
    }

    /** UTF-8 text, BOM skipped; anything else is an error naming the encoding or the offending byte's offset. */
    public static String decode(Path file, byte[] bytes) throws ExperimentFileException {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        } else if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
            throw new ExperimentFileException(file, null, "UTF-16 text (byte order mark 0x"
                    + String.format("%02X%02X", bytes[0] & 0xFF, bytes[1] & 0xFF) + " at byte offset 0); "
                    + "experiment files are UTF-8: save it as UTF-8");
        }
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                boolean utf16 = i < 4 && bytes.length > 4 && (bytes[i ^ 1] != 0);
                throw new ExperimentFileException(file, null, (utf16 ? "looks like UTF-16 text without a byte "
                        + "order mark" : "binary data, not text") + ": a zero byte at byte offset " + i
                        + "; experiment files are UTF-8 JSON text");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            throw new ExperimentFileException(file, null, "not UTF-8 text: invalid byte 0x"
                    + String.format("%02X", bytes[offset] & 0xFF) + " at byte offset " + offset + " (line "
                    + (1 + countNewlines(bytes, offset)) + "); experiment files are UTF-8 JSON text");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static int countNewlines(byte[] bytes, int end) {
        int lines = 0;
        for (int i = 0; i < end; i++) {
            lines += bytes[i] == '\n' ? 1 : 0;
        }
        return lines;
    }

    private static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a folder";
        }
        try {
            int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
            switch (type) {
                case 0010000:
                    return "a FIFO (named pipe)";
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                case 0140000:
                    return "a socket";
                default:
                    break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // No unix view: say what we know.
        }
        return "a special file";
    }
}
