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

    public int getInt(String key) {
        return (Integer) get(key);
    }

    public double getDouble(String key) {
        return (Double) get(key);
    }

    public boolean getBoolean(String key) {
        return (Boolean) get(key);
    }

    public String getString(String key) {
        return (String) get(key);
    }

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
