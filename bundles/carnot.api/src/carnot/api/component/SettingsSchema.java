package carnot.api.component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings a provider accepts, in declaration order. {@link #validate(Map, String)} turns
 * the raw values of an experiment file into typed {@link Settings}, filling in defaults and
 * rejecting unknown keys, wrong types and out-of-range values with messages that name the
 * field and the allowed values.
 */
public final class SettingsSchema {

    private static final SettingsSchema EMPTY = new SettingsSchema(List.of());

    private final List<Setting> settings;

    private SettingsSchema(List<Setting> settings) {
        this.settings = List.copyOf(settings);
    }

    /** The schema of these settings, in this order. */
    public static SettingsSchema of(Setting... settings) {
        return settings.length == 0 ? EMPTY : new SettingsSchema(List.of(settings));
    }

    /** The schema of a component without settings: every key is refused. */
    public static SettingsSchema empty() {
        return EMPTY;
    }

    /** The settings in declaration order; unmodifiable. */
    public List<Setting> settings() {
        return settings;
    }

    /**
     * Validates raw values (as parsed from JSON: numbers, booleans, strings, lists) against this
     * schema. Raw values are not modified.
     *
     * @param raw   the component's settings object; {@code null} means empty
     * @param where dotted path of that object, used in messages, e.g. {@code "model.settings"}
     * @return the typed settings, with defaults for absent keys
     * @throws InvalidSettingsException naming the first offending field
     */
    public Settings validate(Map<String, ?> raw, String where) {
        Map<String, ?> given = raw == null ? Map.of() : raw;
        Map<String, Setting> byKey = new LinkedHashMap<>();
        settings.forEach(s -> byKey.put(s.key(), s));
        for (String key : given.keySet()) {
            if (!byKey.containsKey(key)) {
                throw new InvalidSettingsException(where + "." + key, "unknown setting; allowed keys: "
                        + (byKey.isEmpty() ? "(none)" : String.join(", ", byKey.keySet())));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting s : settings) {
            String field = where + "." + s.key();
            Object value = given.containsKey(s.key()) ? given.get(s.key()) : s.defaultValue();
            if (value == null) {
                throw new InvalidSettingsException(field, "required; expected " + s.allowedValues());
            }
            values.put(s.key(), coerce(s, value, field));
        }
        return new Settings(values);
    }

    private static Object coerce(Setting s, Object value, String field) {
        switch (s.type()) {
            case INTEGER: {
                long v = integral(value, s, field);
                checkRange(s, v, field, value);
                checkInt(s, v, field, value);
                return (int) v;
            }
            case NUMBER: {
                if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw bad(s, field, value);
                }
                checkRange(s, n.doubleValue(), field, value);
                return n.doubleValue();
            }
            case BOOLEAN:
                if (!(value instanceof Boolean)) {
                    throw bad(s, field, value);
                }
                return value;
            case TEXT:
                if (!(value instanceof String)) {
                    throw bad(s, field, value);
                }
                return value;
            case CHOICE:
                if (!(value instanceof String str) || !s.choices().contains(str)) {
                    throw bad(s, field, value);
                }
                return value;
            case INTEGER_LIST: {
                if (!(value instanceof List<?> list)) {
                    throw bad(s, field, value);
                }
                List<Integer> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    long v = integral(list.get(i), s, field + "[" + i + "]");
                    checkRange(s, v, field + "[" + i + "]", list.get(i));
                    checkInt(s, v, field + "[" + i + "]", list.get(i));
                    out.add((int) v);
                }
                return Collections.unmodifiableList(out);
            }
            default:
                throw new IllegalStateException(s.type().toString());
        }
    }

    private static long integral(Object value, Setting s, String field) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 1e15) {
            return (long) n.doubleValue();
        }
        throw bad(s, field, value);
    }

    private static void checkRange(Setting s, double v, String field, Object value) {
        boolean tooLow = s.min() != null && (s.minExclusive() ? v <= s.min() : v < s.min());
        boolean tooHigh = s.max() != null && v > s.max();
        if (tooLow || tooHigh) {
            throw bad(s, field, value);
        }
    }

    /** Integer settings are Java ints: a value past 2^31-1 would wrap around, so it is refused with the bound. */
    private static void checkInt(Setting s, long v, String field, Object value) {
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new InvalidSettingsException(field, "expected " + s.allowedValues() + ", at most "
                    + Integer.MAX_VALUE + " (2^31-1), got " + describe(value));
        }
    }

    private static InvalidSettingsException bad(Setting s, String field, Object value) {
        return new InvalidSettingsException(field, "expected " + s.allowedValues() + ", got " + describe(value));
    }

    /** The value as given, cut to a readable length: a message never echoes a huge value whole. */
    private static String describe(Object value) {
        if (value instanceof java.util.Collection<?> c && c.size() > 20) {
            return "a list of " + c.size() + " values";
        }
        if (value instanceof java.util.Map<?, ?> m && m.size() > 20) {
            return "an object of " + m.size() + " keys";
        }
        String text = value instanceof String ? "\"" + value + "\"" : Objects.toString(value);
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }
}
