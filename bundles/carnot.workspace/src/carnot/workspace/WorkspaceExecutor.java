package carnot.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's default executor, {@value #FILE} ({@code {"id": "local", "settings":
 * {"parallel": 2}}}): what {@code carnot run} and the workbench use when no executor is named. The
 * run service reads and checks it; front ends write it here (the workbench's Preferences) and ask
 * which id it names.
 */
public final class WorkspaceExecutor {

    /** The default executor's file, relative to the workspace root. */
    public static final String FILE = ".carnot/executor.json";

    private WorkspaceExecutor() {
    }

    /** The id the workspace's default names, if it has one that can be read. */
    public static Optional<String> id(Path workspace) {
        Path file = workspace.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Object id = ExperimentFiles.parseSettings(Files.readString(file), file.toString()).get("id");
            return id instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
        } catch (ExperimentFileException | IOException e) {
            return Optional.empty();
        }
    }

    /** Makes an executor with raw settings the workspace's default (atomically, inside the workspace). */
    public static void write(Path workspace, String id, Map<String, Object> settings) throws IOException {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an executor id is required");
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("id", id);
        content.put("settings", settings == null ? Map.of() : settings);
        AtomicFiles.write(workspace, workspace.resolve(FILE),
                ExperimentFiles.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(content) + "\n");
    }

    /** Removes the workspace's default: runs then use {@code in-process} unless they name an executor. */
    public static void clear(Path workspace) throws IOException {
        Path file = workspace.resolve(FILE);
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + ": a symbolic link; not removed (Carnot deletes nothing outside the workspace)");
        }
        Files.deleteIfExists(file);
    }
}
