package carnot.analysis.landscape.internal;

import carnot.workspace.RunRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Resolves {@code settings.checkpoint}: a path relative to the workspace that must name a Carnot
 * checkpoint, {@code runs/<name>/<run>/checkpoints/epoch-NNNN.params} of a run folder, and stay in
 * the workspace once links are resolved. An analysis never reads anything else: not
 * {@code ../../etc/shadow}, not a link planted in a run folder. Messages name the setting and the
 * path, never anything read from the file.
 */
final class CheckpointPath {

    /** The property the launcher (and {@code carnot run --workspace}) sets to the workspace folder. */
    static final String WORKSPACE_PROPERTY = "carnot.workspace";

    private static final Pattern NAME = Pattern.compile("epoch-\\d{4,9}\\.params");

    private CheckpointPath() {
    }

    static Path workspace() {
        String property = System.getProperty(WORKSPACE_PROPERTY);
        return Path.of(property == null || property.isBlank() ? System.getProperty("user.dir") : property)
                .toAbsolutePath().normalize();
    }

    /**
     * @throws IllegalArgumentException naming {@code settings.checkpoint} and why the path is refused
     */
    static Path resolve(Path workspace, String setting) {
        Path given = Path.of(setting);
        Path path = workspace.resolve(given).normalize();
        String rule = "; settings.checkpoint names a checkpoint of a run in the workspace " + workspace
                + ", relative to it: runs/<name>/<run>/checkpoints/epoch-NNNN.params";
        if (!path.startsWith(workspace)) {
            throw new IllegalArgumentException("settings.checkpoint: " + setting + " is outside the workspace" + rule);
        }
        Path parent = path.getParent();
        if (!NAME.matcher(path.getFileName().toString()).matches() || parent == null
                || !parent.getFileName().toString().equals("checkpoints")) {
            throw new IllegalArgumentException("settings.checkpoint: " + setting + " is not a Carnot checkpoint file"
                    + rule);
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("settings.checkpoint: " + setting + (Files.isSymbolicLink(path)
                    ? " is a symbolic link; checkpoints are read only as the files a run wrote" : ": no such checkpoint")
                    + rule);
        }
        Path run = parent.getParent();
        if (!Files.isRegularFile(run.resolve(RunRecorder.SPEC)) || !Files.isRegularFile(run.resolve(RunRecorder.STATUS))) {
            throw new IllegalArgumentException("settings.checkpoint: " + setting + " is not in a run folder (" + run
                    + " has no " + RunRecorder.SPEC + " and " + RunRecorder.STATUS + ")" + rule);
        }
        try {
            Path real = path.toRealPath();
            if (!real.startsWith(workspace.toRealPath())) {
                throw new IllegalArgumentException("settings.checkpoint: " + setting + " leads to " + real
                        + " through a symbolic link, outside the workspace" + rule);
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("settings.checkpoint: " + setting + " cannot be resolved ("
                    + e.getClass().getSimpleName() + ")" + rule, e);
        }
    }
}
