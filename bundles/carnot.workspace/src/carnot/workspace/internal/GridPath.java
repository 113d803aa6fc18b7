package carnot.workspace.internal;

import carnot.workspace.ExperimentFileException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sweep axis' JSON path into an experiment file, {@code perturbations[1].settings.probability}:
 * dotted keys with {@code [i]} list indices. Apart from the sweep's grid and seeds so that the path
 * grammar and where a value lands are in one place (the sweep reader and the settings migration
 * both follow paths).
 */
public final class GridPath {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private record Segment(String key, List<Integer> indices) {
    }

    private final List<Segment> segments;

    private GridPath(List<Segment> segments) {
        this.segments = segments;
    }

    /**
     * Parses a path that must start at one of {@code sections}.
     *
     * @param field where the path is written, for messages
     */
    public static GridPath parse(Path file, String field, String text, List<String> sections)
            throws ExperimentFileException {
        List<Segment> segments = new ArrayList<>();
        for (String part : text.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new ExperimentFileException(file, field, "not a JSON path: write keys separated by dots, with "
                        + "[i] for list elements, e.g. \"perturbations[0].settings.probability\"");
            }
            List<Integer> indices = new ArrayList<>();
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                indices.add(Integer.parseInt(index.group(1)));
            }
            segments.add(new Segment(m.group(1), indices));
        }
        if (!sections.contains(segments.get(0).key())) {
            throw new ExperimentFileException(file, field, "a path starts at one of " + String.join(", ", sections)
                    + " (the seed is swept by \"seeds\"; name and format are fixed)");
        }
        return new GridPath(segments);
    }

    /** The path's last key ({@code probability} of {@code perturbations[1].settings.probability}). */
    public String lastKey() {
        return segments.get(segments.size() - 1).key();
    }

    /**
     * The component a {@code ....settings.<key>} path sets a value of: the node the path reaches
     * before {@code settings}, or null when the path is not a setting's or does not exist in
     * {@code root}.
     */
    public JsonNode settingOwner(ObjectNode root) {
        int n = segments.size();
        if (n < 3 || !segments.get(n - 2).key().equals("settings") || !segments.get(n - 2).indices().isEmpty()
                || !segments.get(n - 1).indices().isEmpty()) {
            return null;
        }
        JsonNode node = root;
        for (int s = 0; s < n - 2 && node != null; s++) {
            node = node.get(segments.get(s).key());
            for (int index : segments.get(s).indices()) {
                node = node != null && node.isArray() ? node.get(index) : null;
            }
        }
        return node;
    }

    /** The same path with its last key replaced. */
    public String withLastKey(String key) {
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            text.append(s == 0 ? "" : ".").append(s == segments.size() - 1 ? key : segment.key());
            segment.indices().forEach(i -> text.append('[').append(i).append(']'));
        }
        return text.toString();
    }

    /** Writes {@code value} at this path inside {@code root}, creating absent settings objects. */
    public void set(Path file, String field, ObjectNode root, JsonNode value) throws ExperimentFileException {
        JsonNode parent = root;
        String where = "";
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            boolean last = s == segments.size() - 1 && segment.indices().isEmpty();
            where = where.isEmpty() ? segment.key() : where + "." + segment.key();
            ObjectNode object = (ObjectNode) parent;
            if (last) {
                object.set(segment.key(), value.deepCopy());
                return;
            }
            JsonNode child = object.get(segment.key());
            if (child == null || child.isNull()) {
                if (!segment.key().equals("settings") || !segment.indices().isEmpty()) {
                    throw new ExperimentFileException(file, field, where + " is not in the experiment: a path may "
                            + "only go through keys the file has (and settings, which is created)");
                }
                child = object.putObject(segment.key());
            }
            for (int i = 0; i < segment.indices().size(); i++) {
                int index = segment.indices().get(i);
                if (!child.isArray()) {
                    throw new ExperimentFileException(file, field, where + " is not a list");
                }
                if (index >= child.size()) {
                    throw new ExperimentFileException(file, field, where + "[" + index + "] does not exist: the list has "
                            + child.size() + " element" + (child.size() == 1 ? "" : "s") + " (indices 0 to "
                            + (child.size() - 1) + ")");
                }
                where = where + "[" + index + "]";
                if (s == segments.size() - 1 && i == segment.indices().size() - 1) {
                    ((ArrayNode) child).set(index, value.deepCopy());
                    return;
                }
                JsonNode element = child.get(index);
                if (element.isTextual()) {
                    // A component written as its id alone: expand it so that settings can be set.
                    ObjectNode expanded = JsonNodeFactory.instance.objectNode();
                    expanded.set("id", TextNode.valueOf(element.textValue()));
                    ((ArrayNode) child).set(index, expanded);
                    element = expanded;
                }
                child = element;
            }
            if (child.isTextual() && s + 1 < segments.size()) {
                ObjectNode expanded = JsonNodeFactory.instance.objectNode();
                expanded.set("id", TextNode.valueOf(child.textValue()));
                object.set(segment.key(), expanded);
                child = expanded;
            }
            if (!child.isObject()) {
                throw new ExperimentFileException(file, field, where + " is " + child + ", not an object with keys");
            }
            parent = child;
        }
    }
}
