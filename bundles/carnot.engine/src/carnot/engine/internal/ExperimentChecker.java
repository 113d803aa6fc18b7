package carnot.engine.internal;

import ai.djl.nn.Block;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetSummary;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.CheckpointEstimate;
import carnot.api.experiment.ExperimentCheck;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.MemoryEstimate;
import carnot.api.experiment.TrainingSpec;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ModelParameter;
import carnot.api.models.ModelStructure;
import carnot.api.optim.OptimizerContext;
import carnot.api.regularizers.RegularizerProvider;
import carnot.engine.internal.DefaultExperimentRunner.Components;
import carnot.engine.internal.DefaultExperimentRunner.Resolved;
import java.util.Arrays;

/**
 * Checks an experiment as {@link DefaultExperimentRunner#prepare} does, with the same errors, without
 * reading the examples and without libtorch: the data through {@code DatasetProvider.summary} (header
 * only for the IDX files), the network through {@link ShapeOnlyNetwork}, then the same memory model,
 * refusals and analyses' checks. An experiment this cannot check cheaply (perturbations, which
 * transform the data itself; early stopping, which splits it; a network whose shapes need libtorch) is
 * left to {@code prepare}: {@link #check} then returns null.
 */
final class ExperimentChecker {

    private ExperimentChecker() {
    }

    /** The check, or null when the experiment needs preparing to be checked. */
    static ExperimentCheck check(ExperimentSpec spec, Components components, ProgressMonitor monitor)
            throws InvalidExperimentException {
        if (!components.perturbations().isEmpty()) {
            return null;
        }
        Resolved<?> dataset = components.dataset();
        DatasetSummary data;
        try {
            data = components.dataset().provider().summary(dataset.settings(), new DatasetContext(spec.seed(), monitor));
        } catch (DatasetException e) {
            throw new InvalidExperimentException("dataset", e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidExperimentException("dataset", "dataset '" + dataset.descriptor().id() + "' failed: " + e,
                    e);
        }
        if (data.trainSize() == 0) {
            throw new InvalidExperimentException("dataset", "the training set is empty");
        }
        if (DefaultExperimentRunner.earlyStopping(components.regularizers()) != null) {
            return null;
        }
        int[] exampleShape = data.exampleShape();
        ArchitectureContext context = new ArchitectureContext(exampleShape, data.numClasses());
        Block block;
        try {
            block = components.model().provider().build(components.model().settings(), context);
        } catch (RuntimeException e) {
            throw new InvalidExperimentException("model", "architecture '" + components.model().descriptor().id()
                    + "' cannot be built: " + e.getMessage(), e);
        }
        ShapeOnlyNetwork.Shapes shapes = ShapeOnlyNetwork.of(block, exampleShape);
        if (shapes == null) {
            return null;
        }
        int slots = RunMemoryModel.optimizerSlots(components.optimizer());
        MemoryEstimate memory = RunMemoryModel.estimate(spec.training(), RunMemoryModel.DataSizes.of(data),
                shapes.parameters(), shapes.trainable(), shapes.activationsPerExample(), slots, false);
        InvalidExperimentException tooLarge = RunMemoryModel.modelRefusal(components.model(), memory,
                shapes.parameters(), shapes.trainable(), slots);
        if (tooLarge != null) {
            throw tooLarge;
        }
        ExperimentSpec resolved;
        ModelStructure structure;
        try {
            createTrainingComponents(spec.training(), data.trainSize(), components);
            resolved = resolvedSpec(spec, components);
            structure = ModelStructures.of(components.model(), context, shapes.network());
        } catch (RuntimeException e) {
            throw new InvalidExperimentException("model", "architecture '" + components.model().descriptor().id()
                    + "' cannot be initialized for examples of shape " + Arrays.toString(exampleShape) + ": "
                    + e.getMessage(), e);
        }
        AnalysisTarget target = new AnalysisTarget(resolved, structure, exampleShape, data.numClasses(),
                data.trainSize(), data.testSize(), shapes.activationsPerExample());
        AnalysisRefusals.check(components.analyses(), target);
        MemoryEstimate withAnalyses = RunMemoryModel.withAnalyses(memory, components.analyses(), target,
                structure.parameters().stream().mapToLong(ModelParameter::size).sum());
        String refusal = RunMemoryModel.refusal(withAnalyses, "lower the settings of the analysis that needs the "
                + "most (" + withAnalyses.largestPhase() + "), e.g. its examples or chunkSize, or run it later with "
                + "carnot analyze on a machine with more memory");
        if (refusal != null) {
            String phase = withAnalyses.largestPhase();
            throw new InvalidExperimentException(phase.startsWith("analyses[")
                    ? phase.substring(0, phase.indexOf(']') + 1) : "training", refusal);
        }
        return new ExperimentCheck(resolved, shapes.trainable(), withAnalyses,
                CheckpointEstimate.of(resolved.training(), shapes.checkpointBytes()));
    }

    /**
     * The optimizer, its schedule, the loss and the regularizers as a run creates them, so that
     * settings they refuse together are refused here too; then thrown away.
     */
    private static void createTrainingComponents(TrainingSpec training, int trainSize, Components components) {
        int batch = training.batchSizeAt(1, trainSize);
        OptimizerContext optimizerContext = new OptimizerContext(trainSize, batch, training.epochs(),
                Math.max(1, (trainSize + batch - 1) / batch), new TrainingRun.EpochClock());
        Resolved<carnot.api.optim.OptimizerProvider> optimizer = components.optimizer();
        optimizer.provider().create(optimizer.settings(), optimizerContext);
        optimizer.provider().stepSize(optimizer.settings());
        optimizer.provider().schedule(optimizer.settings(), optimizerContext);
        components.loss().provider().create(components.loss().settings());
        for (Resolved<RegularizerProvider> regularizer : components.regularizers()) {
            regularizer.provider().create(regularizer.settings());
        }
    }

    /** The experiment with every component's settings completed by its defaults, as the run records it. */
    static ExperimentSpec resolvedSpec(ExperimentSpec spec, Components c) {
        return new ExperimentSpec(ExperimentSpec.FORMAT, spec.name(), spec.description(), spec.seed(),
                c.dataset().spec(), c.perturbations().stream().map(Resolved::spec).toList(), c.model().spec(),
                c.optimizer().spec(), c.loss().spec(), c.regularizers().stream().map(Resolved::spec).toList(),
                spec.training(), c.analyses().stream().map(a -> new AnalysisSpec(a.spec().id(),
                        a.resolved().settings().asMap(), a.spec().every(), a.spec().atInit())).toList());
    }
}
