package carnot.workspace;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Containment of paths in a workspace, symbolic links included: a path is inside when the real
 * path ({@link Path#toRealPath()}) of its deepest existing ancestor lies under the real path of the
 * workspace root. A lexical check alone ({@code normalize().startsWith}) is not enough: a link
 * planted as {@code runs/x -> /elsewhere} keeps the name inside and sends every byte outside.
 */
public final class WorkspacePaths {

    private WorkspacePaths() {
    }

    /** A path that resolves outside the workspace (through a link or {@code ..}). */
    public static final class OutsideException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        OutsideException(Path path, String reason) {
            super(path.toString(), null, reason);
        }
    }

    /**
     * Checks that {@code path} (which need not exist yet) stays inside {@code root} once every link
     * of its existing part is resolved.
     *
     * @return {@code path} made absolute and normalized
     * @throws OutsideException naming the path, where it leads and the workspace
     */
    public static Path requireInside(Path root, Path path) throws IOException {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        Path normalized = path.toAbsolutePath().normalize();
        if (!normalized.startsWith(absoluteRoot)) {
            throw new OutsideException(path, "outside the workspace " + absoluteRoot
                    + "; Carnot reads and writes nothing outside its workspace");
        }
        Path realRoot = Files.exists(absoluteRoot) ? absoluteRoot.toRealPath() : absoluteRoot;
        Path existing = normalized;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.startsWith(absoluteRoot)) {
            return normalized; // nothing of the workspace exists yet
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            // A dangling link: it would create its target wherever it points.
            throw new OutsideException(path, existing + " is a symbolic link to a missing target; Carnot does not "
                    + "write through links");
        }
        if (!real.startsWith(realRoot)) {
            throw new OutsideException(path, "leads to " + real + " through a symbolic link, outside the workspace "
                    + realRoot + "; Carnot writes and deletes nothing outside its workspace");
        }
        return normalized;
    }

    /**
     * Creates {@code folder} and its missing parents one at a time, each checked to stay inside
     * {@code root}, so that a link planted between two steps cannot redirect the rest.
     */
    public static Path createFolders(Path root, Path folder) throws IOException {
        Path target = requireInside(root, folder);
        Path absoluteRoot = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absoluteRoot)) {
            // A confinement that does not exist yet (a report's -o folder): created as given.
            Files.createDirectories(absoluteRoot);
        }
        Path current = absoluteRoot;
        for (Path name : absoluteRoot.relativize(target)) {
            current = current.resolve(name);
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isSymbolicLink(current)) {
                    requireInside(root, current);
                    if (!Files.isDirectory(current)) {
                        throw new FileSystemException(current.toString(), null, "a link to something that is not a folder");
                    }
                } else {
                    try {
                        Files.createDirectory(current);
                    } catch (java.nio.file.FileAlreadyExistsException e) {
                        if (!Files.isDirectory(current)) {
                            throw new FileSystemException(current.toString(), null, "exists and is not a folder");
                        }
                    }
                }
            }
        }
        requireInside(root, target);
        return target;
    }

    /**
     * The workspace a run folder belongs to: the parent of its nearest ancestor named {@code runs}
     * (run folders live under {@code <workspace>/runs/}); a folder outside any {@code runs} tree is
     * its own confinement.
     */
    public static Path workspaceOf(Path runFolder) {
        Path absolute = runFolder.toAbsolutePath().normalize();
        for (Path p = absolute.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
            if (p.getFileName().toString().equals("runs")) {
                return p.getParent();
            }
        }
        return absolute;
    }

    /** A short description of an I/O failure: the file and the operating system's reason. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile();
            String reason = fs.getReason();
            if (e instanceof java.nio.file.NoSuchFileException) {
                reason = "no such file or folder";
            } else if (e instanceof java.nio.file.AccessDeniedException) {
                reason = reason == null ? "permission denied" : reason;
            } else if (e instanceof java.nio.file.FileAlreadyExistsException) {
                reason = reason == null ? "already exists" : reason;
            }
            return (file == null ? "" : file + ": ") + (reason == null ? e.getClass().getSimpleName() : reason);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
