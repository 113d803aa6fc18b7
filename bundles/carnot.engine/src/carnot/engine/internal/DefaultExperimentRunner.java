package carnot.engine.internal;

import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.InvalidSettingsException;
import carnot.api.component.ProgressMonitor;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.DatasetSplits;
import carnot.api.datasets.PerturbationProvider;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentCheck;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.MemoryEstimate;
import carnot.api.experiment.PreparedRun;
import carnot.api.losses.LossProvider;
import carnot.api.models.ArchitectureProvider;
import carnot.api.models.ModelParameter;
import carnot.api.models.ModelStructure;
import carnot.api.optim.OptimizerProvider;
import carnot.api.regularizers.EarlyStopping;
import carnot.api.regularizers.RegularizerProvider;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Resolves an experiment's components by id through the {@link ComponentRegistry}, validates
 * every setting and loads the data, so that all bad input is reported before anything runs or
 * is written; then hands the result to a {@link TrainingRun}.
 */
@Component(service = ExperimentRunner.class)
public final class DefaultExperimentRunner implements ExperimentRunner {

    @Reference
    ComponentRegistry registry;

    @Reference
    ComponentServiceObjects<DjlRuntime> runtimeService;

    /** Set by {@link StandaloneEngine} outside OSGi, else on first use ({@link #runtime()}). */
    DjlRuntime runtime;

    /** A provider found by id, with its validated settings. */
    record Resolved<P extends Provider>(ComponentDescriptor descriptor, P provider, Settings settings) {
        ComponentSpec spec() {
            return new ComponentSpec(descriptor.id(), settings.asMap());
        }
    }

    /** A perturbation as applied: its seed and the hashes of the data it produced. */
    record AppliedPerturbation(Resolved<PerturbationProvider> resolved, long seed, String trainSha256,
            String testSha256) {
    }

    /** An analysis with its schedule. */
    record ScheduledAnalysis(Resolved<AnalysisProvider> resolved, AnalysisSpec spec, Analysis analysis) {
    }

    /** An experiment's components, found and with their settings validated. */
    record Components(Resolved<DatasetProvider> dataset, List<Resolved<PerturbationProvider>> perturbations,
            Resolved<ArchitectureProvider> model, Resolved<OptimizerProvider> optimizer, Resolved<LossProvider> loss,
            List<Resolved<RegularizerProvider>> regularizers, List<ScheduledAnalysis> analyses) {
    }

    /**
     * The engine, started (which loads libtorch) only when first needed: checking an experiment
     * ({@link #check}) mostly does without it.
     */
    synchronized DjlRuntime runtime() {
        if (runtime == null) {
            runtime = runtimeService.getService();
        }
        return runtime;
    }

    @Override
    public ExperimentCheck check(ExperimentSpec spec, ProgressMonitor monitor) throws InvalidExperimentException {
        ExperimentCheck quick = ExperimentChecker.check(spec, components(spec), monitor);
        return quick != null ? quick : ExperimentRunner.super.check(spec, monitor);
    }

    @Override
    public java.util.OptionalLong availableMemory() {
        return PhysicalMemory.availableToNewProcesses();
    }

