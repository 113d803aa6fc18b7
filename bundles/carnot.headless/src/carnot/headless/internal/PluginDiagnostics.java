package carnot.headless.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * What went wrong with the bundle jars in the workspace's {@code plugins} folder, in the
 * framework's own words: a jar that does not resolve (the unresolved requirement), a component
 * whose {@code @Activate} threw (SCR's failure text), a component missing a reference. {@code carnot
 * run} prints these at once with the experiment's error, instead of "unknown analysis" after a
 * timeout with the reason in a log file.
 */
final class PluginDiagnostics {

    /** One jar's state: settled when nothing more is going to happen to it without a change on disk. */
    record Plugin(Path jar, Bundle bundle, boolean settled, List<String> problems) {
    }

    private PluginDiagnostics() {
    }

    /** Every jar of the plugins folder with its bundle (null while FileInstall has not installed it). */
    static List<Plugin> plugins(BundleContext context) {
        List<Plugin> plugins = new ArrayList<>();
        Path folder = HotDeployedComponents.pluginsFolder();
        if (folder == null || !Files.isDirectory(folder)) {
            return plugins;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            return plugins;
        }
        for (Path jar : jars) {
            plugins.add(inspect(context, jar));
        }
        return plugins;
    }

    /** Whether every plugin jar has settled: active with its components settled, or failed for a stated reason. */
    static boolean settled(BundleContext context) {
        return plugins(context).stream().allMatch(Plugin::settled);
    }

    /** "plugin FILE (bundle NAME VERSION): REASON" for every problem of every jar. */
    static List<String> problems(BundleContext context) {
        List<String> lines = new ArrayList<>();
        for (Plugin plugin : plugins(context)) {
            String name = plugin.bundle() == null ? "" : " (bundle " + plugin.bundle().getSymbolicName() + " "
                    + plugin.bundle().getVersion() + ")";
            plugin.problems().forEach(p -> lines.add("plugin " + plugin.jar() + name + ": " + p));
        }
        return lines;
    }

    private static Plugin inspect(BundleContext context, Path jar) {
        Bundle bundle = null;
        String suffix = "/" + jar.getFileName();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().endsWith(suffix)) {
                bundle = b;
            }
        }
        List<String> problems = new ArrayList<>();
        if (bundle == null) {
            return new Plugin(jar, null, false, problems);
        }
        if (bundle.getState() == Bundle.INSTALLED) {
            // Not resolved: starting it makes the framework state the unresolved requirement.
            try {
                bundle.start(Bundle.START_TRANSIENT);
            } catch (BundleException | IllegalStateException | SecurityException e) {
                problems.add("cannot be started: " + firstLines(e.getMessage()));
                return new Plugin(jar, bundle, true, problems);
            }
        }
        if (bundle.getState() != Bundle.ACTIVE) {
            return new Plugin(jar, bundle, false, problems);
        }
        boolean settled = true;
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = reference == null ? null : context.getService(reference);
        if (scr != null) {
            try {
                for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                    for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                        if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                            problems.add("component " + description.name + " failed to activate: "
                                    + firstLines(configuration.failure));
                        } else if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                            problems.add("component " + description.name + " is missing a service it references: "
                                    + java.util.Arrays.stream(configuration.unsatisfiedReferences)
                                            .map(r -> r.name + " (" + r.target + ")").toList());
                        } else if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                            problems.add("component " + description.name + " is missing its configuration");
                        }
                    }
                }
            } finally {
                context.ungetService(reference);
            }
        }
        return new Plugin(jar, bundle, settled, problems);
    }

    /** The first two lines of a framework message, bounded: enough to name the cause, not a stack trace. */
    static String firstLines(String text) {
        if (text == null) {
            return "(no reason given)";
        }
        String[] lines = text.strip().split("\\R");
        String first = lines[0] + (lines.length > 1 ? " " + lines[1].strip() : "");
        return first.length() <= 500 ? first : first.substring(0, 500) + "... (" + first.length() + " characters)";
    }
}
