package carnot.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A lock file ({@code lock}) in a run or sweep folder while a process works in it: its process
 * id and start time. A lock whose process is gone (killed, even with kill -9) is stale and taken
 * over; a lock whose process is alive makes a second {@code carnot run} refuse the folder. The
 * start time guards against a recycled process id.
 */
public final class FolderLock implements AutoCloseable {

    /** The lock file's name. */
    public static final String FILE = "lock";

    private final Path file;
    private boolean released;

    private FolderLock(Path file) {
        this.file = file;
    }

    /** The folder is in use by another live process. */
    public static final class HeldException extends IOException {
        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }

    /**
     * Takes the folder's lock for this process.
     *
     * @throws HeldException if a live process holds it
     */
    public static FolderLock acquire(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        ProcessHandle self = ProcessHandle.current();
        String content = self.pid() + " " + startTime(self) + "\n";
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return new FolderLock(file);
            } catch (FileAlreadyExistsException e) {
                Optional<String> holder = liveHolder(folder);
                if (holder.isPresent()) {
                    throw new HeldException(folder + " is in use by process " + holder.get()
                            + " (a run or sweep in progress); wait for it or stop it first");
                }
                // Stale: its process is gone. Take it over.
                Files.deleteIfExists(file);
            }
        }
        throw new IOException("cannot take the lock " + file);
    }

    /** The pid holding the folder's lock, if that process is still alive. */
    public static Optional<String> liveHolder(Path folder) throws IOException {
        String text;
        try {
            text = Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String[] parts = text.split("\\s+");
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.empty();
        }
        if (parts.length > 1 && !parts[1].equals(startTime(process.get()))) {
            return Optional.empty();
        }
        return Optional.of(Long.toString(pid));
    }

    private static String startTime(ProcessHandle process) {
        return process.info().startInstant().map(Object::toString).orElse("-");
    }

    @Override
    public void close() throws IOException {
        if (!released) {
            released = true;
            Files.deleteIfExists(file);
        }
    }
}
