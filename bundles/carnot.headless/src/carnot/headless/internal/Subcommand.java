package carnot.headless.internal;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Spec;

/**
 * A {@code carnot} subcommand: the parent's services and cancellation flag, picocli's output and
 * error writers, and, whatever happens, the parent told that the command is done (a Ctrl-C waits for
 * that before the process exits, so a run records that it was cancelled).
 */
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
        } finally {
            out().flush();
            err().flush();
            parent.finished.countDown();
        }
    }
}
