package carnot.ui.internal.explorer;

import carnot.api.experiment.ExperimentSpec;
import carnot.workspace.AtomicFiles;
import carnot.workspace.Workspace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/**
 * Duplicate, rename and delete experiments and runs: the explorer's file operations. Every path
 * is checked to stay inside the workspace ({@link Workspace#inside}), and new names must be
 * experiment names ({@link ExperimentSpec#NAME}), so no operation writes or deletes outside it.
 * Saving an experiment through these operations re-writes its JSON (comments are not kept).
 */
public final class WorkspaceOperations {

    /** Run folder names: like experiment names (they are folder names inside the workspace). */
    public static final Pattern RUN_NAME = ExperimentSpec.NAME;

    private static final ObjectMapper JSON = carnot.workspace.ExperimentFiles.mapper();

    private final Workspace workspace;

    public WorkspaceOperations(Path root) {
        this.workspace = new Workspace(root);
    }

    public Path root() {
        return workspace.root();
    }

    /** Why a new experiment name is not allowed, or {@code null} if it is. */
    public static String checkName(String name) {
        if (name == null || !ExperimentSpec.NAME.matcher(name).matches()) {
            return "use 1 to 100 letters, digits, '.', '-' or '_', starting with a letter or digit "
                    + "(the name is also the folder of the experiment's runs)";
        }
        return null;
    }

    /** A name not yet used by a file {@code <name>.json} next to {@code file}: {@code base-copy}, {@code base-copy2}, ... */
    public static String freeName(Path folder, String base) {
        String candidate = base + "-copy";
        for (int i = 2; Files.exists(folder.resolve(candidate + ".json")) || Files.exists(folder.resolve(candidate)); i++) {
            candidate = base + "-copy" + i;
        }
        return candidate;
    }

    /**
     * Copies an experiment file to {@code <newName>.json} in the same folder, with its name set to
     * {@code newName}.
     *
     * @return the new file
     */
    public Path duplicateExperiment(Path file, String newName) throws IOException {
        requireName(newName);
        Path source = workspace.inside(file);
        Path target = workspace.inside(source.resolveSibling(newName + ".json"));
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "choose another name");
        }
        writeWithName(source, target, newName);
        return target;
    }

    /**
     * Renames an experiment: its file becomes {@code <newName>.json} and its {@code name}
     * {@code newName}. Runs already recorded keep their folder (their {@code spec.json} names the
     * old experiment); the explorer then lists them under the old name.
     */
    public Path renameExperiment(Path file, String newName) throws IOException {
        requireName(newName);
        Path source = workspace.inside(file);
        Path target = workspace.inside(source.resolveSibling(newName + ".json"));
        if (!target.equals(source) && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "choose another name");
        }
        writeWithName(source, target, newName);
        if (!target.equals(source)) {
            Files.delete(source);
        }
        return target;
    }

    /** Copies a run folder to a sibling {@code <newName>}. */
    public Path duplicateRun(Path run, String newName) throws IOException {
        requireName(newName);
        Path source = workspace.inside(run);
        Path target = workspace.inside(source.resolveSibling(newName));
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "choose another name");
        }
        copyTree(source, target);
        return target;
    }

    /** Renames a run folder within its experiment folder. */
    public Path renameRun(Path run, String newName) throws IOException {
        requireName(newName);
        Path source = workspace.inside(run);
        Path target = workspace.inside(source.resolveSibling(newName));
        return Files.move(source, target);
    }

    /** Deletes an experiment file (its runs stay). */
    public void deleteExperiment(Path file) throws IOException {
        Files.delete(workspace.inside(file));
    }

    /** Deletes a run folder and everything in it; refuses anything that is not a run folder. */
    public void deleteRun(Path run) throws IOException {
        Path folder = workspace.inside(run);
        if (!folder.startsWith(workspace.runsFolder()) || !WorkspaceTree.isRun(folder)) {
            throw new IOException(folder + " is not a run folder of the workspace " + workspace.root());
        }
        deleteTree(folder);
    }

    private static void requireName(String name) throws IOException {
        String problem = checkName(name);
        if (problem != null) {
            throw new IOException("\"" + name + "\" is not allowed: " + problem);
        }
    }

    /** Writes the file with a new name, changing only the name's value (comments and layout stay). */
    private static void writeWithName(Path source, Path target, String name) throws IOException {
        String text = Files.readString(source);
        JsonNode root = JSON.readTree(text);
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": not an experiment file (one JSON object expected)");
        }
        ((ObjectNode) root).put("name", name);
        AtomicFiles.write(target, carnot.workspace.JsonTextPatch.patch(text, root));
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isSymbolicLink()) {
                    Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
