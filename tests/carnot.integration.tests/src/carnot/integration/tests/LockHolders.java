package carnot.integration.tests;

import carnot.workspace.internal.FolderLock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second process that holds a run folder's lock, as another {@code carnot run} does: a child JVM
 * that takes the operating system's lock on the folder's lock file and writes its pid and the
 * command {@code test holder} into it. Kill it (SIGKILL) to release the lock as a crash would.
 */
final class LockHolders {

    private static final String HOLDER = """
            import java.nio.ByteBuffer;
            import java.nio.channels.FileChannel;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            public class Holder {
                public static void main(String[] args) throws Exception {
                    FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                            StandardOpenOption.READ, StandardOpenOption.WRITE);
                    if (channel.tryLock() == null) {
                        System.out.println("busy");
                        return;
                    }
                    String line = "{\\"pid\\":" + ProcessHandle.current().pid()
                            + ",\\"host\\":\\"child\\",\\"command\\":\\"test holder\\",\\"since\\":\\"\\"}\\n";
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), 0);
                    channel.force(false);
                    System.out.println("locked");
                    System.out.flush();
                    Thread.sleep(600_000);
                }
            }
            """;

    private LockHolders() {
    }

    /** Starts the child; returns once it holds {@code folder}'s lock. */
    static Process holdInChild(Path folder, Path scratch) throws IOException {
        Process process = start(folder, scratch);
        String line = firstLine(process);
        if (!"locked".equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child did not take the lock: " + line);
        }
        return process;
    }

    /** What a child that tries to take {@code folder}'s lock says: {@code locked} or {@code busy}; it is then killed. */
    static String tryInChild(Path folder, Path scratch) throws IOException, InterruptedException {
        Process process = start(folder, scratch);
        try {
            return firstLine(process);
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    private static Process start(Path folder, Path scratch) throws IOException {
        Path source = Files.createDirectories(scratch.resolve("holder")).resolve("Holder.java");
        Files.writeString(source, HOLDER);
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, source.toString(), folder.resolve(FolderLock.FILE).toString())
                .redirectErrorStream(true).start();
    }

    private static String firstLine(Process process) throws IOException {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
}
