package carnot.headless.internal;

import carnot.workspace.AtomicFiles;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.SettingRenames;
import carnot.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code carnot migrate}: an experiment or sweep file rewritten to the current setting names
 * ({@link SettingRenames}), its comments and layout kept; files outside the workspace are refused.
 */
@Command(name = "migrate", description = "Rewrite an experiment or sweep file to the current setting names "
        + "(docs/settings.md), keeping its comments and layout. Exit 0: migrated or nothing to change; "
        + "2: bad input.")
final class MigrateCommand extends Subcommand {

    @Parameters(paramLabel = "EXPERIMENT", description = "experiment or sweep file (JSON) inside the workspace")
    Path file;

    @Option(names = "--check", description = "print what would change and write nothing")
    boolean check;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", description = "the workspace the file must be in "
            + "(default: $CARNOT_WORKSPACE, else the current folder)")
    Path workspace;

    MigrateCommand(CarnotCommand parent) {
        super(parent);
    }

    @Override
    int execute() {
        PrintWriter err = err();
        if (!CarnotCommand.workspaceExists(workspace, err)) {
            return CarnotCommand.BAD_INPUT;
        }
        Path root = CarnotCommand.workspaceRoot(workspace);
        try {
            WorkspacePaths.requireInside(root, file);
        } catch (IOException e) {
            err.println("carnot: " + e.getMessage() + " (migrate rewrites files of the workspace only: "
                    + "give --workspace DIR)");
            return CarnotCommand.BAD_INPUT;
        }
        SettingRenames.Migration migration;
        try {
            migration = SettingRenames.migrate(file);
        } catch (ExperimentFileException e) {
            err.println("carnot: " + e.getMessage());
            return CarnotCommand.BAD_INPUT;
        }
        PrintWriter out = out();
        if (migration.changes().isEmpty()) {
            out.println("carnot: " + file + " already uses the current setting names: nothing to change");
            return CarnotCommand.OK;
        }
        for (SettingRenames.Change change : migration.changes()) {
            out.println("  " + change.field() + " (" + change.component() + "): \"" + change.oldName() + "\" -> \""
                    + change.newName() + "\"");
        }
        if (check) {
            out.println("carnot: " + file + ": " + migration.changes().size() + " setting(s) would be renamed "
                    + "(--check: nothing written)");
            return CarnotCommand.OK;
        }
        try {
            AtomicFiles.write(root, file, migration.text());
        } catch (IOException e) {
            err.println("carnot: cannot write " + WorkspacePaths.describe(e));
            return CarnotCommand.BAD_INPUT;
        }
        out.println("carnot: " + file + ": " + migration.changes().size() + " setting(s) renamed");
        return CarnotCommand.OK;
    }
}
