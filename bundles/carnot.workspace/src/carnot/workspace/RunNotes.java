package carnot.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A researcher's notes and tags on a run, kept in the run folder as {@code notes.json}
 * ({@code {"notes": "...", "tags": ["baseline", "lr-sweep"]}}), as MLflow keeps a run's tags and
 * description with the run. Written atomically, only into a run folder inside the workspace (the
 * folder's real path, symlinks resolved, must lie inside the workspace's), never by the training
 * itself: a run being written can be annotated.
 */
public final class RunNotes {

    /** The file in the run folder. */
    public static final String FILE = "notes.json";
    /** What a tag may be: short, no spaces or commas (tags are listed comma-separated). */
    public static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}._+:/-]{1,40}");
    /** Longest note kept. */
    public static final int MAX_NOTES = 100_000;

    /** Notes (free text) and tags (in the order given, without repeats). */
    public record Notes(String text, List<String> tags) {
        public static final Notes NONE = new Notes("", List.of());

        public Notes {
            text = text == null ? "" : text;
            tags = List.copyOf(new LinkedHashSet<>(tags));
        }

        public boolean isEmpty() {
            return text.isBlank() && tags.isEmpty();
        }
    }

    private RunNotes() {
    }

    /** The run's notes and tags; {@link Notes#NONE} when there are none or they cannot be read. */
    public static Notes read(Path runFolder) {
        Path file = runFolder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Notes.NONE;
        }
        try {
            JsonNode node = ExperimentFiles.MAPPER.readTree(file.toFile());
            List<String> tags = new ArrayList<>();
            node.path("tags").forEach(tag -> {
                if (tag.isTextual()) {
                    tags.add(tag.textValue());
                }
            });
            return new Notes(node.path("notes").asText(""), tags);
        } catch (IOException | RuntimeException e) {
            return Notes.NONE;
        }
    }

    /**
     * Parses tags typed as a comma- or space-separated list.
     *
     * @throws IllegalArgumentException naming the first tag that is not allowed
     */
    public static List<String> parseTags(String text) {
        List<String> tags = new ArrayList<>();
        for (String piece : text.split("[,\\s]+")) {
            if (piece.isEmpty()) {
                continue;
            }
            if (!TAG.matcher(piece).matches()) {
                throw new IllegalArgumentException("tag \"" + piece + "\": up to 40 letters, digits and . _ + : / -");
            }
            tags.add(piece);
        }
        return tags;
    }

    /**
     * Writes the run's notes and tags ({@link Notes#isEmpty() nothing} removes the file).
     *
     * @param workspace the workspace root: the run folder must be inside it, symlinks resolved
     * @throws IOException naming the folder when it is not a run folder inside the workspace, or
     *                     the write failed
     */
    public static void write(Path workspace, Path runFolder, Notes notes) throws IOException {
        Path root = workspace.toRealPath();
        if (!Files.isDirectory(runFolder) || !WorkspaceListing.isRun(runFolder)) {
            throw new IOException(runFolder + " is not a run folder (no " + RunRecorder.STATUS + " or "
                    + RunRecorder.METRICS_JSONL + "): notes are kept only with runs");
        }
        Path real = runFolder.toRealPath();
        if (!real.startsWith(root)) {
            throw new IOException(runFolder + " is outside the workspace " + root + ": notes are not written there");
        }
        if (notes.text().length() > MAX_NOTES) {
            throw new IOException("notes of " + runFolder + ": " + notes.text().length() + " characters, at most "
                    + MAX_NOTES);
        }
        for (String tag : notes.tags()) {
            if (!TAG.matcher(tag).matches()) {
                throw new IOException("tag \"" + tag + "\" of " + runFolder + ": up to 40 letters, digits and . _ + : / -");
            }
        }
        Path file = real.resolve(FILE);
        if (notes.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        ObjectNode node = ExperimentFiles.MAPPER.createObjectNode();
        node.put("notes", notes.text());
        node.putArray("tags").addAll(notes.tags().stream().map(ExperimentFiles.MAPPER.getNodeFactory()::textNode).toList());
        AtomicFiles.write(file, ExperimentFiles.MAPPER.writeValueAsString(node) + "\n");
    }
}
