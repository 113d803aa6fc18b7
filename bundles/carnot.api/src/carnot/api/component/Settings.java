package carnot.api.component;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Validated, typed settings of one component, produced by {@link SettingsSchema#validate}.
 * Every key of the schema is present (defaults filled in). Immutable.
 */
public final class Settings {

    private final Map<String, Object> values;

    Settings(Map<String, Object> values) {
        this.values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /**
     * The integer setting {@code key}.
     *
     * @throws java.util.NoSuchElementException when the schema has no such key
     * @throws ClassCastException when the setting is not an integer
     */
    public int getInt(String key) {
        return (Integer) get(key);
    }

    /**
     * The number setting {@code key}.
     *
     * @throws java.util.NoSuchElementException when the schema has no such key
     * @throws ClassCastException when the setting is not a number
     */
    public double getDouble(String key) {
        return (Double) get(key);
    }

    /**
     * The boolean setting {@code key}.
     *
     * @throws java.util.NoSuchElementException when the schema has no such key
     * @throws ClassCastException when the setting is not a boolean
     */
    public boolean getBoolean(String key) {
        return (Boolean) get(key);
    }

    /**
     * The text or choice setting {@code key}.
     *
     * @throws java.util.NoSuchElementException when the schema has no such key
     * @throws ClassCastException when the setting is not text
     */
    public String getString(String key) {
        return (String) get(key);
    }

    /**
     * The integer-list setting {@code key}, as a new array.
     *
     * @throws java.util.NoSuchElementException when the schema has no such key
     * @throws ClassCastException when the setting is not an integer list
     */
    @SuppressWarnings("unchecked")
    public int[] getIntList(String key) {
        return ((List<Integer>) get(key)).stream().mapToInt(Integer::intValue).toArray();
    }

    /** All values in schema order, as JSON-ready objects (for the run's spec snapshot). */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object get(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new NoSuchElementException("no setting '" + key + "'; known: " + values.keySet());
        }
        return value;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
