package carnot.headless.internal;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Spec;

/**
 * A {@code carnot} subcommand: the parent's services and cancellation flag, picocli's output and
 * error writers, failures outside the experiment's own checks reported by {@link Failures}, and, whatever happens, the parent told that the command is done (a Ctrl-C waits for
 * that before the process exits, so a run records that it was cancelled).
 */
@CommandLine.Command // only so that picocli's annotation processor (picocli-codegen, on the compile path for the man pages) accepts @Spec here; subclasses carry the real @Command
abstract class Subcommand implements Callable<Integer> {

    final CarnotCommand parent;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Subcommand(CarnotCommand parent) {
        this.parent = parent;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The command itself; its exit code. */
    abstract int execute() throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } catch (VirtualMachineError | java.io.IOException e) {
            // Out of memory, a stack overflow, a file that cannot be written: one clear line and the
            // documented exit code (Failures), never an exit 0 and never a stack trace.
            int code = Failures.report(e, err());
            if (code < 0) {
                throw e;
            }
            return code;
        } finally {
            out().flush();
            err().flush();
            parent.finished.countDown();
        }
    }
}
