package carnot.ui.internal.explorer;

import carnot.workspace.WorkspaceListing;
import carnot.workspace.WorkspaceListing.ExperimentFile;
import carnot.workspace.WorkspaceListing.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the workspace explorer shows, from {@link WorkspaceListing}: every experiment or sweep file
 * (a file with a problem too, marked, so that it can be opened and fixed) with the runs recorded
 * under {@code runs/<name>/} (a sweep's points are runs named {@code sweep-<time>/<point>}), plus
 * the run groups whose experiment file is not (or no longer) in the workspace.
 */
public final class WorkspaceTree {

    /** How deep below the workspace experiment files are looked for. */
    static final int MAX_DEPTH = WorkspaceListing.MAX_DEPTH;
    /** Folders of the workspace that never hold experiment files. */
    static final Set<String> SKIPPED = WorkspaceListing.SKIPPED;

    /**
     * One experiment: its file ({@code null} for runs whose file is gone) and its runs, newest first.
     *
     * @param name    experiment name, which is also the folder of its runs
     * @param problem what is wrong with the file, or {@code null}
     */
    public record Experiment(Path file, String name, List<Run> runs, String problem) {
        public Experiment {
            runs = List.copyOf(runs);
        }

        public Experiment(Path file, String name, List<Run> runs) {
            this(file, name, runs, null);
        }

        public String label() {
            if (file == null) {
                return name + " (no experiment file)";
            }
            return problem == null ? name : file.getFileName() + "  [invalid]";
        }
    }

    /**
     * One run folder.
     *
     * @param status the run's state with liveness: {@code running} (a live process holds it),
     *               {@code interrupted} (its process died: resumable), {@code completed},
     *               {@code failed}, {@code cancelled}, or {@code unknown} when its status cannot be read
     */
    public record Run(Path folder, String experiment, String runId, String status) {
        public String label() {
            return runId + "  [" + status + "]";
        }

        /**
         * Interrupted (its process died) or cancelled: Resume asks the run service to continue it
         * from its last saved epoch (it says so if the run saved none).
         */
        public boolean resumable() {
            return "interrupted".equals(status) || "cancelled".equals(status);
        }
    }

    private WorkspaceTree() {
    }

    /** Experiments sorted by name (then file), each with its runs; then run groups without a file. */
    public static List<Experiment> scan(Path workspace) {
        Map<String, List<Run>> runsByExperiment = new LinkedHashMap<>();
        WorkspaceListing.runFolders(workspace).forEach((name, folders) -> runsByExperiment.put(name,
                folders.stream().map(WorkspaceTree::run).toList()));
        List<Experiment> experiments = new ArrayList<>();
        for (ExperimentFile file : WorkspaceListing.experimentFiles(workspace)) {
            experiments.add(new Experiment(file.file(), file.name(), runsByExperiment.getOrDefault(file.name(), List.of()),
                    file.problem()));
        }
        experiments.sort(Comparator.comparing(Experiment::name).thenComparing(e -> e.file().toString()));
        Set<String> named = new HashSet<>();
        experiments.forEach(e -> named.add(e.name()));
        runsByExperiment.forEach((name, runs) -> {
            if (!named.contains(name) && !runs.isEmpty()) {
                experiments.add(new Experiment(null, name, runs));
            }
        });
        return experiments;
    }

    private static Run run(RunFolder folder) {
        return new Run(folder.folder(), folder.experiment(), folder.runId(), folder.status());
    }

    /** The experiment name in a file, or {@code null} if the file is not an experiment. */
    public static String experimentName(Path file) {
        ExperimentFile entry = Files.isRegularFile(file) ? WorkspaceListing.classify(file) : null;
        return entry == null || !entry.valid() ? null : entry.name();
    }

    /** Whether a folder holds a run's files (a run just started may have only its status). */
    public static boolean isRun(Path folder) {
        return WorkspaceListing.isRun(folder);
    }

    /** A run's state with liveness, or {@code unknown}. */
    public static String status(Path run) {
        return WorkspaceListing.status(run);
    }

    /** Sorted children of a folder (only folders if asked); empty if it cannot be listed. */
    static List<Path> children(Path folder, boolean foldersOnly) {
        return WorkspaceListing.children(folder, foldersOnly);
    }
}
