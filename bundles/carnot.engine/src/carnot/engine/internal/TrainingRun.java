package carnot.engine.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.analysis.BatchBuffer;
import carnot.api.analysis.BatchEvaluation;
import carnot.api.analysis.Split;
import carnot.api.component.CancelledException;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.DatasetSplits;
import carnot.api.experiment.ComponentSpec;
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
import carnot.api.losses.LossFunction;
import carnot.api.losses.LossProvider;
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
import carnot.engine.internal.DefaultExperimentRunner.AppliedPerturbation;
import carnot.engine.internal.DefaultExperimentRunner.Resolved;
import carnot.engine.internal.DefaultExperimentRunner.ScheduledAnalysis;
import carnot.engine.internal.ModelEvaluator.Evaluation;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * One prepared run: the built and initialized network, the data, and the training loop.
 *
 * <p>The loop is plain minibatch training: each epoch visits a seeded permutation of the
 * training set in batches of B; each step computes the mean per-example loss plus regularizer
 * penalties inside a gradient collector, back-propagates, applies the optimizer to every
 * parameter and zeroes the gradients (DJL's PyTorch collector accumulates them). After every
 * epoch (and once before training, epoch 0) the whole train and test sets are evaluated in
 * evaluation mode, and due analyses run. Native memory: everything a step or an evaluation chunk
 * creates lives in an {@link NDScope} closed at its end; parameters and optimizer state live in
 * the run's manager, freed by {@link #close()}.
 */
final class TrainingRun implements PreparedRun {

    private final DjlRuntime runtime;
    private final ExperimentSpec spec;
    private final Map<String, Object> provenance;
    private final DatasetSplits data;
    private final Block block;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final Optimizer optimizer;
    private final LossFunction loss;
    private final List<Regularizer> regularizers;
    private final List<ScheduledAnalysis> analyses;
    private final TrainingSpec training;
    private final long parameterCount;
    private final int stepsPerEpoch;
    private final LearningRateSchedule schedule;
    private final EpochClock clock;
    private final ModelEvaluator evaluator;
    private final Dataset validation;
    private final EarlyStopper stopper;
    private final AnalysisThread analysisThread = new AnalysisThread();
    /**
     * The weights kept at the trajectory's epochs (training.checkpointEvery), for analyses of the path; concurrent
     * because analyses read it on the analysis thread while training adds to it.
     */
    private final java.util.concurrent.ConcurrentSkipListMap<Integer, Map<String, float[]>> trajectory =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    /** The minibatches' inputs, in one direct buffer for the whole run (see BatchBuffer). */
    private final BatchBuffer inputs = new BatchBuffer();
    private MemoryEstimate memory = MemoryEstimate.NONE;
    private long activationsPerExample = AnalysisTarget.UNKNOWN_ACTIVATIONS;

    private TrainingRun(DjlRuntime runtime, ExperimentSpec spec, Map<String, Object> provenance, DatasetSplits data,
            Block block, NDManager manager, Optimizer optimizer, LossFunction loss, List<Regularizer> regularizers,
            List<ScheduledAnalysis> analyses, long parameterCount, LearningRateSchedule schedule, EpochClock clock,
            Map<String, float[]> initialParameters, ValidationSplit validationSplit, ModelStructure structure) {
        this.runtime = runtime;
        this.spec = spec;
        this.provenance = provenance;
        this.data = data;
        this.block = block;
        this.manager = manager;
        this.parameterStore = new ParameterStore(manager, false);
        this.optimizer = optimizer;
        this.loss = loss;
        this.regularizers = regularizers;
        this.analyses = analyses;
        this.training = spec.training();
        this.parameterCount = parameterCount;
        int slots = data.train().slotCount();
        this.stepsPerEpoch = steps(slots, training.batchSizeAt(1, slots));
        this.schedule = schedule;
        this.clock = clock;
        this.evaluator = new ModelEvaluator(block, manager, parameterStore, loss, data, spec, initialParameters,
                structure, runtime.autograd(), java.util.Collections.unmodifiableSortedMap(trajectory));
        this.validation = validationSplit == null ? null : validationSplit.validation();
        this.stopper = validationSplit == null ? null : new EarlyStopper(validationSplit.rule());
    }

    static TrainingRun create(DjlRuntime runtime, ExperimentSpec spec, Resolved<DatasetProvider> dataset,
            DatasetSplits loaded, List<AppliedPerturbation> perturbations, Resolved<ArchitectureProvider> model, Resolved<OptimizerProvider> optimizer, Resolved<LossProvider> loss,
            List<Resolved<RegularizerProvider>> regularizers, List<ScheduledAnalysis> analyses, DatasetSplits splits,
            ValidationSplit validation) throws InvalidExperimentException {
        Engine engine = runtime.engine();
        Dataset train = splits.train();
        int[] exampleShape = train.exampleShape();
        // Refuse a run that cannot fit before allocating its network (see RunMemoryModel).
        long[] probed = RunMemoryModel.probe(engine, ModelEvaluator.buildNetwork(model, train), exampleShape);
        MemoryEstimate memory = MemoryEstimate.NONE;
        if (probed != null) {
            int slots = RunMemoryModel.optimizerSlots(optimizer);
            memory = RunMemoryModel.estimate(spec.training(), RunMemoryModel.DataSizes.of(splits), probed[0],
                    probed[1], probed[2], slots, validation != null);
            InvalidExperimentException refusal = RunMemoryModel.modelRefusal(model, memory, probed[0], probed[1], slots);
            if (refusal != null) {
                throw refusal;
            }
        }
        Block block = ModelEvaluator.buildNetwork(model, train);
        NDManager manager = engine.newBaseManager();
        try {
            // The seed fixes initialization (libtorch's generator) and, below, the minibatch order.
            engine.setRandomSeed(initializationSeed(spec.seed()));
            block.initialize(manager, DataType.FLOAT32, BatchEvaluation.batchShape(1, exampleShape));
            long p = 0;
            for (Pair<String, Parameter> entry : block.getParameters()) {
                if (entry.getValue().requiresGradient()) {
                    p += entry.getValue().getArray().size();
                }
            }
            TrainingSpec t = spec.training();
            int batch = t.batchSizeAt(1, train.size());
            EpochClock clock = new EpochClock();
            OptimizerContext optimizerContext = new OptimizerContext(train.size(), batch, t.epochs(),
                    steps(train.size(), batch), clock);
            Optimizer opt = optimizer.provider().create(optimizer.settings(), optimizerContext);
            OptimizerProvider.StepSize stepSize = optimizer.provider().stepSize(optimizer.settings());
            LearningRateSchedule schedule = optimizer.provider().schedule(optimizer.settings(), optimizerContext);
            LossFunction lossFunction = loss.provider().create(loss.settings());
            List<Regularizer> regs = new ArrayList<>();
            for (Resolved<RegularizerProvider> r : regularizers) {
                regs.add(r.provider().create(r.settings()));
            }
            List<ComponentSpec> regSpecs = regularizers.stream().map(Resolved::spec).toList();
            ExperimentSpec resolved = new ExperimentSpec(ExperimentSpec.FORMAT, spec.name(), spec.description(),
                    spec.seed(), dataset.spec(), perturbations.stream().map(a -> a.resolved().spec()).toList(),
                    model.spec(), optimizer.spec(), loss.spec(), regSpecs, t,
                    analyses.stream().map(a -> new carnot.api.experiment.AnalysisSpec(a.spec().id(),
                            a.resolved().settings().asMap(), a.spec().every(), a.spec().atInit())).toList());
            Map<String, Object> provenance = provenance(runtime, resolved, loaded, perturbations, splits, p,
                    stepSize, dataset, model, optimizer, loss, regularizers, analyses);
            if (validation != null) {
                Map<String, Object> held = new LinkedHashMap<>();
                held.put("fraction", validation.rule().validationFraction());
                held.put("seed", ValidationSplit.seed(spec.seed()));
                held.put("name", validation.validation().name());
                held.put("size", validation.validation().size());
                held.put("sha256", validation.validation().sha256());
                provenance.put("validation", held);
            }
            ModelStructure structure = ModelStructures.of(model, new ArchitectureContext(exampleShape,
                    train.numClasses()), block);
            TrainingRun run = new TrainingRun(runtime, resolved, provenance, splits, block, manager, opt, lossFunction,
                    regs, analyses, p, schedule, clock, ModelEvaluator.snapshot(block), validation, structure);
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

    private static Map<String, Object> provenance(DjlRuntime runtime, ExperimentSpec spec, DatasetSplits loaded,
            List<AppliedPerturbation> perturbations, DatasetSplits splits, long p, OptimizerProvider.StepSize stepSize, Resolved<DatasetProvider> dataset,
            Resolved<ArchitectureProvider> model, Resolved<OptimizerProvider> optimizer, Resolved<LossProvider> loss,
            List<Resolved<RegularizerProvider>> regularizers, List<ScheduledAnalysis> analyses) {
        Map<String, Object> map = new LinkedHashMap<>();
        Bundle self = FrameworkUtil.getBundle(TrainingRun.class);
        map.put("carnot", self == null ? "unknown" : self.getVersion().toString());
        map.put("createdAt", Instant.now().toString());
        map.put("seed", spec.seed());
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put("experiment", spec.seed());
        seeds.put("initialization", initializationSeed(spec.seed()));
        // Per epoch e, each stream draws from SplitMix64(base + golden * e): see epochSeed.
        seeds.put("minibatchOrder", spec.seed());
        seeds.put("augmentation", augmentationSeed(spec.seed()));
        seeds.put("libtorchPerEpoch", libtorchSeed(spec.seed()));
        List<Long> perturbationSeeds = perturbations.stream().map(AppliedPerturbation::seed).toList();
        seeds.put("perturbations", perturbationSeeds);
        if (spec.training().evaluationSubset() > 0) {
            seeds.put("evaluationSubset", ModelEvaluator.subsetSeed(spec.seed()));
        }
        map.put("seeds", seeds);
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
        if (!perturbations.isEmpty()) {
            // The derivation chain: base data, then each perturbation with its settings, seed and result.
            Map<String, Object> base = new LinkedHashMap<>();
            base.put("train", Map.of("name", loaded.train().name(), "sha256", loaded.train().sha256()));
            base.put("test", Map.of("name", loaded.test().name(), "sha256", loaded.test().sha256()));
            map.put("baseData", base);
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
            map.put("perturbations", chain);
        }
        List<Map<String, Object>> components = new ArrayList<>();
        addComponent(components, dataset);
        perturbations.forEach(a -> addComponent(components, a.resolved()));
        addComponent(components, model);
        addComponent(components, optimizer);
        addComponent(components, loss);
        regularizers.forEach(r -> addComponent(components, r));
        analyses.forEach(a -> addComponent(components, a.resolved()));
        map.put("components", components);
        int n = splits.train().size();
        map.put("parameterCount", p);
        map.put("trainSize", n);
        map.put("parametersPerExample", (double) p / n);
        // Smith & Le (2018): the SGD noise scale g = lr * N / (B (1 - m)).
        double g = stepSize.learningRate() * n / (spec.training().batchSizeAt(1, n) * (1 - stepSize.momentum()));
        map.put("sgdNoiseScale", g);
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("djl", Engine.getDjlVersion());
        engine.put("name", runtime.engine().getEngineName());
        engine.put("version", runtime.engine().getVersion());
        engine.put("threads", System.getProperty("ai.djl.pytorch.num_threads"));
        engine.put("interopThreads", System.getProperty("ai.djl.pytorch.num_interop_threads"));
        map.put("engine", engine);
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", System.getProperty("java.version"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        jvm.put("processors", Runtime.getRuntime().availableProcessors());
        map.put("jvm", jvm);
        return map;
    }

    private static void addComponent(List<Map<String, Object>> components, Resolved<?> resolved) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", resolved.descriptor().kind().label());
        entry.put("id", resolved.descriptor().id());
        entry.put("bundle", resolved.descriptor().bundle());
        entry.put("version", resolved.descriptor().bundleVersion());
        components.add(entry);
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
                ResumeState state = restore(resumeFrom);
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
            Map<String, float[]> best = null;
            if (resumeFrom == null) {
                keepCheckpoint(0, listener);
                last = evaluateAndAnalyse(0, 0, 0.0, listener, monitor);
                best = validate(0, listener);
            } else if (completed > 0 && training.targetReached(last.trainError(), last.trainLoss())) {
                reached = targetMessage(completed, step);
            }
            // Early stopping's patience counter and best weights are not part of the resume state: a run
            // that uses it writes no resume points and restarts from epoch 0 when interrupted.
            boolean resumable = optimizer instanceof ResumableOptimizer && stopper == null;
            for (int epoch = completed + 1; epoch <= epochs && reached.isEmpty(); epoch++) {
                checkCancelled(monitor);
                // Every source of randomness of an epoch is seeded from (seed, epoch) alone, so that an
                // epoch after a resume draws exactly what it would have drawn without the interruption.
                // Over minibatch slots (the examples, unless a perturbation left some slots empty).
                int[] permutation = identity(data.train().slotCount());
                if (training.shuffle()) {
                    shuffle(permutation, new SplittableRandom(epochSeed(spec.seed(), epoch)));
                }
                SplittableRandom augmentation = new SplittableRandom(epochSeed(augmentationSeed(spec.seed()), epoch));
                runtime.engine().setRandomSeed(initializationSeed(epochSeed(libtorchSeed(spec.seed()), epoch)));
                long start = System.nanoTime();
                step = trainEpoch(epoch, permutation, step, augmentation, listener, monitor);
                double seconds = (System.nanoTime() - start) / 1e9;
                keepCheckpoint(epoch, listener);
                if (evaluationDue(epoch)) {
                    last = evaluateAndAnalyse(epoch, step, seconds, listener, monitor);
                }
                completed = epoch;
                Map<String, float[]> better = validate(epoch, listener);
                best = better != null ? better : best;
                if (resumable) {
                    listener.onEvent(new RunEvent.ResumePoint(epoch, new ResumeState(epoch, step, last, parameters(),
                            optimizerState()).encode()));
                }
                if (training.targetReached(last.trainError(), last.trainLoss())) {
                    reached = targetMessage(epoch, step);
                } else if (stopper != null && stopper.shouldStop()) {
                    reached = "early stopping after epoch " + epoch + ": " + stopper.rule().metric() + " has not improved "
                            + "for " + stopper.rule().patience() + " epochs; best epoch " + stopper.bestEpoch() + " ("
                            + stopper.bestValue() + ")";
                }
            }
            if (reached.isEmpty() && !TrainingSpec.UNTIL_EPOCHS.equals(training.until())) {
                reached = training.until() + " <= " + training.target() + " not reached in " + epochs + " epochs";
            }
            int checkpointEpoch = completed;
            if (stopper != null) {
                boolean restore = stopper.rule().restoreBest() && stopper.bestEpoch() != completed;
                if (restore) {
                    ModelEvaluator.restore(block, best);
                    checkpointEpoch = stopper.bestEpoch();
                    reached += (reached.isEmpty() ? "" : "; ") + "the weights of epoch " + checkpointEpoch + " (best "
                            + stopper.rule().metric() + ") were restored";
                }
                boolean stoppedEarly = reached.startsWith("early stopping");
                listener.onEvent(new RunEvent.EarlyStopped(stoppedEarly, completed,
                        stopper.rule().metric(), stopper.bestEpoch(), stopper.bestValue(), restore));
                if ((stoppedEarly || restore) && checkpointEpoch < epochs) {
                    analyseFinalWeights(checkpointEpoch, listener, monitor);
                }
            }
            listener.onEvent(new RunEvent.Checkpoint(checkpointEpoch, parameters()));
            outcome = new RunOutcome(RunStatus.COMPLETED, completed, last, reached);
        } catch (CancelledException e) {
            outcome = new RunOutcome(RunStatus.CANCELLED, completed, last,
                    "cancelled after " + completed + " of " + epochs + " epochs");
        } catch (Exception | Error e) {
            outcome = new RunOutcome(RunStatus.FAILED, completed, last, describe(e));
        }
        try {
            listener.onEvent(new RunEvent.Finished(outcome));
        } catch (Exception e) {
            outcome = new RunOutcome(RunStatus.FAILED, completed, last, "recording the end of the run failed: "
                    + describe(e));
        }
        return outcome;
    }

    /** At a trajectory epoch: the weights to the run folder's checkpoints and to the analyses' context. */
    private void keepCheckpoint(int epoch, RunListener listener) throws Exception {
        if (training.keepsCheckpoint(epoch)) {
            trajectory.put(epoch, ModelEvaluator.snapshot(block));
            listener.onEvent(new RunEvent.Checkpoint(epoch, parameters()));
        }
    }

    @Override
    public carnot.api.experiment.CheckpointEstimate checkpointEstimate() {
        long bytes;
        try {
            bytes = parameters().length;
        } catch (IOException e) {
            bytes = 4 * parameterCount;
        }
        return carnot.api.experiment.CheckpointEstimate.of(training, bytes);
    }

    private String targetMessage(int epoch, long step) {
        return training.until() + " <= " + training.target() + " reached after " + epoch + " epochs (" + step
                + " steps)";
    }

    private byte[] optimizerState() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ((ResumableOptimizer) optimizer).saveState(out);
        }
        return bytes.toByteArray();
    }

    /** Puts the weights and the optimizer's state of a resume state in place; returns the state. */
    private ResumeState restore(byte[] bytes) throws IOException {
        ResumeState state = ResumeState.decode(bytes);
        if (!(optimizer instanceof ResumableOptimizer resumable)) {
            throw new IllegalStateException("the optimizer '" + spec.optimizer().id() + "' cannot resume");
        }
        if (state.epoch() > training.epochs()) {
            throw new IllegalStateException("the resume state is after epoch " + state.epoch() + ", but the run has "
                    + training.epochs() + " epochs");
        }
        List<NDArray> replaced = new ArrayList<>();
        block.getParameters().values().forEach(p -> replaced.add(p.getArray()));
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(state.parameters()))) {
            block.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("the resume state's parameters do not fit the network: " + e.getMessage(), e);
        }
        // DJL's Parameter.load swaps in new arrays without gradients: attach them where training needs them.
        for (Pair<String, Parameter> entry : block.getParameters()) {
            if (entry.getValue().requiresGradient()) {
                entry.getValue().getArray().setRequiresGradient(true);
            }
        }
        List<NDArray> current = block.getParameters().values().stream().map(Parameter::getArray).toList();
        replaced.stream().filter(a -> a != null && current.stream().noneMatch(c -> c == a)).forEach(NDArray::close);
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(state.optimizer()))) {
            resumable.loadState(in, manager);
        }
        return state;
    }

    /**
     * The seed of epoch {@code epoch}'s generator from a base seed: a SplitMix64 draw from the base
     * offset by the epoch (as the perturbations derive theirs from the experiment seed).
     */
    static long epochSeed(long base, int epoch) {
        return new SplittableRandom(base + 0x9E3779B97F4A7C15L * epoch).nextLong();
    }

    /** The base of libtorch's per-epoch seeds (dropout masks), apart from the other streams. */
    static long libtorchSeed(long seed) {
        return new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL).nextLong();
    }

    /** The seed of libtorch's generator for initialization, from the experiment's seed. */
    static int initializationSeed(long seed) {
        return (int) (seed ^ (seed >>> 32));
    }

    /** The seed of the augmentation generator, apart from the minibatch order's. */
    static long augmentationSeed(long seed) {
        return new SplittableRandom(seed ^ 0x5DEECE66DL).nextLong();
    }

    private static int steps(int n, int batch) {
        return Math.max(1, (n + batch - 1) / batch);
    }

    private long trainEpoch(int epoch, int[] permutation, long step, SplittableRandom augmentation,
            RunListener listener, ProgressMonitor monitor) throws Exception {
        Dataset train = data.train();
        int n = train.slotCount();
        int batch = training.batchSizeAt(epoch, n);
        int steps = steps(n, batch);
        int featureSize = train.featureSize();
        int[] exampleShape = train.exampleShape();
        float[] features = train.features();
        int[] labels = train.labels();
        float[] xBuffer = new float[batch * featureSize];
        long[] yBuffer = new long[batch];
        List<Pair<String, Parameter>> parameters = trainableParameters();
        Engine engine = runtime.engine();
        for (int s = 0; s < steps; s++) {
            checkCancelled(monitor);
            clock.set(epoch - 1 + (double) s / steps);
            int from = s * batch;
            int count = 0;
            for (int slot = from; slot < Math.min(from + batch, n); slot++) {
                int example = train.exampleAtSlot(permutation[slot]);
                if (example < 0) {
                    continue; // an empty slot: this batch is one example short, the others unchanged
                }
                System.arraycopy(features, example * featureSize, xBuffer, count * featureSize, featureSize);
                yBuffer[count++] = labels[example];
            }
            if (count == 0) {
                step++;
                continue;
            }
            for (Regularizer regularizer : regularizers) {
                regularizer.augment(xBuffer, count, exampleShape, augmentation);
            }
            double value;
            // The gradient buffers accumulate: whatever is in them when backward runs is added to this
            // step's gradient. Zero them first, so that a step's update is this batch's gradient alone
            // whatever ran before (an analysis that called backward on the model, a step cut short by
            // an exception): see GradientHygieneTest.
            NetworkGuard.zeroGradients(parameters);
            try (NDScope scope = new NDScope();
                    GradientCollector collector = engine.newGradientCollector()) {
                NDArray x = inputs.floats(manager, xBuffer, 0, count * featureSize,
                        BatchEvaluation.batchShape(count, exampleShape));
                NDArray y = manager.create(count == batch ? yBuffer : java.util.Arrays.copyOf(yBuffer, count));
                NDArray outputs = block.forward(parameterStore, new NDList(x), true).singletonOrThrow();
                NDArray objective = loss.perExample(outputs, y).mean();
                for (Regularizer regularizer : regularizers) {
                    NDArray penalty = regularizer.penalty(block.getParameters());
                    if (penalty != null) {
                        objective = objective.add(penalty);
                    }
                }
                collector.backward(objective);
                value = objective.getFloat();
            }
            if (!Double.isFinite(value)) {
                NetworkGuard.zeroGradients(parameters);
                throw new IllegalStateException("training diverged: the loss is " + value + " at epoch " + epoch
                        + ", step " + (s + 1) + "; try a smaller optimizer.settings.learningRate");
            }
            try {
                for (Pair<String, Parameter> parameter : parameters) {
                    NDArray weight = parameter.getValue().getArray();
                    try (NDArray gradient = weight.getGradient()) {
                        // Keyed by the parameter's structural name, not DJL's per-instance random id, so that
                        // a resumed run's optimizer state finds its parameters in the new process.
                        optimizer.update(parameter.getKey(), weight, gradient);
                    }
                }
            } finally {
                NetworkGuard.zeroGradients(parameters);
            }
            step++;
            listener.onEvent(new RunEvent.Step(epoch, s + 1, steps, value));
            monitor.worked("epoch " + epoch, s + 1, steps);
        }
        return step;
    }

    /**
     * Cancellation through the monitor, or an interrupt of the run's thread (a shell's Ctrl-C
     * interrupts the command's thread; a front end without a monitor of its own still stops).
     */
    private static void checkCancelled(ProgressMonitor monitor) {
        monitor.checkCancelled();
        if (Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
    }

    /**
     * Evaluates the early-stopping validation split after {@code epoch} and reports it.
     *
     * @return a copy of the weights when this epoch is the best so far and they are to be restored,
     *         else null
     */
    private Map<String, float[]> validate(int epoch, RunListener listener) throws Exception {
        if (stopper == null) {
            return null;
        }
        Evaluation evaluation = evaluator.evaluate(validation);
        listener.onEvent(new RunEvent.Validation(epoch, validation.size(), evaluation.meanLoss(), evaluation.error()));
        boolean improved = stopper.observe(epoch, evaluation.meanLoss(), evaluation.error());
        return improved && stopper.rule().restoreBest() ? ModelEvaluator.snapshot(block) : null;
    }

    private List<Pair<String, Parameter>> trainableParameters() {
        List<Pair<String, Parameter>> list = new ArrayList<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            if (entry.getValue().requiresGradient()) {
                list.add(entry);
            }
        }
        return list;
    }

    /**
     * Whether the splits are evaluated after {@code epoch}: training.evaluateEvery says so, an
     * analysis is due, or early stopping may end the run after any epoch.
     */
    private boolean evaluationDue(int epoch) {
        return training.evaluatesAfter(epoch) || stopper != null
                || analyses.stream().anyMatch(a -> a.spec().dueAfter(epoch, training.epochs()));
    }

    private EpochMetrics evaluateAndAnalyse(int epoch, long step, double seconds, RunListener listener,
            ProgressMonitor monitor) throws Exception {
        Map<Split, Evaluation> evaluations = evaluator.evaluateForMetrics(monitor);
        Evaluation train = evaluations.get(Split.TRAIN);
        Evaluation test = evaluations.get(Split.TEST);
        // The learning rate of the epoch's last step (the schedule's start at epoch 0).
        EpochMetrics metrics = new EpochMetrics(epoch, step, train.meanLoss(), train.error(), test.meanLoss(),
                test.error(), schedule.at(clock.epochs()), seconds);
        listener.onEvent(new RunEvent.EpochEnd(metrics));
        // The last epoch is the planned one, or an earlier one whose train error or loss reached the
        // target: analyses scheduled "after the last epoch" run on the weights the run ends with.
        int lastEpoch = epoch > 0 && training.targetReached(metrics.trainError(), metrics.trainLoss()) ? epoch
                : training.epochs();
        java.util.function.Predicate<carnot.api.experiment.AnalysisSpec> due = spec -> spec.dueAfter(epoch, lastEpoch);
        // Analyses see the whole splits even when the metrics are of subsets.
        boolean anyDue = analyses.stream().anyMatch(a -> due.test(a.spec()));
        analyse(epoch, anyDue && evaluator.evaluatesSubsets() ? evaluator.evaluateSplits(monitor) : evaluations, due,
                listener, monitor);
        return metrics;
    }

    /**
     * After early stopping: the analyses due "after the last epoch" run on the weights the run ends
     * with (the best epoch's when they were restored, else the last trained epoch's), recorded at that
     * epoch; those that already ran on exactly these weights during training are not repeated.
     */
    private void analyseFinalWeights(int epoch, RunListener listener, ProgressMonitor monitor) throws Exception {
        Map<Split, Evaluation> evaluations = evaluator.evaluateSplits(monitor);
        analyse(epoch, evaluations, spec -> !spec.dueAfter(epoch, training.epochs()), listener, monitor);
    }

    private void analyse(int epoch, Map<Split, Evaluation> evaluations,
            java.util.function.Predicate<carnot.api.experiment.AnalysisSpec> due, RunListener listener,
            ProgressMonitor monitor) throws Exception {
        for (int i = 0; i < analyses.size(); i++) {
            ScheduledAnalysis scheduled = analyses.get(i);
            if (!due.test(scheduled.spec())) {
                continue;
            }
            monitor.checkCancelled();
            long start = System.nanoTime();
            AnalysisResult result;
            // An analysis gets the live network: it must leave the weights as it found them and must not
            // leave gradients behind (DJL's GradientCollector accumulates into the model's own buffers).
            Map<String, float[]> weights = ModelEvaluator.snapshot(block);
            try {
                result = analysisThread.call(() -> evaluator.analyze(scheduled.analysis(), epoch, evaluations, monitor),
                        monitor);
            } catch (CancelledException e) {
                throw e;
            } catch (Exception | LinkageError | AssertionError e) {
                // A failing analysis (or a bundle removed under it) never takes the run down.
                NetworkGuard.restoreIfChanged(block, weights);
                listener.onEvent(new RunEvent.AnalysisFailed(scheduled.spec().id(), i, epoch, describe(e)));
                continue;
            } finally {
                if (analysisThread.abandoned() == null) {
                    NetworkGuard.zeroGradients(trainableParameters());
                }
            }
            // Analyses that perturb the weights and undo it (sharpness, interpolation) may leave rounding
            // behind: training always continues from the weights exactly as they were.
            NetworkGuard.restoreIfChanged(block, weights);
            listener.onEvent(new RunEvent.AnalysisDone(scheduled.spec().id(), i, epoch, result,
                    (System.nanoTime() - start) / 1e9));
        }
    }

    private byte[] parameters() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher-Yates with the run's generator: the order is a function of the seed alone. */
    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return String.format(java.util.Locale.ROOT, "out of memory (%s): the Java heap is %.1f GB; set CARNOT_HEAP "
                    + "higher (e.g. CARNOT_HEAP=16g) or shrink the dataset (trainSize, dimension) or the model",
                    e.getMessage(), Runtime.getRuntime().maxMemory() / 1e9);
        }
        if (e instanceof StackOverflowError) {
            return "stack overflow: a component recursed too deeply and exhausted the thread stack";
        }
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return e.getCause() != null && e.getCause() != e && message != null && !message.contains(
                String.valueOf(e.getCause().getMessage())) ? text + " (caused by " + describe(e.getCause()) + ")" : text;
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
        Thread abandoned = analysisThread.abandoned();
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
