package carnot.api.component;

import java.util.List;
import java.util.Optional;

/**
 * The providers installed right now, found through Declarative Services. Bundles come and go
 * at run time (hot deployment), so callers look providers up when they need them and listen
 * for changes rather than caching.
 */
public interface ComponentRegistry {

    /** All installed providers, sorted by kind then id. */
    List<ComponentDescriptor> components();

    /** The provider of a kind with an id, if installed. */
    <P extends Provider> Optional<P> find(ComponentKind kind, String id, Class<P> type);

    /** Descriptor of an installed provider, if any. */
    Optional<ComponentDescriptor> describe(ComponentKind kind, String id);

    /** Ids installed for a kind, sorted; used in "unknown id" messages. */
    List<String> ids(ComponentKind kind);

    /**
     * One warning per id that more than one bundle provides: which bundles (with their files) and
     * which one is used (the highest bundle version, then the newest). Empty when every id is unique.
     */
    default List<String> duplicates() {
        return List.of();
    }

    /** Registers a callback run (on an arbitrary thread) whenever a provider appears or leaves. */
    void addChangeListener(Runnable listener);

    /** Unregisters a callback of {@link #addChangeListener(Runnable)}; unknown callbacks are ignored. */
    void removeChangeListener(Runnable listener);
}
