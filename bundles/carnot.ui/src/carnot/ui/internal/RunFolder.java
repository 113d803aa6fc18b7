package carnot.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One run's folder, {@code <workspace>/runs/<experiment>/<runId>/}. Run ids start with a
 * {@code yyyyMMdd-HHmmss} timestamp, so sorting by id sorts by start time.
 *
 * @param experiment name of the experiment folder (the parent folder's name)
 * @param runId      name of the run folder
 * @param path       absolute path of the run folder
 */
record RunFolder(String experiment, String runId, Path path) {

    /** File with one JSON object of epoch metrics per line. */
    static final String METRICS_FILE = "metrics.jsonl";
    /** File with the run's status, epochs completed and message. */
    static final String STATUS_FILE = "status.json";

    /** Newest first: by run id descending, then by experiment. */
    static final Comparator<RunFolder> NEWEST_FIRST = Comparator.comparing(RunFolder::runId).reversed()
            .thenComparing(RunFolder::experiment);

    /** What the combo shows. */
    String label() {
        return experiment + "/" + runId;
    }

    /** A folder given directly (for example chosen in a dialog), named after its own and its parent's names. */
    static RunFolder of(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        String experiment = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        String runId = absolute.getFileName() == null ? absolute.toString() : absolute.getFileName().toString();
        return new RunFolder(experiment, runId, absolute);
    }

    /** Whether a folder holds a run's files (either of them; a run just started may have only one). */
    static boolean isRun(Path folder) {
        return Files.isRegularFile(folder.resolve(METRICS_FILE)) || Files.isRegularFile(folder.resolve(STATUS_FILE));
    }

    /**
     * The workspace folder: the system property {@code carnot.workspace} if set, else the
     * environment variable {@code CARNOT_WORKSPACE} (which the command line also reads), else the
     * current working directory. The property comes first so that a launch configuration or
     * the product's ini file decides for the UI.
     */
    static Path workspace() {
        String property = System.getProperty("carnot.workspace");
        String environment = System.getenv("CARNOT_WORKSPACE");
        String chosen = property != null && !property.isBlank() ? property
                : environment != null && !environment.isBlank() ? environment : "";
        try {
            return Path.of(chosen).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    /**
     * The run folders under {@code <workspace>/runs}, two levels down, newest first. Unreadable
     * folders are skipped: the list is for choosing, not for checking.
     */
    static List<RunFolder> discover(Path workspace) {
        Path runs = workspace.resolve("runs");
        List<RunFolder> found = new ArrayList<>();
        for (Path experiment : subfolders(runs)) {
            for (Path run : subfolders(experiment)) {
                found.add(new RunFolder(experiment.getFileName().toString(), run.getFileName().toString(),
                        run.toAbsolutePath().normalize()));
            }
        }
        found.sort(NEWEST_FIRST);
        return found;
    }

    /**
     * Resolves a run named on the command line: an absolute folder, a folder relative to the
     * workspace, or {@code <experiment>/<runId>} relative to {@code <workspace>/runs}.
     *
     * @return the folder, or {@code null} if no such folder exists
     */
    static RunFolder resolve(String name, Path workspace) {
        if (name == null || name.isBlank()) {
            return null;
        }
        Path given;
        try {
            given = Path.of(name.strip());
        } catch (RuntimeException e) {
            return null;
        }
        List<Path> candidates = given.isAbsolute() ? List.of(given)
                : List.of(workspace.resolve(given), workspace.resolve("runs").resolve(given), given);
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate)) {
                return of(candidate);
            }
        }
        return null;
    }

    /** The run folders directly inside a folder (an experiment folder), newest first. */
    static List<RunFolder> runsIn(Path folder) {
        List<RunFolder> found = new ArrayList<>();
        for (Path child : subfolders(folder)) {
            if (isRun(child)) {
                found.add(of(child));
            }
        }
        found.sort(NEWEST_FIRST);
        return found;
    }

    private static List<Path> subfolders(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
