package carnot.integration.tests;

import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import java.util.Hashtable;
import org.osgi.framework.ServiceRegistration;

/** Test doubles registered as analysis services for the length of a test. */
final class TestAnalyses {

    private TestAnalyses() {
    }

    /** Registers {@code analysis} under {@code id}; unregister it in a finally block. */
    static ServiceRegistration<AnalysisProvider> register(String id, Analysis analysis) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Provider.ID, id);
        return Osgi.context().registerService(AnalysisProvider.class, provider(id, analysis), properties);
    }

    /** A provider titled {@code title} with no settings whose analysis is {@code analysis}. */
    static AnalysisProvider provider(String title, Analysis analysis) {
        return new AnalysisProvider() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public String description() {
                return "test double";
            }

            @Override
            public SettingsSchema settingsSchema() {
                return SettingsSchema.empty();
            }

            @Override
            public Analysis create(Settings settings) {
                return analysis;
            }
        };
    }
}
