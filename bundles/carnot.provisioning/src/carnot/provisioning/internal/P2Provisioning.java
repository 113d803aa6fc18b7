package carnot.provisioning.internal;

import carnot.provisioning.Installable;
import carnot.provisioning.Provisioning;
import carnot.provisioning.ProvisioningException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.engine.ProvisioningContext;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.ProfileChangeOperation;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.UninstallOperation;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link Provisioning} on Equinox p2's operations API, the API of Eclipse's own "Install New
 * Software": an {@link InstallOperation} or {@link UninstallOperation} is resolved by the planner
 * against the installation's profile ({@code eclipse.p2.profile}, its data under
 * {@code eclipse.p2.data.area}, both set by the carnot launcher) and then run by the engine, which
 * copies the bundles into the installation and rewrites its configuration.
 */
@Component(service = Provisioning.class)
public final class P2Provisioning implements Provisioning {

    @Reference
    private IProvisioningAgentProvider agents;

    /** The agent service name of p2's garbage collector (its class is x-friends only). */
    private static final String GARBAGE_COLLECTOR = "org.eclipse.equinox.internal.p2.garbagecollector.GarbageCollector";

    private IProvisioningAgent agent;

    @Deactivate
    synchronized void deactivate() {
        if (agent != null) {
            agent.stop();
            agent = null;
        }
    }

    @Override
    public List<Installable> available(Path repository, IProgressMonitor monitor) throws ProvisioningException {
        try (RepositoryFolder folder = RepositoryFolder.open(repository)) {
            IMetadataRepositoryManager manager = service(IMetadataRepositoryManager.class);
            boolean known = manager.contains(folder.location());
            try {
                return Features.describe(load(folder, monitor).query(QueryUtil.createIUGroupQuery(), monitor), Set.of());
            } finally {
                forget(folder.location(), known, false);
            }
        }
    }

    @Override
    public List<Installable> installed() throws ProvisioningException {
        IProfile profile = profile();
        return Features.installed(profile);
    }

    @Override
    public List<Installable> install(Path repository, List<String> ids, IProgressMonitor monitor)
            throws ProvisioningException {
        if (ids.isEmpty()) {
            throw new ProvisioningException("name the features to install (carnot install --list REPOSITORY shows them)");
        }
        IProgressMonitor progress = monitor == null ? new NullProgressMonitor() : monitor;
        IProfile profile = profile();
        requireWritableInstallation(profile);
        String installFolder = profile.getProperty(IProfile.PROP_INSTALL_FOLDER);
        if (!InstallationProcess.onInstallationConfiguration(installFolder)) {
            List<String> arguments = new ArrayList<>(List.of("install", "--repository",
                    repository.toAbsolutePath().toString()));
            arguments.addAll(ids);
            return inChild(installFolder, arguments, "install " + String.join(", ", ids) + " from " + repository,
                    progress, true);
        }
        try (RepositoryFolder folder = RepositoryFolder.open(repository)) {
            URI location = folder.location();
            boolean metadataKnown = service(IMetadataRepositoryManager.class).contains(location);
            boolean artifactsKnown = service(IArtifactRepositoryManager.class).contains(location);
            try {
                IMetadataRepository metadata = load(folder, progress);
                try {
                    service(IArtifactRepositoryManager.class).loadRepository(location, progress);
                } catch (ProvisionException e) {
                    throw new ProvisioningException("cannot read the p2 repository " + repository + ": " + e.getMessage(), e);
                }
                List<IInstallableUnit> units = new ArrayList<>();
                for (String id : ids) {
                    IInstallableUnit unit = Features.latest(metadata, id, progress);
                    if (unit == null) {
                        throw new ProvisioningException("no feature '" + id + "' in " + repository + "; it offers: "
                                + Features.ids(metadata.query(QueryUtil.createIUGroupQuery(), progress)));
                    }
                    if (!profile.query(QueryUtil.createIUQuery(unit.getId(), unit.getVersion()), progress).isEmpty()) {
                        throw new ProvisioningException(Features.userId(unit.getId()) + " " + unit.getVersion()
                                + " is already installed; nothing to do");
                    }
                    units.add(unit);
                }
                ProvisioningContext context = new ProvisioningContext(agent());
                context.setMetadataRepositories(location);
                context.setArtifactRepositories(location);
                InstallOperation operation = new InstallOperation(new ProvisioningSession(agent()), units);
                operation.setProfileId(profile.getProfileId());
                operation.setProvisioningContext(context);
                run(operation, "install " + String.join(", ", ids) + " from " + repository, progress);
                return Features.describe(units, Set.of());
            } finally {
                forget(location, metadataKnown, artifactsKnown);
            }
        }
    }

