package carnot.engine.internal;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.PerturbationProvider;
import carnot.api.datasets.DatasetSplits;
import carnot.api.experiment.CheckpointAnalyzer;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.losses.LossProvider;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.api.models.ModelStructure;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.regularizers.EarlyStopping;
import carnot.api.regularizers.RegularizerProvider;
import carnot.engine.internal.DefaultExperimentRunner.Resolved;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Re-runs an analysis on a checkpoint: the network is rebuilt by the run's architecture provider
 * and initialized (to give parameters their shapes), then its parameters are replaced by the
 * checkpoint's; the data is reloaded with the recorded settings and seed. Evaluation and the
 * analysis call go through the same {@link ModelEvaluator} as during training.
 */
@Component(service = CheckpointAnalyzer.class)
public final class DefaultCheckpointAnalyzer implements CheckpointAnalyzer {

    @Reference
    ComponentRegistry registry;

    @Reference
    DjlRuntime runtime;

    @Override
    public AnalysisResult analyze(ExperimentSpec spec, int epoch, byte[] parameters, ComponentSpec analysis,
            ProgressMonitor monitor) throws Exception {
        return analyze(spec, epoch, parameters, java.util.Collections.emptySortedMap(), analysis, monitor);
    }

    @Override
    public AnalysisResult analyze(ExperimentSpec spec, int epoch, byte[] parameters,
            java.util.SortedMap<Integer, byte[]> kept, ComponentSpec analysis, ProgressMonitor monitor)
            throws Exception {
        Resolved<AnalysisProvider> analyzer = DefaultExperimentRunner.resolve(registry, ComponentKind.ANALYSIS, analysis,
                "analysis", AnalysisProvider.class);
        Resolved<DatasetProvider> dataset = DefaultExperimentRunner.resolve(registry, ComponentKind.DATASET,
                spec.dataset(), "dataset", DatasetProvider.class);
        Resolved<ArchitectureProvider> model = DefaultExperimentRunner.resolve(registry, ComponentKind.ARCHITECTURE,
                spec.model(), "model", ArchitectureProvider.class);
        Resolved<LossProvider> loss = DefaultExperimentRunner.resolve(registry, ComponentKind.LOSS, spec.loss(), "loss",
                LossProvider.class);
        Analysis created;
        try {
            created = analyzer.provider().create(analyzer.settings());
        } catch (RuntimeException e) {
            throw new InvalidExperimentException("analysis", "analysis '" + analysis.id() + "' rejected its settings: "
                    + e.getMessage(), e);
        }
        DatasetSplits splits;
        try {
            splits = dataset.provider().load(dataset.settings(), new DatasetContext(spec.seed(), monitor));
        } catch (DatasetException e) {
            throw new InvalidExperimentException("dataset", e.getMessage(), e);
        }
        // The run trained on the perturbed data (corrupted labels, shuffled pixels...): rebuild it
        // exactly, with the same per-perturbation seeds, or the analysis would see other data.
        for (int i = 0; i < spec.perturbations().size(); i++) {
            String field = "perturbations[" + i + "]";
            Resolved<PerturbationProvider> perturbation = DefaultExperimentRunner.resolve(registry,
                    ComponentKind.PERTURBATION, spec.perturbations().get(i), field, PerturbationProvider.class);
            try {
                splits = perturbation.provider().apply(splits, perturbation.settings(),
                        new DatasetContext(DefaultExperimentRunner.perturbationSeed(spec.seed(), i), monitor));
            } catch (DatasetException e) {
                throw new InvalidExperimentException(field, e.getMessage(), e);
            }
        }
        // Early stopping trained on the training set minus its validation split: hold out the same one.
        List<Resolved<RegularizerProvider>> regularizers = new ArrayList<>();
        for (int i = 0; i < spec.regularizers().size(); i++) {
            regularizers.add(DefaultExperimentRunner.resolve(registry, ComponentKind.REGULARIZER,
                    spec.regularizers().get(i), "regularizers[" + i + "]", RegularizerProvider.class));
        }
        EarlyStopping rule = DefaultExperimentRunner.earlyStopping(regularizers);
        if (rule != null) {
            splits = ValidationSplit.of(splits, rule, spec.seed()).splits();
        }
        Block block = ModelEvaluator.buildNetwork(model, splits.train());
        try (NDManager manager = runtime.engine().newBaseManager()) {
            // Initialized exactly as the run was (same seed, same generator), so that the initial
            // parameters analyses ask for are the run's own; then the checkpoint replaces them.
            runtime.engine().setRandomSeed(RunSeeds.initializationSeed(spec.seed()));
            block.initialize(manager, DataType.FLOAT32, BatchEvaluation.batchShape(1, splits.train().exampleShape()));
            Map<String, float[]> initial = ModelEvaluator.snapshot(block);
            java.util.TreeMap<Integer, Map<String, float[]>> trajectory = new java.util.TreeMap<>();
            for (Map.Entry<Integer, byte[]> checkpoint : kept.headMap(epoch + 1).entrySet()) {
                load(block, manager, checkpoint.getValue(), "checkpoint of epoch " + checkpoint.getKey());
                trajectory.put(checkpoint.getKey(), ModelEvaluator.snapshot(block));
            }
            load(block, manager, parameters, "checkpoint");
            ModelStructure structure = ModelStructures.of(model, new ArchitectureContext(splits.train().exampleShape(),
                    splits.train().numClasses()), block);
            AnalysisRefusals.check(new DefaultExperimentRunner.ScheduledAnalysis(analyzer, new AnalysisSpec(analysis.id(),
                    analysis.settings(), 1, false), created), "analysis",
                    DefaultExperimentRunner.target(spec, structure, splits));
            ModelEvaluator evaluator = new ModelEvaluator(block, manager, new ParameterStore(manager, false),
                    loss.provider().create(loss.settings()), splits, spec, initial, structure, runtime.autograd(),
                    trajectory);
            return evaluator.analyze(created, epoch, evaluator.evaluateSplits(monitor), monitor);
        }
    }

    private static void load(Block block, NDManager manager, byte[] parameters, String what)
            throws InvalidExperimentException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new InvalidExperimentException("checkpoint", "the " + what + " does not fit the network the spec "
                    + "describes (" + e.getMessage() + ")", e);
        }
    }
}