    @Override
    public PreparedRun prepare(ExperimentSpec spec, ProgressMonitor monitor) throws InvalidExperimentException {
        Components components = components(spec);
        Resolved<DatasetProvider> dataset = components.dataset();
        List<Resolved<PerturbationProvider>> perturbations = components.perturbations();
        Resolved<ArchitectureProvider> model = components.model();
        Resolved<OptimizerProvider> optimizer = components.optimizer();
        Resolved<LossProvider> loss = components.loss();
        List<Resolved<RegularizerProvider>> regularizers = components.regularizers();
        List<ScheduledAnalysis> analyses = components.analyses();

        DatasetSplits splits;
        try {
            splits = dataset.provider().load(dataset.settings(), new DatasetContext(spec.seed(), monitor));
        } catch (DatasetException e) {
            throw new InvalidExperimentException("dataset", e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidExperimentException("dataset", "dataset '" + dataset.descriptor().id() + "' failed: " + e,
                    e);
        }
        DatasetSplits loaded = splits;
        List<AppliedPerturbation> applied = new ArrayList<>();
        for (int i = 0; i < perturbations.size(); i++) {
            Resolved<PerturbationProvider> perturbation = perturbations.get(i);
            String field = "perturbations[" + i + "]";
            long seed = perturbationSeed(spec.seed(), i);
            try {
                splits = perturbation.provider().apply(splits, perturbation.settings(), new DatasetContext(seed, monitor));
            } catch (DatasetException e) {
                throw new InvalidExperimentException(field, e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new InvalidExperimentException(field, "perturbation '" + perturbation.descriptor().id()
                        + "' failed: " + e.getMessage(), e);
            }
            applied.add(new AppliedPerturbation(perturbation, seed, splits.train().sha256(), splits.test().sha256()));
        }
        if (splits.train().size() == 0) {
            throw new InvalidExperimentException(perturbations.isEmpty() ? "dataset" : "perturbations",
                    "the training set is empty");
        }
        EarlyStopping rule = earlyStopping(regularizers);
        ValidationSplit validation = rule == null ? null : ValidationSplit.of(splits, rule, spec.seed());
        TrainingRun run = TrainingRun.create(runtime(), new ResolvedExperiment(spec, dataset, loaded, applied, model,
                optimizer, loss, regularizers, analyses, validation == null ? splits : validation.splits(), validation));
        try {
            // Before anything trains or is written: an analysis may refuse the model, loss or data.
            AnalysisTarget target = new AnalysisTarget(run.resolvedSpec(), run.structure(),
                    run.data().train().exampleShape(), run.data().train().numClasses(), run.data().train().size(),
                    run.data().test().size(), run.activationsPerExample());
            AnalysisRefusals.check(analyses, target);
            // The run's estimate with every analysis's own need, now that the network's structure is known.
            MemoryEstimate memory = RunMemoryModel.withAnalyses(run.memoryEstimate(), analyses, target,
                    run.structure().parameters().stream().mapToLong(ModelParameter::size).sum());
            String refusal = RunMemoryModel.refusal(memory, "lower the settings of the analysis that needs the most "
                    + "(" + memory.largestPhase() + "), e.g. its examples or chunkSize, or run it later with carnot "
                    + "analyze on a machine with more memory");
            if (refusal != null) {
                throw new InvalidExperimentException(memory.largestPhase().startsWith("analyses[")
                        ? memory.largestPhase().substring(0, memory.largestPhase().indexOf(']') + 1) : "training",
                        refusal);
            }
            run.memoryEstimate(memory);
        } catch (InvalidExperimentException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /** Finds every component of the experiment and validates its settings. */
    Components components(ExperimentSpec spec) throws InvalidExperimentException {
        Resolved<DatasetProvider> dataset = resolve(ComponentKind.DATASET, spec.dataset(), "dataset",
                DatasetProvider.class);
        List<Resolved<PerturbationProvider>> perturbations = new ArrayList<>();
        for (int i = 0; i < spec.perturbations().size(); i++) {
            perturbations.add(resolve(ComponentKind.PERTURBATION, spec.perturbations().get(i),
                    "perturbations[" + i + "]", PerturbationProvider.class));
        }
        Resolved<ArchitectureProvider> model = resolve(ComponentKind.ARCHITECTURE, spec.model(), "model",
                ArchitectureProvider.class);
        Resolved<OptimizerProvider> optimizer = resolve(ComponentKind.OPTIMIZER, spec.optimizer(), "optimizer",
                OptimizerProvider.class);
        Resolved<LossProvider> loss = resolve(ComponentKind.LOSS, spec.loss(), "loss", LossProvider.class);
        List<Resolved<RegularizerProvider>> regularizers = new ArrayList<>();
        for (int i = 0; i < spec.regularizers().size(); i++) {
            regularizers.add(resolve(ComponentKind.REGULARIZER, spec.regularizers().get(i), "regularizers[" + i + "]",
                    RegularizerProvider.class));
        }
        List<ScheduledAnalysis> analyses = new ArrayList<>();
        for (int i = 0; i < spec.analyses().size(); i++) {
            AnalysisSpec analysis = spec.analyses().get(i);
            String field = "analyses[" + i + "]";
            Resolved<AnalysisProvider> resolved = resolve(ComponentKind.ANALYSIS,
                    new ComponentSpec(analysis.id(), analysis.settings()), field, AnalysisProvider.class);
            Analysis created;
            try {
                created = resolved.provider().create(resolved.settings());
            } catch (RuntimeException e) {
                throw new InvalidExperimentException(field, "analysis '" + analysis.id() + "' rejected its settings: "
                        + e.getMessage(), e);
            }
            analyses.add(new ScheduledAnalysis(resolved, analysis, created));
        }

        return new Components(dataset, perturbations, model, optimizer, loss, regularizers, analyses);
    }

    /** What analyses check before training. */
    static AnalysisTarget target(ExperimentSpec resolved, ModelStructure structure, DatasetSplits data) {
        return new AnalysisTarget(resolved, structure, data.train().exampleShape(), data.train().numClasses(),
                data.train().size(), data.test().size());
    }

    /**
     * The early-stopping rule of the run's regularizers, or null; at most one may ask for it.
     */
    static EarlyStopping earlyStopping(List<Resolved<RegularizerProvider>> regularizers)
            throws InvalidExperimentException {
        EarlyStopping found = null;
        for (int i = 0; i < regularizers.size(); i++) {
            Resolved<RegularizerProvider> r = regularizers.get(i);
            EarlyStopping rule;
            try {
                rule = r.provider().create(r.settings()).earlyStopping();
            } catch (RuntimeException e) {
                throw new InvalidExperimentException("regularizers[" + i + "]", "regularizer '" + r.descriptor().id()
                        + "' rejected its settings: " + e.getMessage(), e);
            }
            if (rule != null && found != null) {
                throw new InvalidExperimentException("regularizers[" + i + "]", "a second early-stopping rule; a run "
                        + "holds out one validation split");
            }
            found = rule == null ? found : rule;
        }
        return found;
    }

    /**
     * The seed of the perturbation at {@code index}: a SplitMix64 draw from the experiment seed
     * offset by the index, so that perturbations draw independent streams and a seed fixes all.
     */
    static long perturbationSeed(long experimentSeed, int index) {
        return new java.util.SplittableRandom(experimentSeed + 0x9E3779B97F4A7C15L * (index + 1)).nextLong();
    }

    private <P extends Provider> Resolved<P> resolve(ComponentKind kind, ComponentSpec component, String field,
            Class<P> type) throws InvalidExperimentException {
        return resolve(registry, kind, component, field, type);
    }

    /** Finds a provider by id and validates its settings; bad input names the field. */
    static <P extends Provider> Resolved<P> resolve(ComponentRegistry registry, ComponentKind kind,
            ComponentSpec component, String field, Class<P> type) throws InvalidExperimentException {
        P provider = registry.find(kind, component.id(), type).orElse(null);
        ComponentDescriptor descriptor = registry.describe(kind, component.id()).orElse(null);
        if (provider == null || descriptor == null) {
            List<String> installed = registry.ids(kind);
            throw new InvalidExperimentException(field + ".id", "unknown " + kind.label() + " '" + component.id()
                    + "'; installed: " + (installed.isEmpty() ? "(none)" : String.join(", ", installed)));
        }
        try {
            Settings settings = provider.settingsSchema().validate(component.settings(), field + ".settings");
            return new Resolved<>(descriptor, provider, settings);
        } catch (InvalidSettingsException e) {
            throw new InvalidExperimentException(e.field(), e.getMessage().substring(e.field().length() + 2), e);
        }
    }
}
