package carnot.engine.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.component.CancelledException;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetSplits;
import carnot.api.experiment.CheckpointEstimate;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.MemoryEstimate;
import carnot.api.experiment.PreparedRun;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunListener;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import carnot.api.experiment.TrainingSpec;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.api.models.ModelStructure;
import carnot.api.optim.LearningRateSchedule;
import carnot.api.optim.OptimizerContext;
import carnot.api.optim.OptimizerProvider;
import carnot.api.optim.ResumableOptimizer;
import carnot.api.optim.TrainingClock;
import carnot.api.regularizers.Regularizer;
import carnot.api.regularizers.RegularizerProvider;
import carnot.engine.internal.DefaultExperimentRunner.Resolved;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One prepared run: the built and initialized network, the data, and the epoch loop.
 *
 * <p>Each epoch trains on the seeded order of the training set ({@link EpochTrainer}, {@link RunSeeds});
 * after every epoch due by the schedule (and once before training, epoch 0) the train and test sets are
 * evaluated and due analyses run ({@link AnalysisScheduler}); early stopping watches a held-out split
 * ({@link ValidationStopping}); resume points and checkpoints are written as the epochs end
 * ({@link ResumePoints}); what the run records of itself is {@link RunProvenance}'s. Native memory:
 * parameters and optimizer state live in the run's manager, freed by {@link #close()}.
 */
final class TrainingRun implements PreparedRun {

    private final DjlRuntime runtime;
    private final ExperimentSpec spec;
    private final Map<String, Object> provenance;
    private final DatasetSplits data;
    private final Block block;
    private final NDManager manager;
    private final Optimizer optimizer;
    private final TrainingSpec training;
    private final long parameterCount;
    private final int stepsPerEpoch;
    private final ModelEvaluator evaluator;
    private final EpochTrainer trainer;
    private final AnalysisScheduler scheduler;
    private final ValidationStopping stopping;
    /**
     * The weights kept at the trajectory's epochs (training.checkpointEvery), for analyses of the path; concurrent
     * because analyses read it on the analysis thread while training adds to it.
     */
    private final ConcurrentSkipListMap<Integer, Map<String, float[]>> trajectory = new ConcurrentSkipListMap<>();
    private MemoryEstimate memory = MemoryEstimate.NONE;
    private long activationsPerExample = AnalysisTarget.UNKNOWN_ACTIVATIONS;

    /** The parts of a run built by {@link #create}, before the run assembles its collaborators from them. */
    private record Built(ResolvedExperiment experiment, ExperimentSpec spec, Map<String, Object> provenance,
            Block block, NDManager manager, Optimizer optimizer, List<Regularizer> regularizers, long parameterCount,
            LearningRateSchedule schedule, EpochClock clock, ModelStructure structure) {
    }

    private TrainingRun(DjlRuntime runtime, Built built) {
        this.runtime = runtime;
        this.spec = built.spec();
        this.provenance = built.provenance();
        this.data = built.experiment().splits();
        this.block = built.block();
        this.manager = built.manager();
        this.optimizer = built.optimizer();
        this.training = spec.training();
        this.parameterCount = built.parameterCount();
        int slots = data.train().slotCount();
        this.stepsPerEpoch = EpochTrainer.steps(slots, training.batchSizeAt(1, slots));
        ParameterStore parameterStore = new ParameterStore(manager, false);
        var loss = built.experiment().loss();
        var lossFunction = loss.provider().create(loss.settings());
        this.evaluator = new ModelEvaluator(block, manager, parameterStore, lossFunction, data, spec,
                ModelEvaluator.snapshot(block), built.structure(), runtime.autograd(),
                Collections.unmodifiableSortedMap(trajectory));
        this.trainer = new EpochTrainer(runtime.engine(), data.train(), training, block, manager, parameterStore,
                optimizer, lossFunction, built.regularizers(), built.clock());
        ValidationSplit validation = built.experiment().validation();
        this.stopping = validation == null ? null : new ValidationStopping(validation, evaluator, block);
        this.scheduler = new AnalysisScheduler(built.experiment().analyses(), training, evaluator, block,
                built.schedule(), built.clock(), stopping != null);
    }

