package carnot.headless.internal;

import carnot.provisioning.Installable;
import carnot.provisioning.Provisioning;
import carnot.provisioning.ProvisioningException;
import carnot.provisioning.internal.ChildProgress;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;

/** What {@link ProvisioningCommands} do, on the {@link Provisioning} service. */
final class ProvisioningCalls {

    private ProvisioningCalls() {
    }

    static int install(ProvisioningCommands.Install c) {
        return withProvisioning(c, provisioning -> {
            if (c.list) {
                List<Installable> offered = provisioning.available(c.repository, monitor(c.parent.cancelled));
                c.out().println("carnot: " + c.repository + " offers " + offered.size() + " feature"
                        + (offered.size() == 1 ? "" : "s") + ":");
                print(c.out(), offered);
                return CarnotCommand.OK;
            }
            c.out().println("carnot: installing " + String.join(", ", c.features) + " from " + c.repository + " ...");
            c.out().flush();
            for (Installable i : provisioning.install(c.repository, c.features,
                    c.progressProtocol ? childMonitor(c) : monitor(c.parent.cancelled))) {
                c.out().println("carnot: installed " + i.id() + " " + i.version() + " (" + i.name() + ")");
            }
            c.out().println("carnot: available from the next carnot command on");
            return CarnotCommand.OK;
        });
    }

    static int uninstall(ProvisioningCommands.Uninstall c) {
        return withProvisioning(c, provisioning -> {
            for (Installable i : provisioning.uninstall(c.features,
                    c.progressProtocol ? childMonitor(c) : monitor(c.parent.cancelled))) {
                c.out().println("carnot: uninstalled " + i.id() + " " + i.version() + " (" + i.name() + ")");
            }
            return CarnotCommand.OK;
        });
    }

    static int listInstalled(ProvisioningCommands.ListInstalled c) {
        return withProvisioning(c, provisioning -> {
            List<Installable> installed = provisioning.installed();
            c.out().println("With the product:");
            print(c.out(), installed.stream().filter(Installable::withProduct).toList());
            c.out().println("Add-ons:");
            List<Installable> addOns = installed.stream().filter(i -> !i.withProduct()).toList();
            if (addOns.isEmpty()) {
                c.out().println("  (none: carnot install --repository REPOSITORY FEATURE adds one)");
            }
            print(c.out(), addOns);
            return CarnotCommand.OK;
        });
    }

    private interface Call {
        int call(Provisioning provisioning) throws ProvisioningException;
    }

    /** Runs a call on the provisioning service; its refusals are bad input (exit 2), named. */
    private static int withProvisioning(Subcommand command, Call call) {
        Provisioning provisioning;
        try {
            provisioning = command.parent.services.get(Provisioning.class);
        } catch (IllegalStateException e) {
            command.err().println("carnot: p2 provisioning is not running (carnot.provisioning): " + e.getMessage());
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

    /** When the workbench runs this command for its dialogs: progress lines for it, cancelled by it or Ctrl-C. */
    private static IProgressMonitor childMonitor(Subcommand c) {
        return ChildProgress.reporting(c.err(), System.in, c.parent.cancelled);
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
