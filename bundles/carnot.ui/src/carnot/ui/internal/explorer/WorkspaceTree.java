package carnot.ui.internal.explorer;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
 * What the workspace explorer shows, read from the workspace folder: every experiment file
 * (JSON with a {@code name}, a {@code dataset} and a {@code model}) with the runs recorded under
 * {@code runs/<name>/} (a sweep's points, {@code runs/<name>/sweep-<time>/points/<point>/}, are
 * runs named {@code sweep-<time>/<point>}), plus the run groups whose experiment file is not (or no longer) in the
 * workspace. Reading never fails: unreadable files are left out, for the explorer is for
 * choosing, not for checking (the editor and {@code carnot validate} check).
 */
public final class WorkspaceTree {

    /** How deep below the workspace experiment files are looked for. */
    static final int MAX_DEPTH = 3;
    /** Folders of the workspace that never hold experiment files. */
    static final Set<String> SKIPPED = Set.of("runs", "plugins", "target", "node_modules", "bin");

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /**
     * One experiment: its file ({@code null} for runs whose file is gone) and its runs, newest first.
     *
     * @param name experiment name, which is also the folder of its runs
     */
    public record Experiment(Path file, String name, List<Run> runs) {
        public Experiment {
            runs = List.copyOf(runs);
        }

        public String label() {
            return file == null ? name + " (no experiment file)" : name;
        }
    }

    /**
     * One run folder.
     *
     * @param status {@code running}, {@code completed}, {@code failed}, {@code cancelled}, or
     *               {@code unknown} when {@code status.json} cannot be read
     */
    public record Run(Path folder, String experiment, String runId, String status) {
        public String label() {
            return runId + "  [" + status + "]";
        }
    }

    private WorkspaceTree() {
    }

    /** Experiments sorted by name (then file), each with its runs; then run groups without a file. */
    public static List<Experiment> scan(Path workspace) {
        Map<String, List<Run>> runsByExperiment = runs(workspace.resolve("runs"));
        List<Experiment> experiments = new ArrayList<>();
        for (Path file : experimentFiles(workspace)) {
            String name = experimentName(file);
            if (name != null) {
                experiments.add(new Experiment(file, name, runsByExperiment.getOrDefault(name, List.of())));
            }
        }
        experiments.sort(Comparator.comparing(Experiment::name).thenComparing(e -> e.file().toString()));
        Set<String> named = new java.util.HashSet<>();
        experiments.forEach(e -> named.add(e.name()));
        runsByExperiment.forEach((name, runs) -> {
            if (!named.contains(name) && !runs.isEmpty()) {
                experiments.add(new Experiment(null, name, runs));
            }
        });
        return experiments;
    }

    /** The experiment name in a file, or {@code null} if the file is not an experiment. */
    public static String experimentName(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root != null && root.isObject() && root.path("name").isTextual() && root.has("dataset")
                    && root.has("model")) {
                return root.get("name").textValue();
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON, or not readable: not an experiment for the explorer.
        }
        return null;
    }

    /** Whether a folder holds a run's files (a run just started may have only its status). */
    public static boolean isRun(Path folder) {
        return Files.isRegularFile(folder.resolve("status.json")) || Files.isRegularFile(folder.resolve("metrics.jsonl"));
    }

    /** The status written in a run's {@code status.json}, or {@code unknown}. */
    public static String status(Path run) {
        try {
            JsonNode node = JSON.readTree(run.resolve("status.json").toFile());
            return node != null && node.path("status").isTextual() ? node.get("status").textValue() : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Map<String, List<Run>> runs(Path runsFolder) {
        Map<String, List<Run>> byName = new LinkedHashMap<>();
        for (Path experiment : children(runsFolder, true)) {
            List<Run> runs = new ArrayList<>();
            for (Path run : children(experiment, true)) {
                if (Files.isRegularFile(run.resolve("sweep.json"))) {
                    // A sweep (docs/sweeps.md): its points are the runs, sweep-<time>/points/<point>.
                    for (Path point : children(run.resolve("points"), true)) {
                        if (isRun(point)) {
                            runs.add(new Run(point, experiment.getFileName().toString(),
                                    run.getFileName() + "/" + point.getFileName(), status(point)));
                        }
                    }
                } else if (isRun(run)) {
                    runs.add(new Run(run, experiment.getFileName().toString(), run.getFileName().toString(), status(run)));
                }
            }
            runs.sort(Comparator.comparing(Run::runId).reversed());
            byName.put(experiment.getFileName().toString(), runs);
        }
        return byName;
    }

    private static List<Path> experimentFiles(Path workspace) {
        List<Path> files = new ArrayList<>();
        collect(workspace, 0, files);
        return files;
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
    static List<Path> children(Path folder, boolean foldersOnly) {
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
