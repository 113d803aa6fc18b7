package carnot.headless.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carnot report}: the HTML report of a run, sweep or measure study folder ({@code carnot.report.Reports}). */
@Command(name = "report", description = "Write a self-contained HTML report (inline SVG charts; PNG and SVG "
        + "figures beside it) of a run folder or a sweep folder.")
final class ReportCommand extends Subcommand {

    @Parameters(paramLabel = "FOLDER", description = "a run folder (runs/<name>/<run>) or a sweep folder "
            + "(runs/<name>/sweep-<time>)")
    Path folder;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "where to write report.html and "
            + "figures/ (default: FOLDER/report)")
    Path output;

    ReportCommand(CarnotCommand parent) {
        super(parent);
    }

    @Override
    int execute() throws IOException {
        PrintWriter out = out();
        PrintWriter err = err();
        try {
            if (!Files.isDirectory(folder)) {
                err.println("carnot: " + folder + ": no such folder");
                return CarnotCommand.BAD_INPUT;
            }
            Path page = carnot.report.Reports.write(folder, output == null ? folder.resolve("report") : output);
            out.println("carnot: report in " + page);
            return CarnotCommand.OK;
        } catch (carnot.report.Reports.ReportException e) {
            err.println("carnot: " + e.getMessage());
            return CarnotCommand.BAD_INPUT;
        } catch (IOException e) {
            err.println("carnot: cannot write the report into " + (output == null ? folder.resolve("report") : output)
                    + ": " + carnot.workspace.WorkspacePaths.describe(e));
            return CarnotCommand.CANNOT_WRITE;
        }
    }
}
