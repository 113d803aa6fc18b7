package carnot.studies.measures;

import carnot.workspace.AtomicFiles;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A measure study's folder, {@code <workspace>/studies/<experiment>-measures/<yyyyMMdd-HHmmss>/}:
 * <ul>
 * <li>{@value #STUDY}: the whole {@link MeasureStudyResult} (runs, measures, statistics, the
 * paper's values);</li>
 * <li>{@value #RUNS_CSV}: one row per run: its axis values, seed, errors, gap and every measure as
 * recorded;</li>
 * <li>{@value #STATISTICS_CSV}: one row per measure: tau with its bootstrap interval, tau-b, psi per
 * axis, Psi, the conditional mutual information unconditioned, per axis, over pairs, and K.</li>
 * </ul>
 * The file names are spelled here only: the report and the workbench read a study through
 * {@link #read}.
 */
public final class MeasureStudyRecords {

    public static final String STUDY = "measures.json";
    public static final String RUNS_CSV = "runs.csv";
    public static final String STATISTICS_CSV = "statistics.csv";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private MeasureStudyRecords() {
    }

    /** Whether {@code folder} holds a measure study. */
    public static boolean isStudyFolder(Path folder) {
        return Files.isRegularFile(folder.resolve(STUDY));
    }

    /**
     * @throws IOException naming the file when it cannot be read or is not a study of a known format
     */
    public static MeasureStudyResult read(Path folder) throws IOException {
        Path file = folder.resolve(STUDY);
        MeasureStudyResult study;
        try {
            study = JSON.readValue(file.toFile(), MeasureStudyResult.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a measure study (" + e.getMessage() + ")", e);
        }
        if (study.format() != MeasureStudyResult.FORMAT) {
            throw new IOException(file + ": format: study format " + study.format() + ", this Carnot reads "
                    + MeasureStudyResult.FORMAT);
        }
        return study;
    }

    /** Writes the three files into {@code folder}, each atomically. */
    public static void write(Path folder, MeasureStudyResult study) throws IOException {
        AtomicFiles.write(folder.resolve(STUDY), JSON.writeValueAsString(study) + "\n");
        AtomicFiles.write(folder.resolve(RUNS_CSV), runsCsv(study.table()));
        AtomicFiles.write(folder.resolve(STATISTICS_CSV), statisticsCsv(study));
    }

    static String runsCsv(MeasureTable table) {
        StringBuilder csv = new StringBuilder("run");
        table.axes().forEach(a -> csv.append(',').append(text(a.name())));
        csv.append(",seed,trainError,testError,gap");
        table.measures().forEach(m -> csv.append(',').append(text(m)));
        csv.append('\n');
        for (MeasureTable.Run run : table.runs()) {
            csv.append(text(run.folder()));
            for (int a = 0; a < table.axes().size(); a++) {
                csv.append(',').append(text(table.axes().get(a).values().get(run.coordinates()[a])));
            }
            csv.append(',').append(run.seed()).append(',').append(number(run.trainError())).append(',')
                    .append(number(run.testError())).append(',').append(number(run.gap()));
            table.measures().forEach(m -> csv.append(',').append(number(run.measures().get(m))));
            csv.append('\n');
        }
        return csv.toString();
    }

    static String statisticsCsv(MeasureStudyResult study) {
        List<MeasureTable.Axis> axes = study.table().axes();
        StringBuilder csv = new StringBuilder("measure,sign,tau,tauLower,tauUpper,tauB");
        axes.forEach(a -> csv.append(',').append(text("psi_" + a.name())));
        csv.append(",Psi,cmi");
        axes.forEach(a -> csv.append(',').append(text("cmi_given_" + a.name())));
        csv.append(",cmi_given_pairs_min,K,K_given\n");
        for (MeasureStatistics s : study.statistics()) {
            csv.append(text(s.measure())).append(',').append(s.sign()).append(',').append(number(s.tau())).append(',')
                    .append(number(s.tauLower())).append(',').append(number(s.tauUpper())).append(',')
                    .append(number(s.tauB()));
            for (double psi : s.psi()) {
                csv.append(',').append(number(psi));
            }
            csv.append(',').append(number(s.overallPsi())).append(',').append(number(s.cmiUnconditioned()));
            for (double c : s.cmiGivenAxis()) {
                csv.append(',').append(number(c));
            }
            csv.append(',').append(number(s.cmiGivenPairs())).append(',').append(number(s.robustCmi())).append(',')
                    .append(text(String.join(" ", s.robustCmiGiven()))).append('\n');
        }
        return csv.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String text(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
