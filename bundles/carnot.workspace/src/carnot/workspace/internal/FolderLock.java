package carnot.workspace.internal;

import carnot.workspace.ExperimentFiles;
import com.fasterxml.jackson.databind.ObjectMapper;

import carnot.api.runs.LockHolder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one-writer lock of a run or sweep folder: an operating-system lock
 * ({@link FileChannel#tryLock()}) on the file {@code lock} in the folder, held by whoever trains or
 * analyzes in it. The kernel releases it when the process ends, however it ends (even
 * {@code kill -9}), so there is no stale lock to detect, take over or delete: a folder whose status
 * says running and whose lock is free was interrupted.
 *
 * <p>The holder writes its pid, host and command into the lock file so that a second writer's
 * message can name it; those fields are never used to decide anything. The file itself is never
 * deleted (deleting a lock file lets two processes lock two different files of the same name).
 *
 * <p>Within one JVM, POSIX record locks belong to the process and closing <em>any</em> channel of
 * the file releases them (the caveat in {@link FileLock}'s Javadoc), so every lock-file operation of
 * this process goes through this class, one at a time, and a folder this process holds is answered
 * from memory without opening its file.
 */
public final class FolderLock implements AutoCloseable {

    private static final ObjectMapper JSON = ExperimentFiles.mapper();

    /** The lock file's name. */
    public static final String FILE = "lock";

    /** A lock probe of another process holds the file for microseconds: try this many times... */
    private static final int ATTEMPTS = 20;
    /** ...this far apart before deciding that a live process holds it. */
    private static final long PAUSE_MILLIS = 50;

    /** The folders this process holds, by lock file (real path); guarded by itself. */
    private static final Map<Path, FolderLock> HELD = new HashMap<>();

    private final Path key;
    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;
    private final LockHolder holder;
    private boolean released;

    private FolderLock(Path key, Path folder, FileChannel channel, FileLock lock, LockHolder holder) {
        this.key = key;
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
    }

    /** Another live process (or another task of this one) holds the folder. */
    public static final class HeldException extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient Path folder;
        private final transient LockHolder holder;

        HeldException(Path folder, LockHolder holder) {
            super(folder + " is in use by " + holder.describe() + "; wait for it to finish or stop it first");
            this.folder = folder;
            this.holder = holder;
        }

        public Path folder() {
            return folder;
        }

        public LockHolder holder() {
            return holder;
        }
    }

    /**
     * Takes the folder's lock for this process.
     *
     * @param command what this process does there, for the second writer's message
     *                (e.g. {@code carnot run exp.json})
     * @throws HeldException if a live process (this one included) holds it
     * @throws IOException   if the lock file cannot be created or is not a plain file
     */
    public static FolderLock acquire(Path folder, String command) throws IOException {
        Path key = key(folder);
        synchronized (HELD) {
            FolderLock mine = HELD.get(key);
            if (mine != null) {
                throw new HeldException(folder, mine.holder);
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                // O_NOFOLLOW: a symbolic link planted as the lock file is refused, never followed.
                throw new IOException(key + ": cannot open the folder's lock file ("
                        + (Files.isSymbolicLink(key) ? "it is a symbolic link" : e.getMessage()) + ")", e);
            }
            boolean kept = false;
            try {
                for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                    FileLock lock;
                    try {
                        lock = channel.tryLock();
                    } catch (OverlappingFileLockException e) {
                        throw new HeldException(folder, self("another task of this process"));
                    }
                    if (lock != null) {
                        LockHolder holder = self(command);
                        write(channel, holder);
                        FolderLock held = new FolderLock(key, folder, channel, lock, holder);
                        HELD.put(key, held);
                        kept = true;
                        return held;
                    }
                    if (attempt == ATTEMPTS) {
                        throw new HeldException(folder, read(channel));
                    }
                    sleep();
                }
                throw new IllegalStateException("unreachable");
            } finally {
                if (!kept) {
                    channel.close();
                }
            }
        }
    }

    /**
     * Who holds the folder's lock, if a live process does; empty if nobody does (or the folder has
     * no lock file). Never takes the lock for longer than the probe.
     */
    public static Optional<LockHolder> holder(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path key;
        try {
            key = key(folder);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        synchronized (HELD) {
            FolderLock mine = HELD.get(key);
            if (mine != null) {
                return Optional.of(mine.holder);
            }
            // A shared lock needs only read access (a read-only workspace can still be probed) and
            // conflicts with the writer's exclusive one.
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                FileLock probe;
                try {
                    probe = channel.tryLock(0, Long.MAX_VALUE, true);
                } catch (OverlappingFileLockException e) {
                    return Optional.of(self("another task of this process"));
                }
                if (probe != null) {
                    probe.release();
                    return Optional.empty();
                }
                return Optional.of(read(channel));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }
    }

    /** What this process writes into a lock file it takes. */
    public static LockHolder self(String command) {
        return new LockHolder(ProcessHandle.current().pid(), hostName(), command,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The folder this lock holds. */
    public Path folder() {
        return folder;
    }

    /** What this process wrote into the lock file. */
    public LockHolder holder() {
        return holder;
    }

    /** Releases the lock; the lock file stays, emptied. */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (released) {
                return;
            }
            released = true;
            HELD.remove(key);
            try {
                channel.truncate(0);
            } finally {
                try {
                    lock.release();
                } finally {
                    channel.close();
                }
            }
        }
    }

    private static Path key(Path folder) throws IOException {
        return folder.toRealPath().resolve(FILE);
    }

    private static void write(FileChannel channel, LockHolder holder) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("pid", holder.pid());
        node.put("host", holder.host());
        node.put("command", holder.command());
        node.put("since", holder.since());
        byte[] bytes = (JSON.writer().without(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = 0;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(false);
    }

    /** The holder as written into the lock file; what cannot be read is left empty. */
    private static LockHolder read(FileChannel channel) throws IOException {
        long size = Math.min(channel.size(), 64 * 1024);
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        int n;
        do {
            n = channel.read(buffer, buffer.position());
        } while (n > 0 && buffer.hasRemaining());
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.isObject()) {
                return new LockHolder(node.path("pid").asLong(0), node.path("host").asText(""),
                        node.path("command").asText(""), node.path("since").asText(""));
            }
        } catch (IOException e) {
            // Not written by this version (or being written right now): name what can be named.
        }
        String first = text.isEmpty() ? "" : text.split("\\s+")[0];
        return new LockHolder(first.matches("\\d{1,18}") ? Long.parseLong(first) : 0, "", "", "");
    }

    private static String hostName() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                return Files.readString(kernel, StandardCharsets.UTF_8).trim();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a folder lock");
        }
    }
}
