package carnot.headless.internal;

import carnot.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * What a {@code carnot} command says when it fails outside the experiment's own checks: out of
 * memory, a stack overflow, a file that cannot be written (a full disk, a read-only workspace, a
 * link leading out of it). One clear line and the documented exit code, never a stack trace and
 * never a silent exit 0.
 */
final class Failures {

    private Failures() {
    }

    /**
     * Prints the message for {@code failure} and returns its exit code, or returns -1 for a failure
     * that is an internal error (a bug: the caller prints it with its stack trace).
     */
    static int report(Throwable failure, PrintWriter err) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                err.println("carnot: " + outOfMemory(t));
                err.flush();
                return CarnotCommand.RUN_FAILED;
            }
            if (t instanceof StackOverflowError) {
                err.println("carnot: stack overflow (a component recursed too deeply; the thread stack is exhausted): "
                        + "the command was stopped; nothing was recorded as completed");
                err.flush();
                return CarnotCommand.RUN_FAILED;
            }
        }
        if (failure instanceof IOException io) {
            err.println("carnot: cannot write or read: " + WorkspacePaths.describe(io));
            err.flush();
            return CarnotCommand.CANNOT_WRITE;
        }
        return -1;
    }

    /** "out of memory: the heap is N GB; ..." with what to do about it. */
    static String outOfMemory(Throwable e) {
        double heap = Runtime.getRuntime().maxMemory() / 1e9;
        String setting = System.getenv("CARNOT_HEAP");
        return String.format(Locale.ROOT, "out of memory (%s): the Java heap is %.1f GB (CARNOT_HEAP=%s); set "
                + "CARNOT_HEAP higher (e.g. CARNOT_HEAP=16g) or shrink the dataset (trainSize, dimension) or the model",
                e.getMessage() == null ? "OutOfMemoryError" : e.getMessage(), heap,
                setting == null ? "unset, default 8g" : setting);
    }
}
