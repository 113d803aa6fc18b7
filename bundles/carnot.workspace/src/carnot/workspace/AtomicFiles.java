package carnot.workspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes files so that a reader (or a crash) sees either the old content or the new, never a
 * torn file, and so that nothing is written through a symbolic link: write a temporary sibling
 * with a unique name, created new ({@code O_CREAT|O_EXCL}, never following a link), force it to
 * disk, rename it over the target (a rename replaces a link at the target, it never writes through
 * it), then force the folder so the rename itself survives a power cut. A failed write removes its
 * temporary file. With a workspace root, the target's folder is first checked (real path, links
 * resolved) to lie inside it.
 */
public final class AtomicFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    public static void write(Path target, String content) throws IOException {
        write(null, target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(null, target, content);
    }

    /** As {@link #write(Path, Path, byte[])}. */
    public static void write(Path root, Path target, String content) throws IOException {
        write(root, target, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code target} with {@code content}.
     *
     * @param root the workspace the target must stay in (links resolved), or null for no such check
     * @throws FileSystemException naming the file and the operating system's reason (no space left,
     *         read-only file system, outside the workspace, ...)
     */
    public static void write(Path root, Path target, byte[] content) throws IOException {
        write(root, target, content, true);
    }

    /**
     * As {@link #write(Path, Path, byte[])}; with {@code durable} false the file and its folder are
     * not forced to disk: still atomic (a crash leaves the old or the new content), but the new
     * content may be lost in a power cut. For files rewritten every epoch whose loss costs nothing (a
     * running status, superseded by the next).
     */
    public static void write(Path root, Path target, byte[] content, boolean durable) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (root != null) {
            WorkspacePaths.createFolders(root, parent);
        } else {
            Files.createDirectories(parent);
        }
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        Path temporary = parent.resolve("." + absolute.getFileName() + "." + HexFormat.of().formatHex(nonce) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                writeFully(channel, content);
                if (durable) {
                    channel.force(true);
                }
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw named(e, absolute);
        }
        if (durable) {
            forceFolder(parent);
        }
    }

    /**
     * Overwrites an existing regular file in place, without a temporary file: the last resort for a
     * small file (a run's final status) on a full disk, where the blocks the file already holds can
     * still be rewritten. Not atomic; never follows a link; never creates the file.
     */
    public static void overwrite(Path target, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            writeFully(channel, content);
            channel.truncate(content.length);
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            throw named(e, target);
        }
    }

    static void writeFully(FileChannel channel, byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Forces a folder's entries (a rename, a new file) to disk; folders that cannot be opened are skipped. */
    static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open or sync a folder; the file itself was forced.
        }
    }

    /** The failure as a {@link FileSystemException} that names the file ("No space left on device" alone does not). */
    public static IOException named(Exception e, Path file) {
        if (e instanceof FileSystemException fs) {
            return fs;
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        FileSystemException named = new FileSystemException(file.toString(), null, reason);
        named.initCause(e);
        return named;
    }
}
