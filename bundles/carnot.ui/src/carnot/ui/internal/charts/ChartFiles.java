package carnot.ui.internal.charts;

import carnot.ui.internal.Dialogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.swt.widgets.Shell;

/**
 * Charts written to files the user names: for each chart a save dialog proposes
 * {@code <run>-<chart>.<format>}, the chart's name saying what it shows (a series' name and
 * epoch), so exporting a second series never lands on the first; the dialog asks before it
 * replaces a file. It opens where the last export went, else in the workspace's {@code exports}
 * folder if there is one, else in the workspace (not in a run folder, which belongs to the run).
 */
public final class ChartFiles {

    /** The workspace folder proposed for exports when it exists. */
    public static final String EXPORTS = "exports";

    private static volatile Path lastFolder;

    private ChartFiles() {
    }

    /** Where the save dialog opens. */
    public static Path initialFolder(Path workspace) {
        Path last = lastFolder;
        if (last != null && Files.isDirectory(last)) {
            return last;
        }
        Path exports = workspace.resolve(EXPORTS);
        return Files.isDirectory(exports) ? exports : workspace;
    }

    /** A chart title as a file name part: {@code density.values (epoch 30)} as {@code density.values-epoch-30}. */
    public static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._#+]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "chart" : slug;
    }

    /**
     * Asks for a file per chart and writes it.
     *
     * @return the files written; stops at the first dialog cancelled
     */
    public static List<Path> export(Shell shell, List<Exportable> charts, String prefix, String format, Path workspace)
            throws IOException {
        List<Path> written = new ArrayList<>();
        for (Exportable chart : charts) {
            if (!chart.hasData()) {
                continue;
            }
            String name = prefix + "-" + chart.fileStem() + "." + format;
            String chosen = Dialogs.chooseFileToSave(shell, "Export " + chart.fileStem() + " as "
                    + format.toUpperCase(Locale.ROOT), initialFolder(workspace).toString(), name, format);
            if (chosen == null) {
                break;
            }
            Path file = Path.of(chosen).toAbsolutePath();
            write(chart, file, format);
            lastFolder = file.getParent();
            written.add(file);
        }
        return written;
    }

    /** Writes one chart: PNG as on screen, SVG drawn from the data, CSV the data. */
    /** Writes every chart that has data into {@code target} as {@code <prefix>-<chart>.<format>}; returns the files. */
    public static List<Path> writeAll(List<Exportable> charts, Path target, String prefix, String format)
            throws IOException {
        List<Path> written = new ArrayList<>();
        for (Exportable chart : charts) {
            if (chart.hasData()) {
                Path file = target.resolve(prefix + "-" + chart.fileStem() + "." + format);
                write(chart, file, format);
                written.add(file);
            }
        }
        return written;
    }

    public static void write(Exportable chart, Path file, String format) throws IOException {
        switch (format) {
            case "png" -> chart.savePng(file);
            case "svg" -> Files.writeString(file, chart.svg(), StandardCharsets.UTF_8);
            default -> Files.writeString(file, chart.csv(), StandardCharsets.UTF_8);
        }
    }
}
