package carnot.workspace.internal;

import carnot.workspace.AtomicFiles;
import carnot.workspace.WorkspacePaths;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Line-per-record files ({@code metrics.jsonl}, {@code metrics.csv}, {@code analyses.jsonl}) that
 * grow by appending: each record is one {@code write} of whole lines ending in a newline, so the
 * cost of a record does not grow with the file, and a crash leaves complete lines followed by at
 * most one torn line without its newline, which {@link #read} drops.
 */
public final class JsonLines {

    private JsonLines() {
    }

    /**
     * Appends {@code lines} (each ending in {@code '\n'}) to {@code file} inside {@code root},
     * never through a link. On failure (a full disk) the file is cut back to its length before the
     * call, so no torn line is left behind.
     *
     * @param durable force the appended bytes to disk before returning
     */
    public static void append(Path root, Path file, String lines, boolean durable) throws IOException {
        if (root != null) {
            WorkspacePaths.requireInside(root, file.getParent());
        }
        if (Files.isSymbolicLink(file)) {
            throw new java.nio.file.FileSystemException(file.toString(), null,
                    "is a symbolic link; Carnot never writes through links");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
            long before = channel.size();
            try {
                ByteBuffer buffer = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (durable) {
                    channel.force(false);
                }
            } catch (IOException e) {
                try {
                    channel.truncate(before);
                } catch (IOException cut) {
                    e.addSuppressed(cut);
                }
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            throw AtomicFiles.named(e, file);
        }
    }

    /**
     * The complete lines of {@code file} (an empty list if it does not exist), blank lines skipped:
     * a last line without its newline was torn by a crash and is dropped.
     */
    public static List<String> read(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            String line = text.substring(start, end);
            if (!line.isBlank()) {
                lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
            start = end + 1;
        }
        return lines;
    }
}