    /**
     * Builds and initializes the network of a resolved experiment, refusing one that cannot fit in
     * memory before allocating it.
     */
    static TrainingRun create(DjlRuntime runtime, ResolvedExperiment experiment) throws InvalidExperimentException {
        Engine engine = runtime.engine();
        ExperimentSpec spec = experiment.spec();
        Resolved<ArchitectureProvider> model = experiment.model();
        Resolved<OptimizerProvider> optimizer = experiment.optimizer();
        DatasetSplits splits = experiment.splits();
        Dataset train = splits.train();
        int[] exampleShape = train.exampleShape();
        // Refuse a run that cannot fit before allocating its network (see RunMemoryModel).
        long[] probed = RunMemoryModel.probe(engine, ModelEvaluator.buildNetwork(model, train), exampleShape);
        MemoryEstimate memory = MemoryEstimate.NONE;
        if (probed != null) {
            int slots = RunMemoryModel.optimizerSlots(optimizer);
            memory = RunMemoryModel.estimate(spec.training(), RunMemoryModel.DataSizes.of(splits), probed[0],
                    probed[1], probed[2], slots, experiment.validation() != null);
            InvalidExperimentException refusal = RunMemoryModel.modelRefusal(model, memory, probed[0], probed[1], slots);
            if (refusal != null) {
                throw refusal;
            }
        }
        Block block = ModelEvaluator.buildNetwork(model, train);
        NDManager manager = engine.newBaseManager();
        try {
            // The seed fixes initialization (libtorch's generator) and, in RunSeeds, the minibatch order.
            engine.setRandomSeed(RunSeeds.initializationSeed(spec.seed()));
            block.initialize(manager, DataType.FLOAT32, BatchEvaluation.batchShape(1, exampleShape));
            long p = 0;
            for (Pair<String, Parameter> entry : EpochTrainer.trainableParameters(block)) {
                p += entry.getValue().getArray().size();
            }
            TrainingSpec t = spec.training();
            int batch = t.batchSizeAt(1, train.size());
            EpochClock clock = new EpochClock();
            OptimizerContext optimizerContext = new OptimizerContext(train.size(), batch, t.epochs(),
                    EpochTrainer.steps(train.size(), batch), clock);
            Optimizer opt = optimizer.provider().create(optimizer.settings(), optimizerContext);
            LearningRateSchedule schedule = optimizer.provider().schedule(optimizer.settings(), optimizerContext);
            List<Regularizer> regs = new ArrayList<>();
            for (Resolved<RegularizerProvider> r : experiment.regularizers()) {
                regs.add(r.provider().create(r.settings()));
            }
            ExperimentSpec resolved = experiment.resolvedSpec();
            Map<String, Object> provenance = RunProvenance.of(runtime, experiment, resolved, p);
            ModelStructure structure = ModelStructures.of(model, new ArchitectureContext(exampleShape,
                    train.numClasses()), block);
            TrainingRun run = new TrainingRun(runtime, new Built(experiment, resolved, provenance, block, manager,
                    opt, regs, p, schedule, clock, structure));
            run.activationsPerExample = probed == null ? AnalysisTarget.UNKNOWN_ACTIVATIONS : probed[2];
            run.memoryEstimate(memory);
            return run;
        } catch (RuntimeException e) {
            manager.close();
            throw new InvalidExperimentException("model", "architecture '" + model.descriptor().id()
                    + "' cannot be initialized for examples of shape " + java.util.Arrays.toString(exampleShape) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Sets the run's memory estimate and records it in the provenance. */
    void memoryEstimate(MemoryEstimate estimate) {
        memory = estimate;
        provenance.put("memory", estimate.asMap());
    }

    @Override
    public MemoryEstimate memoryEstimate() {
        return memory;
    }

    /** Values one example's forward pass produces (input included), or {@link AnalysisTarget#UNKNOWN_ACTIVATIONS}. */
    long activationsPerExample() {
        return activationsPerExample;
    }

    @Override
    public ExperimentSpec resolvedSpec() {
        return spec;
    }

    @Override
    public long parameterCount() {
        return parameterCount;
    }

    /** Provenance as recorded in the run folder. */
    Map<String, Object> provenance() {
        return provenance;
    }

    /** The network (for tests and benchmarks in friend bundles). */
    Block block() {
        return block;
    }

    /** The network's structure, as analyses see it. */
    ModelStructure structure() {
        return evaluator.structure();
    }

    /** The data the run trains and evaluates on. */
    DatasetSplits data() {
        return data;
    }

    @Override
    public RunOutcome execute(RunListener listener, ProgressMonitor monitor) {
        return run(null, listener, monitor);
    }

    @Override
    public RunOutcome resume(byte[] state, RunListener listener, ProgressMonitor monitor) {
        return run(state, listener, monitor);
    }

    private RunOutcome run(byte[] resumeFrom, RunListener listener, ProgressMonitor monitor) {
        int epochs = training.epochs();
        EpochMetrics last = null;
        int completed = 0;
        RunOutcome outcome;
        try {
            long step = 0;
            String reached = "";
            Map<String, Object> recorded = provenance;
            if (resumeFrom != null) {
                ResumeState state = ResumePoints.restore(resumeFrom, block, manager, optimizer, spec.optimizer().id(),
                        epochs);
                completed = state.epoch();
                step = state.step();
                last = state.last();
                recorded = new LinkedHashMap<>(provenance);
                recorded.put("resumedAfterEpoch", completed);
            }
            if (training.checkpointEvery() > 0) {
                // Said before anything is written, like carnot validate does (and kept in provenance.json).
                recorded = new LinkedHashMap<>(recorded);
                recorded.put("checkpoints", checkpointEstimate().describe());
            }
            listener.onEvent(new RunEvent.Started(spec, recorded, stepsPerEpoch, parameterCount));
            if (resumeFrom == null) {
                keepCheckpoint(0, listener);
                last = scheduler.evaluateAndAnalyse(0, 0, 0.0, listener, monitor);
                observeValidation(0, listener);
            } else if (completed > 0 && training.targetReached(last.trainError(), last.trainLoss())) {
                reached = targetMessage(completed, step);
            }
            // Early stopping's patience counter and best weights are not part of the resume state: a run
            // that uses it writes no resume points and restarts from epoch 0 when interrupted.
            boolean resumable = optimizer instanceof ResumableOptimizer && stopping == null;
            for (int epoch = completed + 1; epoch <= epochs && reached.isEmpty(); epoch++) {
                EpochTrainer.checkCancelled(monitor);
                // Every source of randomness of an epoch is seeded from (seed, epoch) alone, so that an
                // epoch after a resume draws exactly what it would have drawn without the interruption.
                // Over minibatch slots (the examples, unless a perturbation left some slots empty).
                int[] order = RunSeeds.minibatchOrder(data.train().slotCount(), training.shuffle(), spec.seed(), epoch);
                runtime.engine().setRandomSeed(RunSeeds.libtorchEpochSeed(spec.seed(), epoch));
                long start = System.nanoTime();
                step = trainer.train(epoch, order, step, RunSeeds.augmentation(spec.seed(), epoch), listener, monitor);
                double seconds = (System.nanoTime() - start) / 1e9;
                keepCheckpoint(epoch, listener);
                if (scheduler.evaluationDue(epoch)) {
                    last = scheduler.evaluateAndAnalyse(epoch, step, seconds, listener, monitor);
                }
                completed = epoch;
                observeValidation(epoch, listener);
                if (resumable) {
                    listener.onEvent(new RunEvent.ResumePoint(epoch, ResumePoints.capture(epoch, step, last, block,
                            optimizer)));
                }
                if (training.targetReached(last.trainError(), last.trainLoss())) {
                    reached = targetMessage(epoch, step);
                } else if (stopping != null) {
                    reached = stopping.stopMessage(epoch);
                }
            }
            if (reached.isEmpty() && !TrainingSpec.UNTIL_EPOCHS.equals(training.until())) {
                reached = training.until() + " <= " + training.target() + " not reached in " + epochs + " epochs";
            }
            int checkpointEpoch = completed;
            if (stopping != null) {
                ValidationStopping.Ending ending = stopping.finish(completed, epochs, reached, listener);
                checkpointEpoch = ending.weightsEpoch();
                reached = ending.reached();
                if (ending.analyseFinalWeights()) {
                    scheduler.analyseFinalWeights(checkpointEpoch, listener, monitor);
                }
            }
            listener.onEvent(new RunEvent.Checkpoint(checkpointEpoch, ResumePoints.parameters(block)));
            outcome = new RunOutcome(RunStatus.COMPLETED, completed, last, reached);
        } catch (CancelledException e) {
            outcome = new RunOutcome(RunStatus.CANCELLED, completed, last,
                    "cancelled after " + completed + " of " + epochs + " epochs");
        } catch (Exception | Error e) {
            outcome = new RunOutcome(RunStatus.FAILED, completed, last, FailureMessages.describe(e));
        }
        try {
            listener.onEvent(new RunEvent.Finished(outcome));
        } catch (Exception e) {
            outcome = new RunOutcome(RunStatus.FAILED, completed, last, "recording the end of the run failed: "
                    + FailureMessages.describe(e));
        }
        return outcome;
    }

    private void observeValidation(int epoch, RunListener listener) throws Exception {
        if (stopping != null) {
            stopping.observe(epoch, listener);
        }
    }

    /** At a trajectory epoch: the weights to the run folder's checkpoints and to the analyses' context. */
    private void keepCheckpoint(int epoch, RunListener listener) throws Exception {
        if (training.keepsCheckpoint(epoch)) {
            trajectory.put(epoch, ModelEvaluator.snapshot(block));
            listener.onEvent(new RunEvent.Checkpoint(epoch, ResumePoints.parameters(block)));
        }
    }

    @Override
    public CheckpointEstimate checkpointEstimate() {
        long bytes;
        try {
            bytes = ResumePoints.parameters(block).length;
        } catch (IOException e) {
            bytes = 4 * parameterCount;
        }
        return CheckpointEstimate.of(training, bytes);
    }

    private String targetMessage(int epoch, long step) {
        return training.until() + " <= " + training.target() + " reached after " + epoch + " epochs (" + step
                + " steps)";
    }

    /** Training time as the optimizers' schedules see it; set by the training loop before each step. */
    static final class EpochClock implements TrainingClock {
        private volatile double epochs;

        void set(double value) {
            epochs = value;
        }

        @Override
        public double epochs() {
            return epochs;
        }
    }

    @Override
    public void close() {
        Thread abandoned = scheduler.abandoned();
        if (abandoned == null) {
            manager.close();
            return;
        }
        // A cancelled analysis still computing on this network: free the native memory when it is done,
        // never under it.
        Thread closer = new Thread(() -> {
            try {
                abandoned.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            manager.close();
        }, "carnot-close-after-analysis");
        closer.setDaemon(true);
        closer.start();
    }
}
