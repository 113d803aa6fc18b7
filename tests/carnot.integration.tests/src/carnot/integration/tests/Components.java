package carnot.integration.tests;

import ai.djl.engine.Engine;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.engine.internal.DjlRuntime;
import java.util.Map;

/** Providers found by id through the real DS registry, their settings, and the engine. */
final class Components {

    private Components() {
    }

    static <P extends Provider> P provider(ComponentKind kind, String id, Class<P> type) {
        return Osgi.service(ComponentRegistry.class).find(kind, id, type).orElseThrow();
    }

    static Settings settings(Provider provider, Map<String, Object> raw) {
        return provider.settingsSchema().validate(raw, "test");
    }

    static Engine engine() {
        return Osgi.service(DjlRuntime.class).engine();
    }
}
