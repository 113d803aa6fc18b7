package carnot.engine.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.EvaluationResult;
import carnot.api.analysis.Predictions;
import carnot.api.analysis.Split;
import carnot.api.autograd.Autograd;
import carnot.api.autograd.AutogradFactory;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetSplits;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.losses.LossFunction;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.api.models.ModelStructure;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a network on whole splits and runs analyses on it, the same way during training
 * ({@link TrainingRun}) and on a saved checkpoint ({@link DefaultCheckpointAnalyzer}), so that an
 * analysis re-run on a checkpoint sees exactly what it would have seen during training.
 *
 * <p>Native memory: every evaluation chunk lives in an {@link NDScope}; an analysis gets a
 * sub-manager of the network's manager, closed (with everything attached) when it returns, and the
 * {@link Autograd}s it asked for are closed with it.
 */
final class ModelEvaluator {

    /** Outputs, mean loss and 0-1 error of the network on a whole dataset, in evaluation mode. */
    record Evaluation(Predictions predictions, double meanLoss, double error) {
    }

    private final Block block;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final LossFunction loss;
    private final DatasetSplits data;
    private final int evalBatchSize;
    private final ExperimentSpec spec;
    private final Map<String, float[]> initialParameters;
    private final ModelStructure structure;
    private final AutogradFactory autograd;
    private final java.util.SortedMap<Integer, Map<String, float[]>> kept;
    private final Dataset trainSubset;
    private final Dataset testSubset;

    /**
     * @param manager the manager that owns the network's parameters; not closed here
     * @param spec the resolved experiment
     * @param initialParameters the parameters at initialization, see {@link #snapshot(Block)}
     * @param structure the network's structure ({@link ModelStructures})
     * @param autograd what serves {@link AnalysisContext#autograd()}
     * @param kept the weights kept at the trajectory's epochs so far, by epoch (read as it grows)
     */
    ModelEvaluator(Block block, NDManager manager, ParameterStore parameterStore, LossFunction loss,
            DatasetSplits data, ExperimentSpec spec, Map<String, float[]> initialParameters, ModelStructure structure,
            AutogradFactory autograd, java.util.SortedMap<Integer, Map<String, float[]>> kept) {
        this.kept = kept;
        this.block = block;
        this.manager = manager;
        this.parameterStore = parameterStore;
        this.loss = loss;
        this.data = data;
        this.evalBatchSize = spec.training().evalBatchSize();
        this.spec = spec;
        this.initialParameters = Collections.unmodifiableMap(initialParameters);
        this.structure = structure;
        this.autograd = autograd;
        int subset = spec.training().evaluationSubset();
        long seed = subsetSeed(spec.seed());
        this.trainSubset = subset == 0 ? data.train() : EvaluationSubset.of(data.train(), subset, seed);
        this.testSubset = subset == 0 ? data.test() : EvaluationSubset.of(data.test(), subset, seed + 1);
    }

    /** The seed of the evaluation subsets' draw, apart from the run's other streams. */
    static long subsetSeed(long seed) {
        return new java.util.SplittableRandom(seed ^ 0x1B873593L).nextLong();
    }

    ModelStructure structure() {
        return structure;
    }

    /** Copies every parameter's values, by structural name, in the network's order. */
    static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            values.put(entry.getKey(), entry.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /** Sets every parameter to the values of a {@link #snapshot} of the same network. */
    static void restore(Block block, Map<String, float[]> snapshot) {
        for (Pair<String, Parameter> entry : block.getParameters()) {
            entry.getValue().getArray().set(snapshot.get(entry.getKey()));
        }
    }

    Dataset dataset(Split split) {
        return split == Split.TRAIN ? data.train() : data.test();
    }

    /** Both whole splits, evaluated: what analyses see. */
    Map<Split, Evaluation> evaluateSplits(ProgressMonitor monitor) {
        Map<Split, Evaluation> evaluations = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            monitor.checkCancelled();
            evaluations.put(split, evaluate(dataset(split)));
        }
        return evaluations;
    }

    /**
     * Both splits evaluated for the per-epoch metrics: the whole splits, or the fixed subsets of
     * {@code training.evaluationSubset} examples.
     */
    Map<Split, Evaluation> evaluateForMetrics(ProgressMonitor monitor) {
        if (!evaluatesSubsets()) {
            return evaluateSplits(monitor);
        }
        Map<Split, Evaluation> evaluations = new EnumMap<>(Split.class);
        monitor.checkCancelled();
        evaluations.put(Split.TRAIN, evaluate(trainSubset));
        monitor.checkCancelled();
        evaluations.put(Split.TEST, evaluate(testSubset));
        return evaluations;
    }

