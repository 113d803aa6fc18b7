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

    /** Creates a fresh, empty run folder for the experiment. */
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
     * The newest run folder of this resolved experiment that did not complete, has a resume state
     * and is not in use by a live process: where {@code carnot run} continues instead of starting over.
     */
    public java.util.Optional<Path> unfinishedRun(ExperimentSpec resolved) throws IOException {
        Path experimentFolder = inside(runsFolder().resolve(resolved.name()));
        if (!Files.isDirectory(experimentFolder)) {
            return java.util.Optional.empty();
        }
        List<Path> candidates;
        try (Stream<Path> children = Files.list(experimentFolder)) {
            candidates = children.filter(p -> !p.getFileName().toString().startsWith("sweep-"))
                    .filter(p -> Files.isRegularFile(p.resolve(RunRecorder.RESUME))
                            && Files.isRegularFile(p.resolve(RunRecorder.STATUS)))
                    .sorted(java.util.Comparator.reverseOrder()).toList();
        }
        for (Path candidate : candidates) {
            if (!RunRecords.status(candidate).completed() && FolderLock.liveHolder(candidate).isEmpty()
                    && RunRecords.sameSpec(candidate, resolved)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    /** Every run folder in the workspace, oldest first (by name: the names start with a timestamp). */
    public List<Path> runFolders() throws IOException {
        List<Path> runs = new ArrayList<>();
        if (!Files.isDirectory(runsFolder())) {
            return runs;
        }
        try (Stream<Path> experiments = Files.list(runsFolder())) {
            for (Path experiment : experiments.filter(Files::isDirectory).toList()) {
                try (Stream<Path> children = Files.list(experiment)) {
                    children.filter(p -> Files.isRegularFile(p.resolve(RunRecorder.STATUS))).forEach(runs::add);
                }
            }
        }
        runs.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return runs;
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
