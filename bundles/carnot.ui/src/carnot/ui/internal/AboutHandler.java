package carnot.ui.internal;

import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Help &gt; About Carnot: the versions of Carnot, its engine, its platform and the JVM. */
public final class AboutHandler {

    /** Bundles named in the About text, besides every {@code carnot.*} bundle. */
    static final List<String> PLATFORM = List.of("ai.djl.api", "ai.djl.pytorch.engine", "ai.djl.pytorch.jni",
            "org.ejml.all", "org.eclipse.osgi", "org.apache.felix.scr", "org.eclipse.swt", "org.eclipse.jface",
            "org.eclipse.e4.ui.workbench", "org.eclipse.swtchart");

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        MessageDialog.openInformation(shell, "About Carnot", text());
    }

    /**
     * A bundle's version as it is: a qualifier that its packager left as the literal word
     * "qualifier" (Debian's SWTChart 0.13.0 is built without Tycho replacing it) says nothing and
     * is left out; a real one (Carnot's build time stamp) stays.
     */
    static String version(org.osgi.framework.Version version) {
        if ("qualifier".equals(version.getQualifier())) {
            return version.getMajor() + "." + version.getMinor() + "." + version.getMicro();
        }
        return version.toString();
    }

    /** The About text. */
    static String text() {
        StringBuilder text = new StringBuilder("Carnot: a workbench for empirical deep-learning theory\n\n");
        List<String> carnot = new ArrayList<>();
        List<String> platform = new ArrayList<>();
        Bundle self = FrameworkUtil.getBundle(AboutHandler.class);
        if (self != null && self.getBundleContext() != null) {
            for (Bundle bundle : self.getBundleContext().getBundles()) {
                String name = bundle.getSymbolicName();
                if (name == null) {
                    continue;
                }
                String line = String.format(Locale.ROOT, "  %-34s %s", name, version(bundle.getVersion()));
                if (name.startsWith("carnot.")) {
                    carnot.add(line);
                } else if (PLATFORM.stream().anyMatch(p -> name.equals(p) || name.startsWith(p + "_")
                        || name.toLowerCase(Locale.ROOT).contains(p.toLowerCase(Locale.ROOT)))) {
                    platform.add(line);
                }
            }
        }
        carnot.sort(null);
        platform.sort(null);
        text.append("Carnot bundles:\n").append(String.join("\n", carnot)).append("\n\nPlatform:\n")
                .append(String.join("\n", platform)).append("\n\n");
        text.append(String.format(Locale.ROOT, "Java %s (%s), %s %s %s, %d cores%n", System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors()));
        text.append("Preferences: ").append(Preferences.file());
        return text.toString();
    }
}
