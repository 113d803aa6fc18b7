package carnot.api.experiment;

import java.util.Map;
import java.util.Objects;

/**
 * One component of an experiment as written in the file: a provider id and its raw settings
 * (JSON values: numbers, booleans, strings, lists). Validated against the provider's schema
 * when the run is prepared.
 */
public record ComponentSpec(String id, Map<String, Object> settings) {

    /** Copies the settings, keeping their order; {@code null} settings mean none. */
    public ComponentSpec {
        Objects.requireNonNull(id, "id");
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    /** The component {@code id} with all its settings at their defaults. */
    public static ComponentSpec of(String id) {
        return new ComponentSpec(id, Map.of());
    }
}
