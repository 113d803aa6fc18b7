package carnot.headless.internal;

import carnot.headless.services.Services;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import picocli.CommandLine;

/**
 * The headless {@code carnot} command as an Equinox application ({@code carnot.headless.cli}).
 * Its return value becomes the process exit code.
 */
public final class CarnotApplication implements IApplication {

    private volatile CarnotCommand command;

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
                new String[0]);
        context.applicationRunning();
        BundleContext bundleContext = FrameworkUtil.getBundle(CarnotApplication.class).getBundleContext();
        Services services = new Services(bundleContext);
        command = new CarnotCommand(services);
        CommandLine commandLine = CarnotCommand.commandLine(command);
        try {
            return commandLine.execute(args);
        } catch (Throwable e) {
            // Whatever escapes the command (an Error thrown before a subcommand runs) is a failure with a
            // message and a non-zero code: Equinox would otherwise log it to a file and exit 0.
            java.io.PrintWriter err = commandLine.getErr();
            int code = Failures.report(e, err);
            if (code < 0) {
                err.println("carnot: internal error: " + e);
                e.printStackTrace(err);
                err.flush();
                code = CarnotCommand.INTERNAL;
            }
            return code;
        } finally {
            services.close();
        }
    }

    @Override
    public void stop() {
        CarnotCommand current = command;
        if (current != null) {
            current.cancel();
        }
    }
}
