package carnot.headless.internal;

import java.io.File;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line's own documentation, generated from the same picocli command model that parses
 * it: {@code carnot generate-completion} prints the bash/zsh completion script (picocli's
 * {@link AutoComplete}); {@code carnot gen-manpage --outdir DIR} writes AsciiDoc man pages, one per
 * command (picocli-codegen's ManPageGenerator, which comes with the SDK feature). Both are hidden:
 * releng/cli-docs.sh turns their output into the completion script and man pages every archive ships.
 */
final class CliDocumentation {

    private CliDocumentation() {
    }

    static void addGenerators(CommandLine line) {
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(true);
        line.addSubcommand("generate-completion", completion);
    }

    @Command(name = "gen-manpage", hidden = true, description = "Write AsciiDoc man pages of every command "
            + "(needs the SDK feature).")
    static final class ManPages extends Subcommand {

        @Option(names = {"-d", "--outdir"}, required = true, paramLabel = "DIR", description = "where to write them")
        Path outdir;

        ManPages(CarnotCommand parent) {
            super(parent);
        }

        @Override
        int execute() throws Exception {
            CommandLine.Model.CommandSpec root = spec.parent();
            try {
                return Generator.write(outdir.toFile(), root);
            } catch (NoClassDefFoundError e) {
                err().println("carnot: gen-manpage needs picocli's man page generator, which comes with the SDK "
                        + "feature (carnot install --repository <carnot-repository.zip> carnot.sdk.feature): " + e);
                return CarnotCommand.INTERNAL;
            }
        }
    }

    /** picocli-codegen, in a class of its own: it loads only where the SDK is installed. */
    private static final class Generator {
        static int write(File outdir, CommandLine.Model.CommandSpec root) throws java.io.IOException {
            return picocli.codegen.docgen.manpage.ManPageGenerator.generateManPage(outdir, null, new boolean[0], true,
                    root);
        }
    }
}
