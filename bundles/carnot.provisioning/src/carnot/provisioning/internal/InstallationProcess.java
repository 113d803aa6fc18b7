package carnot.provisioning.internal;

import carnot.provisioning.ProvisioningException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Runs {@code carnot install|uninstall} of the installation in a child process. A process that does
 * not run on the installation's own configuration area (the workbench: every Carnot process but the
 * provisioning commands runs on a per-process area over a shared, resolved one) must not let p2 change
 * the installation in-process: p2 would treat the per-process area as the configuration to rewrite.
 * The child is the installation's own launcher, which runs these commands on the installation's
 * configuration, exactly as a user in a terminal would; its progress and cancellation travel as
 * {@link ChildProgress} lines.
 */
final class InstallationProcess {

    /** The exit codes of the carnot command line that the child's refusals use. */
    private static final int BAD_INPUT = 2;

    private static final int CANCELLED = 130;

    private InstallationProcess() {
    }

    /**
     * True when this process runs on the installation's own configuration area, where p2 may change
     * the installation in-process.
     */
    static boolean onInstallationConfiguration(String installFolder) {
        String area = System.getProperty("osgi.configuration.area");
        if (installFolder == null || area == null) {
            return true;
        }
        try {
            Path running = Path.of(java.net.URI.create(area.replace(" ", "%20"))).toRealPath();
            Path installation = Path.of(installFolder, "configuration").toRealPath();
            return running.equals(installation);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Runs the installation's {@code carnot} with these arguments and {@code --progress-protocol};
     * returns when it has finished.
     *
     * @throws ProvisioningException with the child's own message when it refuses, or "cancelled: what"
     */
    static void run(String installFolder, List<String> arguments, String what, IProgressMonitor monitor)
            throws ProvisioningException {
        Path launcher = launcher(installFolder);
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(arguments);
        command.add("--progress-protocol");
        SubMonitor progress = SubMonitor.convert(monitor, what, 1000);
        Process child;
        try {
            child = new ProcessBuilder(command).directory(Path.of(installFolder).toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new ProvisioningException("cannot start " + launcher + " to " + what + ": " + e.getMessage(), e);
        }
        Thread canceller = cancelWhenAsked(child, monitor);
        List<String> messages = new ArrayList<>();
        int done = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                int permille = ChildProgress.permille(line);
                if (permille < 0) {
                    messages.add(line.startsWith("carnot: ") ? line.substring("carnot: ".length()) : line);
                    continue;
                }
                if (permille > done) {
                    progress.worked(permille - done);
                    done = permille;
                }
                if (!ChildProgress.task(line).isBlank()) {
                    progress.subTask(ChildProgress.task(line));
                }
            }
            int code = child.waitFor();
            if (code == 0) {
                return;
            }
            String said = String.join(System.lineSeparator(), messages).strip();
            if (code == CANCELLED) {
                throw new ProvisioningException("cancelled: " + what);
            }
            if (code == BAD_INPUT && !said.isEmpty()) {
                throw new ProvisioningException(said);
            }
            throw new ProvisioningException("cannot " + what + ": " + launcher + " exited with " + code
                    + (said.isEmpty() ? "" : ": " + said));
        } catch (IOException e) {
            throw new ProvisioningException("cannot " + what + ": lost the output of " + launcher + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // p2 keeps the installation consistent only when it stops at its own cancellation points.
            askToCancel(child);
            throw new ProvisioningException("cancelled: " + what + " (interrupted; the child process finishes or stops "
                    + "at p2's next cancellation point)", e);
        } finally {
            canceller.interrupt();
        }
    }

    private static Path launcher(String installFolder) throws ProvisioningException {
        String given = System.getProperty("carnot.launcher");
        Path launcher = given != null ? Path.of(given) : Path.of(installFolder, "carnot");
        if (!Files.isExecutable(launcher)) {
            throw new ProvisioningException("cannot find the installation's launcher " + launcher
                    + " (carnot.launcher is set by the carnot script): start Carnot with it");
        }
        return launcher;
    }

    /** Watches the monitor; when it is cancelled, asks the child once to stop. */
    private static Thread cancelWhenAsked(Process child, IProgressMonitor monitor) {
        Thread watcher = new Thread(() -> {
            try {
                while (child.isAlive() && !monitor.isCanceled()) {
                    child.waitFor(100, TimeUnit.MILLISECONDS);
                }
                if (child.isAlive()) {
                    askToCancel(child);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "carnot-provisioning-cancel");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    private static void askToCancel(Process child) {
        try {
            OutputStream input = child.getOutputStream();
            input.write((ChildProgress.CANCEL + "\n").getBytes(StandardCharsets.UTF_8));
            input.flush();
        } catch (IOException e) {
            // The child has already finished.
        }
    }
}