    /** Whether the per-epoch metrics are of subsets rather than the whole splits. */
    boolean evaluatesSubsets() {
        return trainSubset != data.train() || testSubset != data.test();
    }

    /**
     * A dataset evaluated in evaluation mode and without autograd: nothing of the forward pass is
     * recorded for a backward pass (libtorch's grad mode is per thread, and on by default in every
     * thread but the one that started the engine), which saves the graph's memory and its time.
     */
    Evaluation evaluate(Dataset dataset) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            EvaluationResult result = BatchEvaluation.evaluate(block, parameterStore, manager, loss, dataset,
                    dataset.size(), evalBatchSize, ProgressMonitor.NONE);
            return new Evaluation(result.predictions(), result.meanLoss(), result.error());
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /**
     * Runs one analysis after {@code epoch} on the given evaluations, in its own sub-manager and
     * scope. Exceptions propagate: the caller decides whether they fail the run.
     */
    AnalysisResult analyze(Analysis analysis, int epoch, Map<Split, Evaluation> evaluations, ProgressMonitor monitor)
            throws Exception {
        try (NDManager analysisManager = manager.newSubManager(); NDScope scope = new NDScope()) {
            Context context = new Context(epoch, analysisManager, evaluations, monitor);
            try {
                return analysis.analyze(context);
            } finally {
                context.closeAutograds();
            }
        }
    }

    /** Builds (not initializes) the experiment's network for the data. */
    static Block buildNetwork(DefaultExperimentRunner.Resolved<ArchitectureProvider> model, Dataset train)
            throws InvalidExperimentException {
        try {
            return model.provider().build(model.settings(),
                    new ArchitectureContext(train.exampleShape(), train.numClasses()));
        } catch (RuntimeException e) {
            throw new InvalidExperimentException("model", "architecture '" + model.descriptor().id()
                    + "' cannot be built: " + e.getMessage(), e);
        }
    }

    private final class Context implements AnalysisContext {
        private final int epoch;
        private final NDManager analysisManager;
        private final Map<Split, Evaluation> evaluations;
        private final ProgressMonitor monitor;
        private final List<Autograd> autograds = new ArrayList<>();

        Context(int epoch, NDManager analysisManager, Map<Split, Evaluation> evaluations, ProgressMonitor monitor) {
            this.epoch = epoch;
            this.analysisManager = analysisManager;
            this.evaluations = evaluations;
            this.monitor = monitor;
        }

        @Override
        public int epoch() {
            return epoch;
        }

        @Override
        public long seed() {
            return spec.seed();
        }

        @Override
        public ExperimentSpec spec() {
            return spec;
        }

        @Override
        public Map<String, float[]> initialParameters() {
            return initialParameters;
        }

        @Override
        public java.util.SortedMap<Integer, Map<String, float[]>> keptParameters() {
            return kept.headMap(epoch + 1);
        }

        @Override
        public NDManager manager() {
            return analysisManager;
        }

        @Override
        public Block model() {
            return block;
        }

        @Override
        public ModelStructure structure() {
            return structure;
        }

        @Override
        public Autograd autograd() {
            return autograd(List.of());
        }

        @Override
        public Autograd autograd(List<String> parameterNames) {
            return autograd(parameterNames, evalBatchSize);
        }

        @Override
        public Autograd autograd(List<String> parameterNames, int chunkSize) {
            Autograd opened = autograd.open(block, loss, parameterNames, chunkSize, analysisManager);
            autograds.add(opened);
            return opened;
        }

        void closeAutograds() {
            for (Autograd opened : autograds) {
                opened.close();
            }
        }

        @Override
        public LossFunction loss() {
            return loss;
        }

        @Override
        public Dataset dataset(Split split) {
            return ModelEvaluator.this.dataset(split);
        }

        @Override
        public Predictions predictions(Split split) {
            return evaluations.get(split).predictions();
        }

        @Override
        public ProgressMonitor monitor() {
            return monitor;
        }

        @Override
        public EvaluationResult evaluate(ParameterStore store, Dataset data, int n, int batchSize) {
            return BatchEvaluation.evaluate(block, store, analysisManager, loss, data, n, batchSize, monitor);
        }
    }
}
