package carnot.ui.internal.editor;

import carnot.api.component.Setting;
import carnot.api.component.SettingType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Between what a form field shows and what the experiment file holds. Text that does not parse as
 * the setting's type is stored as a string, so the schema's validation reports it in its own words
 * ("expected an integer, got \"abc\"") instead of the form silently dropping it.
 */
public final class SettingValues {

    private SettingValues() {
    }

    /** The JSON value for a field's text; {@code null} for blank text (the key is removed: default). */
    public static JsonNode parse(Setting setting, String text) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            return null;
        }
        switch (setting.type()) {
            case INTEGER:
                return integer(value);
            case NUMBER:
                try {
                    return json.numberNode(Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    return json.textNode(value);
                }
            case BOOLEAN:
                return "true".equals(value) || "false".equals(value) ? json.booleanNode(Boolean.parseBoolean(value))
                        : json.textNode(value);
            case INTEGER_LIST: {
                String inner = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
                ArrayNode list = json.arrayNode();
                for (String token : inner.split("[,\\s]+")) {
                    if (!token.isEmpty()) {
                        list.add(integer(token));
                    }
                }
                return list;
            }
            default:
                return json.textNode(value);
        }
    }

    private static JsonNode integer(String token) {
        try {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(token));
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.textNode(token);
        }
    }

    /** The text a field shows for a stored value; empty for none. */
    public static String format(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return String.join(", ", items);
        }
        return value.asText();
    }

    /** The default as a field hint, e.g. {@code 512, 256} or {@code (required)}. */
    public static String formatDefault(Setting setting) {
        Object value = setting.defaultValue();
        if (value == null) {
            return "(required)";
        }
        if ("".equals(value)) {
            return "(empty)";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "[] (none)" : String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /** Whether a setting is edited with a drop-down (fixed values) rather than a text field. */
    public static boolean isChoice(Setting setting) {
        return setting.type() == SettingType.CHOICE || setting.type() == SettingType.BOOLEAN;
    }

    /** The values of a drop-down, without the leading "default" entry. */
    public static List<String> choices(Setting setting) {
        return setting.type() == SettingType.BOOLEAN ? List.of("true", "false") : setting.choices();
    }
}
