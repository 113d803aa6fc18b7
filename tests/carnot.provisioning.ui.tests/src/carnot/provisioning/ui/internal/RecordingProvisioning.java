package carnot.provisioning.ui.internal;

import carnot.provisioning.Installable;
import carnot.provisioning.Provisioning;
import carnot.provisioning.ProvisioningException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A provisioning service for the dialogs' tests: one repository with two features, an installation
 * whose state the calls change, every call recorded, and an install that can be told to wait for
 * cancellation (as p2 stops at its cancellation points) or to refuse.
 */
final class RecordingProvisioning implements Provisioning {

    static final Installable CORE = new Installable("carnot.core.feature", "0.1.0", "Carnot core", "The runtime", true);

    static final Installable SPECTRUM = new Installable("carnot.examples.feature", "0.1.0.v1", "Carnot example metrics",
            "weight-spectrum: heavy-tailed weight spectra", false);

    static final Installable OTHER = new Installable("org.example.other.feature", "2.0.0", "Another add-on", "", false);

    final Path repository;

    final List<String> calls = new CopyOnWriteArrayList<>();

    final List<Installable> installed = new CopyOnWriteArrayList<>(List.of(CORE));

    volatile boolean waitForCancel;

    volatile boolean sawCancel;

    volatile String refusal;

    RecordingProvisioning(Path repository) {
        this.repository = repository;
    }

    @Override
    public List<Installable> available(Path from, IProgressMonitor monitor) throws ProvisioningException {
        calls.add("available " + from);
        if (!from.equals(repository)) {
            throw new ProvisioningException("cannot read the p2 repository " + from + ": no such folder or zip");
        }
        return List.of(SPECTRUM, OTHER);
    }

    @Override
    public List<Installable> installed() {
        calls.add("installed");
        return List.copyOf(installed);
    }

    @Override
    public List<Installable> install(Path from, List<String> ids, IProgressMonitor monitor) throws ProvisioningException {
        calls.add("install " + from + " " + ids);
        monitor.beginTask("installing", 10);
        if (refusal != null) {
            throw new ProvisioningException(refusal);
        }
        while (waitForCancel) {
            if (monitor.isCanceled()) {
                sawCancel = true;
                throw new ProvisioningException("cancelled: install " + String.join(", ", ids));
            }
            sleep();
        }
        List<Installable> done = new ArrayList<>();
        for (Installable offered : List.of(SPECTRUM, OTHER)) {
            if (ids.contains(offered.id())) {
                installed.add(offered);
                done.add(offered);
                monitor.worked(5);
            }
        }
        monitor.done();
        return done;
    }

    @Override
    public List<Installable> uninstall(List<String> ids, IProgressMonitor monitor) throws ProvisioningException {
        calls.add("uninstall " + ids);
        List<Installable> done = installed.stream().filter(i -> ids.contains(i.id())).toList();
        if (done.stream().anyMatch(Installable::withProduct)) {
            throw new ProvisioningException("came with the product");
        }
        installed.removeAll(done);
        return done;
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
