package carnot.report;

import carnot.report.internal.Figures;
import carnot.report.internal.MeasureStudyPage;
import carnot.report.internal.RunReport;
import carnot.report.internal.SweepReport;

import carnot.workspace.AtomicFiles;
import carnot.workspace.RunRecorder;
import carnot.workspace.SweepRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code carnot report}: a self-contained HTML page for a run folder or a sweep folder (the spec,
 * provenance, charts as inline SVG, tables with mean ± sample standard deviation over seeds), and
 * each chart also as {@code figures/<name>.svg} and {@code figures/<name>.png} beside it.
 */
public final class Reports {

    /** The report page's file name. */
    public static final String PAGE = "report.html";

    private Reports() {
    }

    /** The folder is not a run or sweep folder, or cannot be read. */
    public static final class ReportException extends Exception {
        private static final long serialVersionUID = 1L;

        public ReportException(String message) {
            super(message);
        }
    }

    /**
     * Writes the report of a run or sweep folder into {@code output} (created if needed).
     *
     * @return the report page
     */
    public static Path write(Path folder, Path output) throws IOException, ReportException {
        // Inside a run or sweep folder (the default FOLDER/report) the report stays in the workspace,
        // links resolved; a folder named with -o is the report's own confinement.
        Path absolute = output.toAbsolutePath().normalize();
        Path root = absolute.startsWith(folder.toAbsolutePath().normalize())
                ? carnot.workspace.WorkspacePaths.workspaceOf(folder) : absolute;
        carnot.workspace.WorkspacePaths.createFolders(root, absolute.resolve("figures"));
        Figures figures = new Figures(root, absolute.resolve("figures"));
        String html;
        if (Files.isRegularFile(folder.resolve(SweepRecords.SWEEP))) {
            html = SweepReport.html(folder, figures);
        } else if (carnot.studies.measures.MeasureStudyRecords.isStudyFolder(folder)) {
            html = MeasureStudyPage.html(folder, figures);
        } else if (Files.isRegularFile(folder.resolve(RunRecorder.STATUS))
                && Files.isRegularFile(folder.resolve(RunRecorder.SPEC))) {
            html = RunReport.html(folder, figures);
        } else {
            throw new ReportException(folder + ": neither a run folder (status.json, spec.json), a sweep folder "
                    + "(sweep.json) nor a measure study folder (" + carnot.studies.measures.MeasureStudyRecords.STUDY
                    + ")");
        }
        Path page = absolute.resolve(PAGE);
        AtomicFiles.write(root, page, html);
        return page;
    }
}
