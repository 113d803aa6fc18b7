package carnot.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a workspace folder holds, for front ends that list it (the workbench's explorer, its
 * Problems view and run table): every experiment or sweep file, valid or not, with what is wrong
 * with it, and every run folder under {@code runs/} with its status. Listing never fails: what
 * cannot be read is reported, not thrown.
 *
 * <p>A JSON file is an experiment file when it is an object with a {@code dataset}, a
 * {@code model} or a {@code sweep}; a file that does not parse counts when it lies in a folder
 * named {@code experiments} or mentions one of those keys, so that a file broken by an edit stays
 * listed (with its problem) instead of vanishing.
 */
public final class WorkspaceListing {

    /** The folder of the workspace that holds the run folders ({@link Workspace#runsFolder()}). */
    public static final String RUNS = "runs";
    /** How deep below the workspace experiment files are looked for. */
    public static final int MAX_DEPTH = 3;
    /** Folders of the workspace that never hold experiment files. */
    public static final Set<String> SKIPPED = Set.of(RUNS, "plugins", "target", "node_modules", "bin");
    /** The folder name that marks JSON files as experiments even when they do not parse. */
    public static final String EXPERIMENTS = "experiments";

    private static final List<String> EXPERIMENT_KEYS = List.of("dataset", "model", Sweeps.SWEEP);

    private WorkspaceListing() {
    }

    /**
     * An experiment or sweep file.
     *
     * @param name    the experiment's {@code name}, or the file name without {@code .json} when it
     *                has none that can be read
     * @param sweep   whether the file holds a sweep
     * @param problem what {@code carnot validate} would reject before loading data (malformed JSON
     *                with line and column, an unknown key, a bad field), or {@code null}
     */
    public record ExperimentFile(Path file, String name, boolean sweep, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    /**
     * A run folder: a single run ({@code runs/<experiment>/<run>}) or a sweep's point
     * ({@code runs/<experiment>/sweep-<time>/points/<point>}, whose id is {@code sweep-<time>/<point>}).
     *
     * @param status the run's state with liveness (see {@link #status}), or {@code unknown} when it cannot be read
     */
    public record RunFolder(Path folder, String experiment, String runId, String status) {
    }

    /** Every experiment or sweep file in the workspace, in path order. */
    public static List<ExperimentFile> experimentFiles(Path workspace) {
        List<Path> files = new ArrayList<>();
        collect(workspace, 0, files);
        List<ExperimentFile> experiments = new ArrayList<>();
        for (Path file : files) {
            ExperimentFile entry = classify(file);
            if (entry != null) {
                experiments.add(entry);
            }
        }
        return experiments;
    }

    /** One JSON file as an experiment file, or {@code null} if it is some other JSON. */
    public static ExperimentFile classify(Path file) {
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return new ExperimentFile(file, stem, false, file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = ExperimentFiles.tree(file, text);
        } catch (ExperimentFileException e) {
            boolean inExperiments = file.getParent() != null && file.getParent().getFileName() != null
                    && EXPERIMENTS.equals(file.getParent().getFileName().toString());
            boolean mentions = EXPERIMENT_KEYS.stream().anyMatch(key -> text.contains("\"" + key + "\""));
            return inExperiments || mentions ? new ExperimentFile(file, stem, false, e.getMessage()) : null;
        }
        if (EXPERIMENT_KEYS.stream().noneMatch(root::has)) {
            return null;
        }
        boolean sweep = root.has(Sweeps.SWEEP);
        String name = root.path("name").isTextual() ? root.get("name").textValue() : stem;
        String problem = null;
        try {
            if (sweep) {
                Sweeps.parse(file, text);
            } else {
                ExperimentFiles.parse(file, text);
            }
        } catch (ExperimentFileException e) {
            problem = e.getMessage();
        } catch (RuntimeException e) {
            problem = file + ": " + e;
        }
        return new ExperimentFile(file, name, sweep, problem);
    }

    /** The run folders under {@code runs/}, by experiment name (folder order), each newest first. */
    public static Map<String, List<RunFolder>> runFolders(Path workspace) {
        Map<String, List<RunFolder>> byName = new LinkedHashMap<>();
        for (Path experiment : children(workspace.resolve(RUNS), true)) {
            String name = experiment.getFileName().toString();
            List<RunFolder> runs = new ArrayList<>();
            for (Path run : children(experiment, true)) {
                if (Files.isRegularFile(run.resolve(SweepRecords.SWEEP))) {
                    for (Path point : children(run.resolve(SweepRecords.POINTS), true)) {
                        if (isRun(point)) {
                            runs.add(new RunFolder(point, name, run.getFileName() + "/" + point.getFileName(), status(point)));
                        }
                    }
                } else if (isRun(run)) {
                    runs.add(new RunFolder(run, name, run.getFileName().toString(), status(run)));
                }
            }
            runs.sort(Comparator.comparing(RunFolder::runId).reversed());
            byName.put(name, runs);
        }
        return byName;
    }

    /** Whether a folder holds a run's files (a run just started may have only its status). */
    public static boolean isRun(Path folder) {
        return Files.isRegularFile(folder.resolve(RunRecorder.STATUS))
                || Files.isRegularFile(folder.resolve(RunRecorder.METRICS_JSONL));
    }

    /** Whether a run folder is a sweep's point ({@code .../sweep-<time>/points/<point>}). */
    public static boolean isSweepPoint(Path folder) {
        Path points = folder.getParent();
        return points != null && points.getFileName() != null
                && SweepRecords.POINTS.equals(points.getFileName().toString()) && points.getParent() != null
                && Files.isRegularFile(points.getParent().resolve(SweepRecords.SWEEP));
    }

    /**
     * A run's state with liveness ({@code running} only while a live process holds its lock,
     * {@code interrupted} when its process died), or {@code unknown} when its status cannot be read.
     */
    public static String status(Path run) {
        try {
            return RunRecords.info(run).state().label();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void collect(Path folder, int depth, List<Path> files) {
        for (Path child : children(folder, false)) {
            String name = child.getFileName().toString();
            if (Files.isDirectory(child)) {
                if (depth + 1 < MAX_DEPTH && !name.startsWith(".") && !SKIPPED.contains(name)) {
                    collect(child, depth + 1, files);
                }
            } else if (name.endsWith(".json") && !name.startsWith(".")) {
                files.add(child);
            }
        }
    }

    /** Sorted children of a folder (only folders if asked); empty if it cannot be listed. */
    public static List<Path> children(Path folder, boolean foldersOnly) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> !foldersOnly || Files.isDirectory(p)).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
