package carnot.headless.internal;

import carnot.headless.services.Services;
import java.io.PrintWriter;
import org.osgi.framework.BundleContext;

/** The {@code carnot} command line with explicit streams: what the application and the tests call. */
public final class Cli {

    private Cli() {
    }

    /**
     * Runs one {@code carnot} command line.
     *
     * @return the process exit code (see {@code carnot --help})
     */
    public static int execute(BundleContext context, PrintWriter out, PrintWriter err, String... args) {
        int code;
        try (Services services = new Services(context)) {
            CarnotCommand command = new CarnotCommand(services);
            picocli.CommandLine line = CarnotCommand.commandLine(command);
            line.setOut(out);
            line.setErr(err);
            try {
                code = line.execute(args);
            } catch (Throwable e) {
                code = Failures.report(e, err);
                if (code < 0) {
                    err.println("carnot: internal error: " + e);
                    code = CarnotCommand.INTERNAL;
                }
            }
        }
        out.flush();
        err.flush();
        return code;
    }
}
