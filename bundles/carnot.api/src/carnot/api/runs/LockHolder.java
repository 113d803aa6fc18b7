package carnot.api.runs;

import java.util.Objects;

/**
 * Who holds a folder's lock, as the holder wrote it into the lock file: for messages only. Whether
 * the lock is held is decided by the operating system's lock, never by these fields.
 *
 * @param pid     process id of the holder
 * @param host    host name the holder runs on
 * @param command what the holder is doing, e.g. {@code carnot run experiments/mnist.json}
 * @param since   when it took the lock (ISO-8601), or empty
 */
public record LockHolder(long pid, String host, String command, String since) {

    /** Unknown parts become the empty text. */
    public LockHolder {
        host = Objects.requireNonNullElse(host, "");
        command = Objects.requireNonNullElse(command, "");
        since = Objects.requireNonNullElse(since, "");
    }

    /** {@code process 1234 on node7 (carnot run exp.json, since 2026-12-06T10:00:00Z)}. */
    public String describe() {
        StringBuilder text = new StringBuilder(pid > 0 ? "process " + pid : "a process");
        if (!host.isEmpty()) {
            text.append(" on ").append(host);
        }
        if (!command.isEmpty() || !since.isEmpty()) {
            text.append(" (").append(command);
            if (!since.isEmpty()) {
                text.append(command.isEmpty() ? "" : ", ").append("since ").append(since);
            }
            text.append(')');
        }
        return text.toString();
    }
}
