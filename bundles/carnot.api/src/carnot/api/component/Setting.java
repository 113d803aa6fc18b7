package carnot.api.component;

import java.util.List;
import java.util.Objects;

/**
 * One setting of a provider: its key in the experiment file, type, default, description and
 * constraints. Immutable; build with the static factories and the {@code min}/{@code max}/
 * {@code choices} withers.
 *
 * @param key          key in the component's {@code settings} object
 * @param type         value type
 * @param defaultValue value used when the key is absent ({@code null}: the key is required)
 * @param description  one line for listings and the workbench
 * @param min          inclusive (or exclusive, see {@code minExclusive}) lower bound for numbers
 *                     and for every element of an integer list; {@code null} for none
 * @param minExclusive whether {@code min} itself is excluded
 * @param max          inclusive upper bound; {@code null} for none
 * @param choices      allowed values of a {@link SettingType#CHOICE}; empty otherwise
 */
public record Setting(String key, SettingType type, Object defaultValue, String description, Double min,
        boolean minExclusive, Double max, List<String> choices) {

    /**
     * Checks key and type; a {@code null} description becomes empty, choices are copied and an {@code int[]} default becomes a list.
     */
    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        choices = List.copyOf(choices == null ? List.of() : choices);
        if (defaultValue instanceof int[] ints) {
            defaultValue = List.of(java.util.Arrays.stream(ints).boxed().toArray(Integer[]::new));
        }
    }

    /** An integer setting; bound it with {@link #min(double)} and {@link #max(double)}. */
    public static Setting integer(String key, int defaultValue, String description) {
        return new Setting(key, SettingType.INTEGER, defaultValue, description, null, false, null, List.of());
    }

    /**
     * A finite floating-point setting; bound it with {@link #min(double)}, {@link #greaterThan(double)} and {@link #max(double)}.
     */
    public static Setting number(String key, double defaultValue, String description) {
        return new Setting(key, SettingType.NUMBER, defaultValue, description, null, false, null, List.of());
    }

    /** A {@code true}/{@code false} setting. */
    public static Setting bool(String key, boolean defaultValue, String description) {
        return new Setting(key, SettingType.BOOLEAN, defaultValue, description, null, false, null, List.of());
    }

    /** A free-text setting (a file name, a label). */
    public static Setting text(String key, String defaultValue, String description) {
        return new Setting(key, SettingType.TEXT, defaultValue, description, null, false, null, List.of());
    }

    /** A setting whose value is one of {@code choices}; the default should be one of them. */
    public static Setting choice(String key, String defaultValue, String description, String... choices) {
        return new Setting(key, SettingType.CHOICE, defaultValue, description, null, false, null, List.of(choices));
    }

    /**
     * A list of integers (layer widths, example indices); {@link #min(double)} and {@link #max(double)} bound every element.
     */
    public static Setting integerList(String key, int[] defaultValue, String description) {
        return new Setting(key, SettingType.INTEGER_LIST, defaultValue, description, null, false, null, List.of());
    }

    /** This setting with an inclusive lower bound. */
    public Setting min(double bound) {
        return new Setting(key, type, defaultValue, description, bound, false, max, choices);
    }

    /** This setting with an exclusive lower bound (for example a learning rate > 0). */
    public Setting greaterThan(double bound) {
        return new Setting(key, type, defaultValue, description, bound, true, max, choices);
    }

    /** This setting with an inclusive upper bound. */
    public Setting max(double bound) {
        return new Setting(key, type, defaultValue, description, min, minExclusive, bound, choices);
    }

    /** Human text of what values are allowed, for messages and listings. */
    public String allowedValues() {
        if (type == SettingType.CHOICE) {
            return "one of " + String.join(", ", choices);
        }
        StringBuilder text = new StringBuilder(type.expectation());
        if (min != null || max != null) {
            text.append(type == SettingType.INTEGER_LIST ? " with every element" : "");
            if (min != null) {
                text.append(minExclusive ? " > " : " >= ").append(format(min));
            }
            if (max != null) {
                text.append(min != null ? " and" : "").append(" <= ").append(format(max));
            }
        }
        return text.toString();
    }

    private String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
    }
}
