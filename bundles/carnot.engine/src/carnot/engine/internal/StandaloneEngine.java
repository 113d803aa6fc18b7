package carnot.engine.internal;

import carnot.api.autograd.AutogradFactory;
import carnot.api.component.ComponentRegistry;
import carnot.api.experiment.CheckpointAnalyzer;
import carnot.api.experiment.ExperimentRunner;

/**
 * The engine's services wired by hand, for a plain JVM without OSGi (the testkit run from a Maven
 * project's JUnit tests): the same runner and checkpoint analyzer classes DS wires in the product,
 * over a registry and an autograd the caller provides.
 */
public final class StandaloneEngine {

    private final DefaultExperimentRunner runner = new DefaultExperimentRunner();
    private final DefaultCheckpointAnalyzer analyzer = new DefaultCheckpointAnalyzer();
    private final DjlRuntime runtime;

    private StandaloneEngine(ComponentRegistry registry, AutogradFactory autograd) {
        runtime = DjlRuntime.standalone(autograd);
        runner.registry = registry;
        runner.runtime = runtime;
        analyzer.registry = registry;
        analyzer.runtime = runtime;
    }

    /** Loads DJL's PyTorch engine from the class path and wires the services. */
    public static StandaloneEngine start(ComponentRegistry registry, AutogradFactory autograd) {
        return new StandaloneEngine(registry, autograd);
    }

    public ExperimentRunner runner() {
        return runner;
    }

    public CheckpointAnalyzer analyzer() {
        return analyzer;
    }

    /** DJL and libtorch versions, for reports. */
    public String describe() {
        return runtime.describe();
    }
}