    @Override
    public List<Installable> uninstall(List<String> ids, IProgressMonitor monitor) throws ProvisioningException {
        if (ids.isEmpty()) {
            throw new ProvisioningException("name the features to uninstall (carnot list-installed shows them)");
        }
        IProgressMonitor progress = monitor == null ? new NullProgressMonitor() : monitor;
        IProfile profile = profile();
        requireWritableInstallation(profile);
        String installFolder = profile.getProperty(IProfile.PROP_INSTALL_FOLDER);
        if (!InstallationProcess.onInstallationConfiguration(installFolder)) {
            List<String> arguments = new ArrayList<>(List.of("uninstall"));
            arguments.addAll(ids);
            return inChild(installFolder, arguments, "uninstall " + String.join(", ", ids), progress, false);
        }
        List<Installable> installed = Features.installed(profile);
        List<Installable> addOns = installed.stream().filter(i -> !i.withProduct()).toList();
        Set<IInstallableUnit> units = new LinkedHashSet<>();
        for (String id : ids) {
            Installable found = installed.stream().filter(i -> i.id().equals(Features.userId(id))).findFirst().orElse(null);
            if (found == null) {
                throw new ProvisioningException("'" + id + "' is not installed; " + (addOns.isEmpty()
                        ? "nothing is installed besides the product"
                        : "installed add-ons: " + String.join(", ", addOns.stream().map(Installable::id).toList())));
            }
            if (found.withProduct()) {
                throw new ProvisioningException(found.id() + " came with the product and is not uninstalled alone; "
                        + (addOns.isEmpty() ? "nothing is installed besides the product"
                                : "installed add-ons: " + String.join(", ", addOns.stream().map(Installable::id).toList())));
            }
            units.addAll(profile.query(QueryUtil.createIUQuery(Features.groupId(found.id())), progress).toUnmodifiableSet());
        }
        UninstallOperation operation = new UninstallOperation(new ProvisioningSession(agent()), units);
        operation.setProfileId(profile.getProfileId());
        run(operation, "uninstall " + String.join(", ", ids), progress);
        return Features.describe(new ArrayList<>(units), Set.of());
    }

    /**
     * Changes the installation through a child process of its own launcher (see
     * {@link InstallationProcess}); the features it installed or uninstalled are those the profile
     * gained or lost.
     */
    private List<Installable> inChild(String installFolder, List<String> arguments, String what,
            IProgressMonitor monitor, boolean installing) throws ProvisioningException {
        List<Installable> before = installed();
        try {
            InstallationProcess.run(installFolder, arguments, what, monitor);
        } finally {
            // The child changed the profile on disk: read it afresh next time.
            deactivate();
        }
        List<Installable> after = installed();
        List<Installable> gained = new ArrayList<>(installing ? after : before);
        gained.removeIf(i -> (installing ? before : after).stream().anyMatch(o -> o.id().equals(i.id())
                && o.version().equals(i.version())));
        return gained;
    }

