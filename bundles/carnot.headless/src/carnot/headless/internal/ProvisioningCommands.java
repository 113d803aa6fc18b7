package carnot.headless.internal;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code carnot install | uninstall | list-installed} (the picocli model; the work is in
 * {@link ProvisioningCalls}, apart, because picocli reflects on these classes' methods and
 * carnot.provisioning is an optional import): add-on features of this installation from p2
 * repositories, with the p2 director's semantics (a resolved plan or a clear refusal), through the
 * Provisioning service a workbench dialog calls as well. Changes take effect with the next
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

        @Option(names = "--progress-protocol", hidden = true, description = "for the workbench: progress lines on "
                + "standard error, cancelled by a line 'cancel' on standard input")
        boolean progressProtocol;

        Install(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() {
            try {
                return ProvisioningCalls.install(this);
            } catch (NoClassDefFoundError e) {
                return absent(this, e);
            }
        }
    }

    @Command(name = "uninstall", description = "Uninstall add-on features from this installation (see list-installed).")
    static final class Uninstall extends Subcommand {

        @Parameters(paramLabel = "FEATURE", arity = "1..*", description = "feature ids")
        List<String> features;

        @Option(names = "--progress-protocol", hidden = true, description = "for the workbench: progress lines on "
                + "standard error, cancelled by a line 'cancel' on standard input")
        boolean progressProtocol;

        Uninstall(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() {
            try {
                return ProvisioningCalls.uninstall(this);
            } catch (NoClassDefFoundError e) {
                return absent(this, e);
            }
        }
    }

    @Command(name = "list-installed", description = "List the installed features: the product's own and the add-ons.")
    static final class ListInstalled extends Subcommand {

        ListInstalled(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() {
            try {
                return ProvisioningCalls.listInstalled(this);
            } catch (NoClassDefFoundError e) {
                return absent(this, e);
            }
        }
    }

    /** Without carnot.provisioning (its import is optional), these commands say so. */
    private static int absent(Subcommand command, NoClassDefFoundError e) {
        command.err().println("carnot: p2 provisioning is not part of this installation (carnot.provisioning.feature): "
                + e.getMessage());
        return CarnotCommand.INTERNAL;
    }
}
