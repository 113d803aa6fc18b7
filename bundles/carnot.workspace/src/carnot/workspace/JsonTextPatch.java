package carnot.workspace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites JSON text so that it holds a new tree while keeping everything the tree does not hold:
 * {@code //} and {@code /* *}{@code /} comments, the order of keys, the layout of every value that
 * did not change. Only the values that differ are replaced, members and elements that went are cut
 * out with their separator, and new ones are appended in the style of their siblings. This is what
 * an editor's form does to a hand-written experiment file, and what {@code carnot migrate} does to
 * an old one; re-serializing the tree would drop the comments that explain it.
 *
 * <p>The old text is parsed with Jackson's streaming parser, which reports each token's character
 * offset; comments are skipped by the parser and therefore stay untouched between the offsets.
 */
public final class JsonTextPatch {

    private static final ObjectMapper JSON = ExperimentFiles.MAPPER;

    /** Where a value is in the text: {@code [start, end)}, and its members or elements. */
    private static final class Span {
        final int start;
        int end;
        /** Object members by key: the offset of the key's opening quote and the value's span. */
        final Map<String, Member> members = new LinkedHashMap<>();
        final List<Span> elements = new ArrayList<>();

        Span(int start) {
            this.start = start;
        }
    }

    private record Member(int nameStart, Span value) {
    }

    private record Edit(int start, int end, String replacement) {
    }

    private final String text;
    private final List<Edit> edits = new ArrayList<>();

    private JsonTextPatch(String text) {
        this.text = text;
    }

    /**
     * The text rewritten to hold {@code updated}.
     *
     * @param text    JSON text (comments allowed), not modified
     * @param updated the tree the result must parse to
     * @return the patched text; {@code text} itself when nothing changed; a fresh pretty-printed
     *         document when {@code text} does not parse (there is nothing to keep)
     */
    public static String patch(String text, JsonNode updated) {
        JsonNode old;
        Span root;
        try {
            old = JSON.readTree(text);
            root = index(text);
        } catch (IOException e) {
            return write(updated, "") + "\n";
        }
        if (old == null || root == null) {
            return write(updated, "") + "\n";
        }
        JsonTextPatch patch = new JsonTextPatch(text);
        patch.diff(old, root, updated);
        return patch.apply();
    }

    private String apply() {
        StringBuilder result = new StringBuilder(text);
        edits.sort(Comparator.comparingInt(Edit::start).reversed());
        for (Edit edit : edits) {
            result.replace(edit.start(), edit.end(), edit.replacement());
        }
        return result.toString();
    }

    private void diff(JsonNode old, Span span, JsonNode updated) {
        if (old.equals(updated)) {
            return;
        }
        if (old.isObject() && updated.isObject() && old.size() > 0) {
            diffObject(old, span, updated);
        } else if (old.isArray() && updated.isArray() && old.size() > 0) {
            diffArray(old, span, updated);
        } else {
            edits.add(new Edit(span.start, span.end, write(updated, indentAt(span.start))));
        }
    }

    private void diffObject(JsonNode old, Span span, JsonNode updated) {
        List<String> keys = new ArrayList<>(span.members.keySet());
        if (keys.stream().noneMatch(updated::has)) {
            edits.add(new Edit(span.start, span.end, write(updated, indentAt(span.start))));
            return;
        }
        List<Integer> starts = span.members.values().stream().map(Member::nameStart).toList();
        List<Integer> ends = span.members.values().stream().map(m -> m.value().end).toList();
        boolean[] removed = new boolean[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            removed[i] = !updated.has(keys.get(i));
            if (!removed[i]) {
                diff(old.get(keys.get(i)), span.members.get(keys.get(i)).value(), updated.get(keys.get(i)));
            }
        }
        removeRuns(starts, ends, removed);
        int lastKept = keys.size() - 1;
        while (removed[lastKept]) {
            lastKept--;
        }
        String indent = indentAt(starts.get(lastKept));
        String colon = text.substring(firstNameEnd(span), span.members.values().iterator().next().value().start);
        StringBuilder added = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> fields = updated.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!span.members.containsKey(field.getKey())) {
                added.append(',').append(separator(starts, ends, indent));
                added.append(write(JSON.getNodeFactory().textNode(field.getKey()), "")).append(colon)
                        .append(write(field.getValue(), indent));
            }
        }
        if (!added.isEmpty()) {
            edits.add(new Edit(ends.get(lastKept), ends.get(lastKept), added.toString()));
        }
    }

    /** The end of the first member's name (its closing quote + 1), where the colon's text starts. */
    private int firstNameEnd(Span object) {
        int name = object.members.values().iterator().next().nameStart();
        int i = name + 1;
        while (i < text.length() && text.charAt(i) != '"') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private void diffArray(JsonNode old, Span span, JsonNode updated) {
        int n = old.size();
        int m = updated.size();
        if (n == m) {
            for (int i = 0; i < n; i++) {
                diff(old.get(i), span.elements.get(i), updated.get(i));
            }
            return;
        }
        int prefix = 0;
        while (prefix < Math.min(n, m) && old.get(prefix).equals(updated.get(prefix))) {
            prefix++;
        }
        List<Integer> starts = span.elements.stream().map(s -> s.start).toList();
        List<Integer> ends = span.elements.stream().map(s -> s.end).toList();
        boolean[] removed = m < n ? unmatched(old, updated) : null;
        if (removed != null) {
            // The new elements are the old ones with some left out: cut those, keep the rest as written.
            removeRuns(starts, ends, removed);
        } else if (prefix == n) {
            // Elements appended after the last one.
            String indent = indentAt(starts.get(n - 1));
            StringBuilder added = new StringBuilder();
            for (int i = n; i < m; i++) {
                added.append(',').append(separator(starts, ends, indent)).append(write(updated.get(i), indent));
            }
            edits.add(new Edit(ends.get(n - 1), ends.get(n - 1), added.toString()));
        } else {
            edits.add(new Edit(span.start, span.end, write(updated, indentAt(span.start))));
        }
    }

    /**
     * Which old elements are not in the new list, when the new list is the old one with elements
     * left out (matched greedily in order); {@code null} when it is not.
     */
    private static boolean[] unmatched(JsonNode old, JsonNode updated) {
        boolean[] removed = new boolean[old.size()];
        int j = 0;
        for (int i = 0; i < old.size(); i++) {
            if (j < updated.size() && old.get(i).equals(updated.get(j))) {
                j++;
            } else {
                removed[i] = true;
            }
        }
        return j == updated.size() ? removed : null;
    }

    /**
     * Cuts out each run of removed siblings with one separator: up to the next survivor's start
     * when there is one, else from the previous survivor's end (its comma goes).
     */
    private void removeRuns(List<Integer> starts, List<Integer> ends, boolean[] removed) {
        int i = 0;
        while (i < removed.length) {
            if (!removed[i]) {
                i++;
                continue;
            }
            int from = i;
            while (i < removed.length && removed[i]) {
                i++;
            }
            if (i < removed.length) {
                edits.add(new Edit(starts.get(from), starts.get(i), ""));
            } else if (from > 0) {
                edits.add(new Edit(ends.get(from - 1), ends.get(i - 1), ""));
            } else {
                edits.add(new Edit(starts.get(0), ends.get(i - 1), ""));
            }
        }
    }

    /** What separates siblings after the comma: the old text's whitespace, or a new line at the indent. */
    private String separator(List<Integer> starts, List<Integer> ends, String indent) {
        if (starts.size() >= 2) {
            int comma = text.indexOf(',', ends.get(0));
            if (comma >= 0 && comma < starts.get(1) && text.substring(comma + 1, starts.get(1)).isBlank()) {
                return text.substring(comma + 1, starts.get(1));
            }
        }
        int lineStart = text.lastIndexOf('\n', starts.get(0) - 1) + 1;
        boolean ownLine = text.substring(lineStart, starts.get(0)).isBlank();
        return ownLine ? "\n" + indent : " ";
    }

    /** The whitespace that starts the line holding {@code offset}. */
    private String indentAt(int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    /** A value as pretty-printed JSON, every line after the first indented by {@code indent}. */
    private static String write(JsonNode value, String indent) {
        try {
            return JSON.writeValueAsString(value).replace("\n", "\n" + indent);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    /** The spans of every value of the text's one document, or {@code null} for no document. */
    private static Span index(String text) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            JsonToken token = parser.nextToken();
            return token == null ? null : value(parser, text);
        }
    }

    private static Span value(JsonParser parser, String text) throws IOException {
        Span span = new Span((int) parser.currentTokenLocation().getCharOffset());
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                int nameStart = (int) parser.currentTokenLocation().getCharOffset();
                String key = parser.currentName();
                parser.nextToken();
                span.members.put(key, new Member(nameStart, value(parser, text)));
            }
            span.end = (int) parser.currentTokenLocation().getCharOffset() + 1;
        } else if (token == JsonToken.START_ARRAY) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                span.elements.add(value(parser, text));
            }
            span.end = (int) parser.currentTokenLocation().getCharOffset() + 1;
        } else {
            // Scalars: reading the text completes the token, after which the location is its end.
            parser.getText();
            span.end = (int) parser.currentLocation().getCharOffset();
        }
        return span;
    }
}
