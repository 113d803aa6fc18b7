package carnot.headless.internal;

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
        command = new CarnotCommand(new Services(bundleContext));
        CommandLine commandLine = CarnotCommand.commandLine(command);
        return commandLine.execute(args);
    }

    @Override
    public void stop() {
        CarnotCommand current = command;
        if (current != null) {
            current.cancel();
        }
    }
}
