package carnot.engine.internal;

import ai.djl.engine.Engine;
import carnot.api.analysis.Split;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetSplits;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.SgdNoiseScale;
import carnot.api.optim.OptimizerProvider;
import carnot.engine.internal.DefaultExperimentRunner.AppliedPerturbation;
import carnot.engine.internal.DefaultExperimentRunner.Resolved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * What {@code provenance.json} records of a run: the versions of Carnot, DJL, libtorch and the JVM,
 * every seed, the data's fingerprints and derivation chain, and each component's bundle, so that a
 * run can be told apart from, and reproduced as, another.
 */
final class RunProvenance {

    private RunProvenance() {
    }

    /**
     * The provenance of a run of {@code experiment}, resolved as {@code resolved}, whose network has
     * {@code parameterCount} trainable parameters. The map is mutable: the runner adds the memory
     * estimate once it is known.
     */
    static Map<String, Object> of(DjlRuntime runtime, ResolvedExperiment experiment, ExperimentSpec resolved,
            long parameterCount) {
        Map<String, Object> map = new LinkedHashMap<>();
        Bundle self = FrameworkUtil.getBundle(RunProvenance.class);
        map.put("carnot", self == null ? "unknown" : self.getVersion().toString());
        map.put("createdAt", Instant.now().toString());
        map.put("seed", resolved.seed());
        map.put("seeds", RunSeeds.provenance(resolved,
                experiment.perturbations().stream().map(AppliedPerturbation::seed).toList()));
        DatasetSplits splits = experiment.splits();
        Map<String, Object> datasets = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            Dataset d = split == Split.TRAIN ? splits.train() : splits.test();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", d.name());
            entry.put("size", d.size());
            entry.put("exampleShape", d.exampleShape());
            entry.put("classes", d.numClasses());
            entry.put("sha256", d.sha256());
            datasets.put(split.label(), entry);
        }
        map.put("data", datasets);
        if (!experiment.perturbations().isEmpty()) {
            map.put("baseData", baseData(experiment.loaded()));
            map.put("perturbations", derivationChain(experiment.perturbations()));
        }
        List<Map<String, Object>> components = new ArrayList<>();
        addComponent(components, experiment.dataset());
        experiment.perturbations().forEach(a -> addComponent(components, a.resolved()));
        addComponent(components, experiment.model());
        addComponent(components, experiment.optimizer());
        addComponent(components, experiment.loss());
        experiment.regularizers().forEach(r -> addComponent(components, r));
        experiment.analyses().forEach(a -> addComponent(components, a.resolved()));
        map.put("components", components);
        int n = splits.train().size();
        map.put("parameterCount", parameterCount);
        map.put("trainSize", n);
        map.put("parametersPerExample", (double) parameterCount / n);
        OptimizerProvider.StepSize stepSize = experiment.optimizer().provider().stepSize(
                experiment.optimizer().settings());
        map.put("sgdNoiseScale", SgdNoiseScale.of(stepSize.learningRate(), stepSize.momentum(), resolved.training(), n)
                .value());
        map.put("engine", engine(runtime));
        map.put("jvm", jvm());
        if (experiment.validation() != null) {
            map.put("validation", validation(experiment.validation(), resolved.seed()));
        }
        return map;
    }

    /** The data as the dataset loaded it, before the perturbations. */
    private static Map<String, Object> baseData(DatasetSplits loaded) {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("train", Map.of("name", loaded.train().name(), "sha256", loaded.train().sha256()));
        base.put("test", Map.of("name", loaded.test().name(), "sha256", loaded.test().sha256()));
        return base;
    }

    /** The derivation chain: each perturbation with its settings, seed and result. */
    private static List<Map<String, Object>> derivationChain(List<AppliedPerturbation> perturbations) {
        List<Map<String, Object>> chain = new ArrayList<>();
        for (AppliedPerturbation applied : perturbations) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", applied.resolved().descriptor().id());
            entry.put("settings", applied.resolved().settings().asMap());
            entry.put("seed", applied.seed());
            entry.put("trainSha256", applied.trainSha256());
            entry.put("testSha256", applied.testSha256());
            chain.add(entry);
        }
        return chain;
    }

    private static Map<String, Object> engine(DjlRuntime runtime) {
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("djl", Engine.getDjlVersion());
        engine.put("name", runtime.engine().getEngineName());
        engine.put("version", runtime.engine().getVersion());
        engine.put("threads", System.getProperty("ai.djl.pytorch.num_threads"));
        engine.put("interopThreads", System.getProperty("ai.djl.pytorch.num_interop_threads"));
        return engine;
    }

    private static Map<String, Object> jvm() {
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", System.getProperty("java.version"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        jvm.put("processors", Runtime.getRuntime().availableProcessors());
        return jvm;
    }

    /** The held-out validation split of early stopping. */
    private static Map<String, Object> validation(ValidationSplit validation, long seed) {
        Map<String, Object> held = new LinkedHashMap<>();
        held.put("fraction", validation.rule().validationFraction());
        held.put("seed", ValidationSplit.seed(seed));
        held.put("name", validation.validation().name());
        held.put("size", validation.validation().size());
        held.put("sha256", validation.validation().sha256());
        return held;
    }

    private static void addComponent(List<Map<String, Object>> components, Resolved<?> resolved) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", resolved.descriptor().kind().label());
        entry.put("id", resolved.descriptor().id());
        entry.put("bundle", resolved.descriptor().bundle());
        entry.put("version", resolved.descriptor().bundleVersion());
        components.add(entry);
    }
}
