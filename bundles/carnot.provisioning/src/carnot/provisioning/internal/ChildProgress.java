package carnot.provisioning.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * The two sides of a p2 operation that runs in a child process of the installation
 * ({@link InstallationProcess}): the child ({@code carnot install|uninstall --progress-protocol})
 * reports its progress as lines {@code carnot-progress <permille> <task>} on its error stream, and
 * stops at p2's next cancellation point when it reads the line {@code cancel} on its input.
 */
public final class ChildProgress {

    static final String PREFIX = "carnot-progress ";

    static final String CANCEL = "cancel";

    private ChildProgress() {
    }

    /**
     * The child's monitor: writes a line whenever the permille done or the task changes, and is
     * cancelled by the flag or by a {@code cancel} line on {@code input} (read by a daemon thread).
     */
    public static IProgressMonitor reporting(PrintWriter err, InputStream input, AtomicBoolean cancelled) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.strip().equals(CANCEL)) {
                        cancelled.set(true);
                    }
                }
            } catch (IOException e) {
                // The parent is gone: nothing can ask for cancellation any more.
            }
        }, "carnot-progress-input");
        reader.setDaemon(true);
        reader.start();
        return new Reporter(err, cancelled);
    }

    /** The permille of a progress line, or -1 when the line is not one. */
    static int permille(String line) {
        if (!line.startsWith(PREFIX)) {
            return -1;
        }
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        try {
            return Math.max(0, Math.min(1000, Integer.parseInt(space < 0 ? rest : rest.substring(0, space))));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The task of a progress line (empty when it names none). */
    static String task(String line) {
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        return space < 0 ? "" : rest.substring(space + 1);
    }

    private static final class Reporter implements IProgressMonitor {
        private final PrintWriter err;
        private final AtomicBoolean cancelled;
        private double total = UNKNOWN;
        private double worked;
        private String task = "";
        private int reported = -1;
        private String reportedTask = "";

        Reporter(PrintWriter err, AtomicBoolean cancelled) {
            this.err = err;
            this.cancelled = cancelled;
        }

        @Override
        public synchronized void beginTask(String name, int totalWork) {
            total = totalWork;
            worked = 0;
            task = name == null ? "" : name;
            report();
        }

        @Override
        public synchronized void done() {
            worked = total;
            report();
        }

        @Override
        public synchronized void internalWorked(double work) {
            worked += work;
            report();
        }

        @Override
        public boolean isCanceled() {
            return cancelled.get();
        }

        @Override
        public void setCanceled(boolean value) {
            cancelled.set(value);
        }

        @Override
        public synchronized void setTaskName(String name) {
            task = name == null ? "" : name;
            report();
        }

        @Override
        public synchronized void subTask(String name) {
            if (name != null && !name.isBlank()) {
                task = name;
                report();
            }
        }

        @Override
        public void worked(int work) {
            internalWorked(work);
        }

        private void report() {
            int permille = total <= 0 ? 0 : (int) Math.min(1000, Math.round(1000 * worked / total));
            String oneLine = task.strip().replaceAll("\\s+", " ");
            if (permille != reported || !oneLine.equals(reportedTask)) {
                reported = permille;
                reportedTask = oneLine;
                err.println(String.format(Locale.ROOT, "%s%d %s", PREFIX, permille, oneLine));
                err.flush();
            }
        }
    }
}
