package carnot.workspace;

import carnot.api.experiment.ExperimentSpec;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A workspace folder: experiment files anywhere in it, runs under
 * {@code runs/<experiment name>/<yyyyMMdd-HHmmss>-seed<seed>/}. Nothing a run writes ever lands
 * outside the workspace: run folder names are built from the validated experiment name only,
 * and every path is checked to stay inside the root.
 */
public final class Workspace {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final java.util.Comparator<Path> BY_NAME = java.util.Comparator.comparing(p -> p.getFileName().toString());

    private final Path root;

    public Workspace(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path runsFolder() {
        return root.resolve("runs");
    }

    /**
     * Creates a fresh, empty run folder for the experiment. The run service is its caller: it
     * decides whether a run continues a folder or gets a new one, and locks it.
     */
    public Path createRunFolder(ExperimentSpec spec) throws IOException {
        Path experimentFolder = WorkspacePaths.createFolders(root, runsFolder().resolve(spec.name()));
        String base = LocalDateTime.now().format(STAMP) + "-seed" + spec.seed();
        for (int attempt = 0; attempt < 1000; attempt++) {
            Path candidate = inside(experimentFolder.resolve(attempt == 0 ? base : base + "-" + attempt));
            try {
                Files.createDirectory(candidate);
                return inside(candidate);
            } catch (FileAlreadyExistsException e) {
                // Two runs of one experiment in the same second: take the next suffix.
            }
        }
        throw new IOException("cannot create a run folder under " + experimentFolder);
    }

    /**
     * The run folders of one experiment, {@code runs/<name>/<run>} with a status or a spec (sweep
     * folders not included), oldest first (by name: the names start with a timestamp).
     */
    public List<Path> runFolders(String experimentName) throws IOException {
        Path experimentFolder = inside(runsFolder().resolve(experimentName));
        if (!Files.isDirectory(experimentFolder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(experimentFolder)) {
            return children.filter(Workspace::isRunFolder).sorted(BY_NAME).toList();
        }
    }

    /** Every run folder in the workspace (sweep points not included), oldest first (by name). */
    public List<Path> runFolders() throws IOException {
        return foldersOfExperiments(Workspace::isRunFolder);
    }

    /** Every sweep folder in the workspace, {@code runs/<name>/sweep-*}, oldest first (by name). */
    public List<Path> sweepFolders() throws IOException {
        return foldersOfExperiments(SweepRecords::isSweepFolder);
    }

    /** The folders {@code runs/<name>/<folder>} that {@code kind} accepts, oldest first (by name). */
    private List<Path> foldersOfExperiments(java.util.function.Predicate<Path> kind) throws IOException {
        List<Path> folders = new ArrayList<>();
        for (Path experiment : experimentFolders()) {
            try (Stream<Path> children = Files.list(experiment)) {
                children.filter(kind).forEach(folders::add);
            }
        }
        folders.sort(BY_NAME);
        return folders;
    }

    private List<Path> experimentFolders() throws IOException {
        if (!Files.isDirectory(runsFolder())) {
            return List.of();
        }
        try (Stream<Path> experiments = Files.list(runsFolder())) {
            return experiments.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static boolean isRunFolder(Path folder) {
        return Files.isDirectory(folder) && !SweepRecords.isSweepFolder(folder)
                && (Files.isRegularFile(folder.resolve(RunRecorder.STATUS))
                        || Files.isRegularFile(folder.resolve(RunRecorder.SPEC)));
    }

    /**
     * Checks, before a run starts, that the workspace can take its results, leaving nothing behind:
     * {@code runs/}, if it exists, lies inside the workspace (links resolved), and 64 KiB can be
     * written there (or in the workspace folder while there is no {@code runs/} yet): a probe file,
     * removed again. Fails with the file and the reason: no space left, read-only, permission.
     */
    public void checkWritable() throws IOException {
        Path folder = Files.exists(runsFolder(), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                ? WorkspacePaths.requireInside(root, runsFolder()) : root;
        Path probe = folder.resolve(".carnot-write-probe");
        try {
            AtomicFiles.write(root, probe, new byte[64 << 10]);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * Resolves {@code path} and refuses anything that escapes the workspace, by name ({@code ..})
     * or through a symbolic link anywhere along it (see {@link WorkspacePaths#requireInside}).
     */
    public Path inside(Path path) throws IOException {
        return WorkspacePaths.requireInside(root, path);
    }
}
