package carnot.headless.internal;

import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Waits, briefly, for the components an experiment names that come from the workspace's
 * {@code plugins} folder. Felix FileInstall installs the jars already in that folder at start-up,
 * but asynchronously, and SCR then registers their components asynchronously too: a {@code carnot
 * run} started right away would otherwise report a hot-deployed id as unknown. Only ids not yet
 * installed are awaited, and only while the plugins folder holds jars; a truly unknown id costs at
 * most {@link #TIMEOUT_SECONDS}.
 */
final class HotDeployedComponents {

    static final long TIMEOUT_SECONDS = 15;

    private HotDeployedComponents() {
    }

    /** Returns true when every id the experiment names is installed (possibly after waiting). */
    static boolean await(ComponentRegistry registry, ExperimentSpec spec) throws InterruptedException {
        if (!pluginsFolderHasJars()) {
            return missing(registry, spec).isEmpty();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        Object changed = new Object();
        Runnable wake = () -> {
            synchronized (changed) {
                changed.notifyAll();
            }
        };
        org.osgi.framework.Bundle self = org.osgi.framework.FrameworkUtil.getBundle(HotDeployedComponents.class);
        org.osgi.framework.BundleContext context = self == null ? null : self.getBundleContext();
        long settledSince = -1;
        registry.addChangeListener(wake);
        try {
            synchronized (changed) {
                while (!missing(registry, spec).isEmpty()) {
                    long now = System.nanoTime();
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - now);
                    if (left <= 0) {
                        return false;
                    }
                    // Every jar active with its components settled, or failed for a stated reason: what is
                    // still missing is not coming (a throwing @Activate, an unresolvable bundle). Stop
                    // waiting a second later instead of at the timeout.
                    if (context != null && PluginDiagnostics.settled(context)) {
                        settledSince = settledSince < 0 ? now : settledSince;
                        if (now - settledSince > TimeUnit.SECONDS.toNanos(1)) {
                            return false;
                        }
                    } else {
                        settledSince = -1;
                    }
                    changed.wait(Math.min(left, 250));
                }
            }
            return true;
        } finally {
            registry.removeChangeListener(wake);
        }
    }

    /**
     * Waits until every jar in the plugins folder is an installed, active bundle (SCR registers a
     * bundle's components as it starts), or fails to be one within the timeout: what {@code carnot
     * components} needs to list hot-deployed components right after start-up.
     */
    static void awaitPluginBundles(org.osgi.framework.BundleContext context) throws InterruptedException {
        Path folder = pluginsFolder();
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        java.util.List<String> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        } catch (IOException e) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            long active = jars.stream().filter(jar -> java.util.Arrays.stream(context.getBundles())
                    .anyMatch(b -> b.getLocation().endsWith("/" + jar)
                            && b.getState() == org.osgi.framework.Bundle.ACTIVE)).count();
            if (active == jars.size()) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** The ids the experiment names that are not installed now, with their kinds. */
    static Map<String, ComponentKind> missing(ComponentRegistry registry, ExperimentSpec spec) {
        Map<String, ComponentKind> missing = new LinkedHashMap<>();
        check(registry, ComponentKind.DATASET, spec.dataset(), missing);
        check(registry, ComponentKind.ARCHITECTURE, spec.model(), missing);
        check(registry, ComponentKind.OPTIMIZER, spec.optimizer(), missing);
        check(registry, ComponentKind.LOSS, spec.loss(), missing);
        spec.regularizers().forEach(r -> check(registry, ComponentKind.REGULARIZER, r, missing));
        for (AnalysisSpec a : spec.analyses()) {
            if (registry.describe(ComponentKind.ANALYSIS, a.id()).isEmpty()) {
                missing.put(a.id(), ComponentKind.ANALYSIS);
            }
        }
        return missing;
    }

    private static void check(ComponentRegistry registry, ComponentKind kind, ComponentSpec component,
            Map<String, ComponentKind> missing) {
        if (registry.describe(kind, component.id()).isEmpty()) {
            missing.put(component.id(), kind);
        }
    }

    /** The folder FileInstall watches ({@code felix.fileinstall.dir}, set by the carnot launcher). */
    static Path pluginsFolder() {
        String dir = System.getProperty("felix.fileinstall.dir");
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    private static boolean pluginsFolderHasJars() {
        Path folder = pluginsFolder();
        if (folder == null || !Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }
}
