package carnot.headless.internal;

import carnot.provisioning.Installable;
import carnot.provisioning.Provisioning;
import carnot.provisioning.ProvisioningException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.core.runtime.NullProgressMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code carnot install | uninstall | list-installed}: add-on features of this installation from p2
 * repositories, with the p2 director's semantics (a resolved plan or a clear refusal), through the
 * same {@link Provisioning} service as the workbench's Help menu. Changes take effect with the next
 * start of Carnot; the launcher then resolves the changed configuration once.
 */
final class ProvisioningCommands {

    private ProvisioningCommands() {
    }

    @Command(name = "install", description = "Install add-on features from a p2 repository (a folder or a zip of one) "
            + "into this installation; --list shows what the repository offers. They are there from the next "
            + "carnot command on.")
    static final class Install extends Subcommand {

        @Option(names = {"-r", "--repository"}, required = true, paramLabel = "REPOSITORY",
                description = "p2 repository folder or zip, e.g. carnot-addons-repository-0.1.0.zip")
        Path repository;

        @Option(names = "--list", description = "list the repository's features instead of installing")
        boolean list;

        @Parameters(paramLabel = "FEATURE", arity = "0..*", description = "feature ids (with or without .feature.group)")
        List<String> features = List.of();

        Install(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() {
            return withProvisioning(this, provisioning -> {
                if (list) {
                    List<Installable> offered = provisioning.available(repository, monitor(parent.cancelled));
                    out().println("carnot: " + repository + " offers " + offered.size() + " feature"
                            + (offered.size() == 1 ? "" : "s") + ":");
                    print(out(), offered);
                    return CarnotCommand.OK;
                }
                out().println("carnot: installing " + String.join(", ", features) + " from " + repository + " ...");
                out().flush();
                List<Installable> done = provisioning.install(repository, features, monitor(parent.cancelled));
                for (Installable i : done) {
                    out().println("carnot: installed " + i.id() + " " + i.version() + " (" + i.name() + ")");
                }
                out().println("carnot: available from the next carnot command on");
                return CarnotCommand.OK;
            });
        }
    }

    @Command(name = "uninstall", description = "Uninstall add-on features from this installation (see list-installed).")
    static final class Uninstall extends Subcommand {

        @Parameters(paramLabel = "FEATURE", arity = "1..*", description = "feature ids")
        List<String> features;

        Uninstall(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() {
            return withProvisioning(this, provisioning -> {
                for (Installable i : provisioning.uninstall(features, monitor(parent.cancelled))) {
                    out().println("carnot: uninstalled " + i.id() + " " + i.version() + " (" + i.name() + ")");
                }
                return CarnotCommand.OK;
            });
        }
    }

    @Command(name = "list-installed", description = "List the installed features: the product's own and the add-ons.")
    static final class ListInstalled extends Subcommand {

        ListInstalled(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() {
            return withProvisioning(this, provisioning -> {
                List<Installable> installed = provisioning.installed();
                List<Installable> own = installed.stream().filter(Installable::withProduct).toList();
                List<Installable> addOns = installed.stream().filter(i -> !i.withProduct()).toList();
                out().println("With the product:");
                print(out(), own);
                out().println("Add-ons:");
                if (addOns.isEmpty()) {
                    out().println("  (none: carnot install --repository REPOSITORY FEATURE adds one)");
                }
                print(out(), addOns);
                return CarnotCommand.OK;
            });
        }
    }

    private interface ProvisioningCall {
        int call(Provisioning provisioning) throws ProvisioningException;
    }

    /** Runs a call on the provisioning service; its refusals are bad input (exit 2), named. */
    private static int withProvisioning(Subcommand command, ProvisioningCall call) {
        Provisioning provisioning;
        try {
            provisioning = command.parent.services.get(Provisioning.class);
        } catch (NoClassDefFoundError | IllegalStateException e) {
            command.err().println("carnot: p2 provisioning is not part of this installation (carnot.provisioning.feature): "
                    + e.getMessage());
            return CarnotCommand.INTERNAL;
        }
        try {
            return call.call(provisioning);
        } catch (ProvisioningException e) {
            command.err().println("carnot: " + e.getMessage());
            return e.getMessage().startsWith("cancelled") ? CarnotCommand.CANCELLED : CarnotCommand.BAD_INPUT;
        }
    }

    private static void print(PrintWriter out, List<Installable> features) {
        for (Installable i : features) {
            out.println(String.format(Locale.ROOT, "  %-36s %-24s %s", i.id(), i.version(), i.name()));
        }
    }

    /** p2's monitor, cancelled with the command (Ctrl-C). */
    private static NullProgressMonitor monitor(AtomicBoolean cancelled) {
        return new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return cancelled.get() || super.isCanceled();
            }
        };
    }
}
