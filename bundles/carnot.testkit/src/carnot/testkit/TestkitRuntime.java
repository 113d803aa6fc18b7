package carnot.testkit;

import carnot.api.analysis.AnalysisProvider;
import carnot.api.autograd.AutogradFactory;
import carnot.api.component.ComponentRegistry;
import carnot.api.experiment.CheckpointAnalyzer;
import carnot.api.experiment.ExperimentRunner;

/**
 * The engine the testkit trains its tiny model with: the running Carnot's services inside OSGi, or
 * the same classes wired by hand in a plain JVM (a Maven project's unit tests).
 */
interface TestkitRuntime {

    ComponentRegistry registry();

    ExperimentRunner runner();

    CheckpointAnalyzer analyzer();

    AutogradFactory autograd();

    /** Makes the provider findable under {@code id} until the returned handle is closed. */
    AutoCloseable register(AnalysisProvider provider, String id);

    /** Inside OSGi when the testkit bundle has a bundle context, else standalone. */
    static TestkitRuntime start() throws Exception {
        return OsgiTestkitRuntime.available() ? OsgiTestkitRuntime.start() : StandaloneTestkitRuntime.start();
    }
}
