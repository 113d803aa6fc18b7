package carnot.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Physical memory a process may still use, from Linux's own accounting: {@code MemAvailable} of
 * {@code /proc/meminfo} (free memory plus what the kernel can reclaim without swapping), capped by
 * the cgroup v2 limit the process runs under (a SLURM task with {@code --mem}, a container), plus
 * what this process already holds ({@code VmRSS}), since the run's estimate counts that too. The
 * local executor reads {@link #availableToNewProcesses()} to decide how many point processes fit.
 */
public final class PhysicalMemory {

    private PhysicalMemory() {
    }

    /** Bytes this process may hold in total, or empty when the system does not say (not Linux). */
    static OptionalLong availableToThisProcess() {
        long resident = field(Path.of("/proc/self/status"), "VmRSS:").orElse(0);
        OptionalLong free = availableToNewProcesses();
        return free.isEmpty() ? free : OptionalLong.of(free.getAsLong() + resident);
    }

    /**
     * Bytes that processes this one starts may hold together (they share its cgroup, e.g. one SLURM
     * task's {@code --mem}), not counting what this one holds; empty when the system does not say.
     */
    public static OptionalLong availableToNewProcesses() {
        OptionalLong free = field(Path.of("/proc/meminfo"), "MemAvailable:");
        if (free.isEmpty()) {
            return free;
        }
        long available = free.getAsLong();
        OptionalLong limit = cgroupLimit();
        OptionalLong used = number(Path.of("/sys/fs/cgroup/memory.current"));
        if (limit.isPresent() && used.isPresent()) {
            available = Math.min(available, Math.max(0, limit.getAsLong() - used.getAsLong()));
        }
        return OptionalLong.of(available);
    }

    /** The cgroup v2 memory limit of this process's cgroup, empty when there is none ({@code max}). */
    static OptionalLong cgroupLimit() {
        return number(Path.of("/sys/fs/cgroup/memory.max"));
    }

    private static OptionalLong number(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.matches("[0-9]+") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** A "Name:   123 kB" line of a /proc file, in bytes. */
    private static OptionalLong field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: nothing known.
        }
        return OptionalLong.empty();
    }
}