    /** Resolves an operation and runs its plan, or says why not. */
    private static void run(ProfileChangeOperation operation, String what, IProgressMonitor monitor)
            throws ProvisioningException {
        IStatus resolved;
        try {
            resolved = operation.resolveModal(monitor);
        } catch (OperationCanceledException e) {
            throw new ProvisioningException("cancelled: " + what, e);
        }
        if (resolved.getSeverity() == IStatus.CANCEL) {
            throw new ProvisioningException("cancelled: " + what);
        }
        if (!operation.hasResolved() || resolved.getSeverity() == IStatus.ERROR) {
            String details = operation.getResolutionDetails();
            throw new ProvisioningException("cannot " + what + ": " + Statuses.describe(resolved)
                    + (details == null || details.isBlank() ? "" : System.lineSeparator() + details.strip()));
        }
        IStatus done = operation.getProvisioningJob(monitor).runModal(monitor);
        if (done.getSeverity() == IStatus.CANCEL) {
            throw new ProvisioningException("cancelled: " + what);
        }
        if (done.getSeverity() == IStatus.ERROR) {
            throw new ProvisioningException("cannot " + what + ": " + Statuses.describe(done));
        }
    }

    private IMetadataRepository load(RepositoryFolder folder, IProgressMonitor monitor) throws ProvisioningException {
        try {
            return service(IMetadataRepositoryManager.class).loadRepository(folder.location(), monitor);
        } catch (ProvisionException e) {
            throw new ProvisioningException("cannot read the p2 repository " + folder.given() + ": " + e.getMessage(), e);
        }
    }

    /** Repositories we loaded are not remembered by the installation (a zip's folder is temporary). */
    private void forget(URI location, boolean metadataKnown, boolean artifactsKnown) throws ProvisioningException {
        if (!metadataKnown) {
            service(IMetadataRepositoryManager.class).removeRepository(location);
        }
        if (!artifactsKnown) {
            service(IArtifactRepositoryManager.class).removeRepository(location);
        }
    }

    private static void requireWritableInstallation(IProfile profile) throws ProvisioningException {
        String folder = profile.getProperty(IProfile.PROP_INSTALL_FOLDER);
        if (folder != null && !Files.isWritable(Path.of(folder))) {
            throw new ProvisioningException("the installation " + folder + " is not writable by this user: install add-ons "
                    + "as the user who installed Carnot, or unpack Carnot where you can write");
        }
    }

    private IProfile profile() throws ProvisioningException {
        IProfileRegistry registry = service(IProfileRegistry.class);
        IProfile profile = registry.getProfile(IProfileRegistry.SELF);
        if (profile == null) {
            throw new ProvisioningException("this Carnot has no p2 profile (eclipse.p2.profile="
                    + System.getProperty("eclipse.p2.profile") + ", eclipse.p2.data.area="
                    + System.getProperty("eclipse.p2.data.area") + "): start it with the carnot launcher of an "
                    + "installation unpacked from its archive");
        }
        return profile;
    }

    private <S> S service(Class<S> type) throws ProvisioningException {
        S service = agent().getService(type);
        if (service == null) {
            throw new ProvisioningException("p2 has no " + type.getSimpleName() + ": is the p2 feature complete?");
        }
        return service;
    }

    private synchronized IProvisioningAgent agent() throws ProvisioningException {
        if (agent == null) {
            if (System.getProperty("eclipse.p2.data.area") == null) {
                throw new ProvisioningException("this Carnot has no p2 data area (eclipse.p2.data.area is unset): start it "
                        + "with the carnot launcher of an installation");
            }
            try {
                // null: the agent of the running system (its data area, its SELF profile).
                agent = agents.createAgent(null);
                // p2's garbage collector, once the agent has it, removes after each uninstall the
                // artifacts no profile needs any more, except the bundles this framework runs: the
                // carnot launcher collects those (the add-on's jars) in a fresh process afterwards.
                agent.getService(GARBAGE_COLLECTOR);
            } catch (ProvisionException e) {
                throw new ProvisioningException("cannot start p2: " + e.getMessage(), e);
            }
        }
        return agent;
    }

    /** Sorts for display: the product's own first, then by id. */
    static final Comparator<Installable> ORDER = Comparator.comparing((Installable i) -> !i.withProduct())
            .thenComparing(Installable::id);
}
