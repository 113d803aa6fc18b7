package carnot.studies;

import carnot.studies.internal.StudyRuns;

import carnot.api.component.ProgressMonitor;
import carnot.studies.measures.MeasureStatistics;
import carnot.studies.measures.MeasureStudyRecords;
import carnot.studies.measures.MeasureStudyResult;
import carnot.studies.measures.MeasureTable;
import carnot.studies.internal.MeasureTables;
import carnot.studies.internal.PaperMeasures;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.SweepRecords;
import carnot.workspace.Sweeps;
import carnot.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/**
 * Which measures predict generalization (Jiang, Neyshabur, Mobahi, Krishnan and Bengio, "Fantastic
 * Generalization Measures and Where to Find Them", ICLR 2020), on a sweep of networks trained to a
 * stopping criterion: the sweep folder's runs and their last-epoch measures
 * ({@link MeasureTables}), every measure's tau, psi per axis, Psi and conditional mutual
 * information ({@link MeasureStatistics}), Jiang et al.'s values beside ours ({@link PaperMeasures}),
 * written to {@code <workspace>/studies/<experiment>-measures/<timestamp>/} ({@link MeasureStudyRecords}).
 * Given a sweep file instead of a folder, the sweep is run first through the {@link SweepLauncher}.
 */
@Component(service = MeasureStudy.class)
public final class MeasureStudy {

    /** Where the study went and what it found. */
    public record Report(Path folder, MeasureStudyResult study) {
    }

    /**
     * @param sweep    a sweep folder ({@code runs/<name>/sweep-<time>}) or a sweep file
     * @param launcher runs a sweep file's points first; unused for a folder
     * @throws IllegalArgumentException naming the file and field when the sweep does not fit the study
     */
    public Report run(Path sweep, Workspace workspace, SweepLauncher launcher, MeasureStatistics.Options options,
            ProgressMonitor monitor, Consumer<String> log) throws Exception {
        Path folder = sweep;
        if (!Files.isDirectory(sweep)) {
            try {
                MeasureTables.requireStudyable(sweep, Sweeps.read(sweep));
            } catch (ExperimentFileException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            log.accept("running the sweep " + sweep + " first");
            folder = launcher.run(sweep, monitor);
        } else if (!Files.isRegularFile(sweep.resolve(SweepRecords.SWEEP))) {
            throw new IllegalArgumentException(sweep + ": not a sweep folder (no " + SweepRecords.SWEEP
                    + "); give a sweep folder runs/<name>/sweep-<time> or a sweep file");
        }
        monitor.checkCancelled();
        MeasureTable table = MeasureTables.fromSweep(folder);
        log.accept(table.runs().size() + " runs trained to " + table.stopping() + ", " + table.measures().size()
                + " measures" + (table.excludedRuns().isEmpty() ? "" : "; " + table.excludedRuns().size()
                        + " runs left out (see " + MeasureStudyRecords.STUDY + ")"));
        MeasureStudyResult study = new MeasureStudyResult(MeasureStudyResult.FORMAT, Instant.now().toString(), table,
                options, MeasureStatistics.of(table, options), PaperMeasures.beside(table.measures()));
        Path out = StudyRuns.studyFolder(workspace, studyName(table.experiment()));
        MeasureStudyRecords.write(out, study);
        return new Report(out, study);
    }

    /** {@code <experiment>-measures} (the experiment's name if it ends so), within 100 characters. */
    static String studyName(String experiment) {
        String suffix = "-measures";
        if (experiment.endsWith(suffix)) {
            return experiment;
        }
        return (experiment.length() > 100 - suffix.length() ? experiment.substring(0, 100 - suffix.length())
                : experiment) + suffix;
    }
}
