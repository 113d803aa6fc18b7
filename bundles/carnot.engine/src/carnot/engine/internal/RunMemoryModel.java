package carnot.engine.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import carnot.api.analysis.AnalysisMemory;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetSplits;
import carnot.api.datasets.DatasetSummary;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.MemoryEstimate;
import carnot.api.experiment.TrainingSpec;
import carnot.api.models.ArchitectureProvider;
import carnot.api.optim.OptimizerProvider;
import carnot.engine.internal.DefaultExperimentRunner.Resolved;
import carnot.engine.internal.DefaultExperimentRunner.ScheduledAnalysis;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The memory model of a run ({@link MemoryEstimate}): what the engine holds, where and when.
 *
 * <p>Resident for the whole run: the data of both splits as Java arrays (the only copy: every
 * batch is copied into a native tensor that lives for one step), the predictions of the last
 * evaluation of both splits and the one being made, a copy of the initial weights (analyses
 * measure distances from it), the weights, their gradients and the optimizer's per-parameter
 * state in libtorch (none for plain gradient descent, one for momentum, two for Adam: Kingma &amp;
 * Ba 2015), and the baselines of the JVM and of libtorch (measured, see docs/footprint.md).
 * Phases, one at a time: a training step (the autograd graph at the batch size), an evaluation
 * chunk (a forward pass without autograd at the evaluation batch size), a resume point and the
 * checkpoint (serialized weights and optimizer state), and each analysis (a snapshot of the
 * weights plus what the analysis declares through {@code AnalysisProvider.memoryEstimate}).
 */
final class RunMemoryModel {

    /** Heap the framework, its bundles and the engine hold before any data: measured live set after start-up. */
    static final long HEAP_BASELINE = 40L << 20;
    /** The JVM outside its heap: code cache, metaspace, thread stacks, the collector's own tables (measured). */
    static final long JVM_NATIVE_BASELINE = 150L << 20;
    /** libtorch loaded and its thread pools started, before any tensor (measured: docs/footprint.md). */
    static final long LIBTORCH_BASELINE = 170L << 20;

    private static final long FLOAT = AnalysisMemory.FLOAT;
    private static final String TRAINING_STEP = "training step";
    private static final String EVALUATION = "evaluation";
    private static final String RESUME_POINT = "resume point and checkpoint";
    /** Names of DJL's parameterless blocks whose output is a view of their input (Blocks.batchFlattenBlock, identityBlock). */
    private static final Set<String> VIEWS = Set.of("batchFlatten", "identity");

    private RunMemoryModel() {
    }

    /**
     * The run without its analyses.
     *
     * @param training              the training settings (batch sizes)
     * @param data                  the splits the run trains and evaluates on
     * @param parameters            all parameter values of the network
     * @param trainable             trainable parameter values p
     * @param activationsPerExample values a forward pass keeps per example (input included)
     * @param optimizerSlots        per-parameter state tensors of the optimizer
     * @param earlyStopping         whether the best weights are kept for early stopping
     */
    static MemoryEstimate estimate(TrainingSpec training, DataSizes data, long parameters, long trainable,
            long activationsPerExample, int optimizerSlots, boolean earlyStopping) {
        String r = MemoryEstimate.RESIDENT;
        // A network whose layers' shapes cannot be followed: the input and two layers of its width.
        long activations = activationsPerExample >= 0 ? activationsPerExample : 3L * data.featureSize();
        long examples = (long) data.trainSize() + data.testSize();
        long predictions = examples * Math.max(1, data.numClasses()) * FLOAT + examples * Integer.BYTES;
        MemoryEstimate estimate = MemoryEstimate.heap(r, "JVM and OSGi framework (heap)", HEAP_BASELINE)
                .plus(MemoryEstimate.offHeap(r, "JVM (code, metadata, threads)", JVM_NATIVE_BASELINE))
                .plus(MemoryEstimate.offHeap(r, "libtorch (library and thread pools)", LIBTORCH_BASELINE))
                .plus(MemoryEstimate.heap(r, "training data", data.trainBytes()))
                .plus(MemoryEstimate.heap(r, "test data", data.testBytes()))
                .plus(MemoryEstimate.heap(r, "predictions of both splits (two evaluations)", 2 * predictions))
                .plus(MemoryEstimate.heap(r, "initial weights", parameters * FLOAT))
                .plus(MemoryEstimate.offHeap(r, "weights", parameters * FLOAT))
                .plus(MemoryEstimate.offHeap(r, "gradients", trainable * FLOAT))
                .plus(MemoryEstimate.offHeap(r, "optimizer state (" + optimizerSlots + " per parameter)",
                        optimizerSlots * trainable * FLOAT));
        if (earlyStopping) {
            estimate = estimate.plus(MemoryEstimate.heap(r, "best weights (early stopping)", parameters * FLOAT));
        }
        int batch = largestBatch(training, data.trainSlots());
        int evalBatch = Math.min(training.evalBatchSize(), Math.max(1, Math.max(data.trainSize(), data.testSize())));
        long features = data.featureSize();
        return estimate
                .plus(MemoryEstimate.heap(TRAINING_STEP, "batch buffer", batch * features * FLOAT))
                .plus(MemoryEstimate.offHeap(TRAINING_STEP, "autograd graph at batch size " + batch,
                        2 * activations * batch * FLOAT))
                .plus(MemoryEstimate.offHeap(EVALUATION, "forward pass at batch size " + evalBatch,
                        activations * evalBatch * FLOAT))
                // A ByteArrayOutputStream grows by doubling and toByteArray copies, and the recorder frames the
                // state in a stream of its own: up to four times the bytes.
                .plus(MemoryEstimate.heap(RESUME_POINT, "serialized weights and optimizer state",
                        4 * (parameters + optimizerSlots * trainable) * FLOAT));
    }

    /**
     * The run with its analyses: each analysis's own need ({@code AnalysisProvider.memoryEstimate})
     * and the snapshot of the weights the engine takes around every analysis, in a phase named after
     * the analysis. An analysis whose estimate fails is counted as needing nothing more.
     */
    static MemoryEstimate withAnalyses(MemoryEstimate run, List<ScheduledAnalysis> analyses, AnalysisTarget target,
            long parameters) {
        MemoryEstimate all = run;
        for (int i = 0; i < analyses.size(); i++) {
            ScheduledAnalysis scheduled = analyses.get(i);
            String phase = "analyses[" + i + "] " + scheduled.spec().id();
            MemoryEstimate own;
            try {
                own = scheduled.resolved().provider().memoryEstimate(scheduled.resolved().settings(), target);
            } catch (RuntimeException e) {
                own = MemoryEstimate.NONE;
            }
            all = all.plus(MemoryEstimate.heap(phase, "weights snapshot around the analysis", parameters * FLOAT))
                    .plus((own == null ? MemoryEstimate.NONE : own).inPhase(phase));
        }
        return all;
    }

    /** Bytes of a dataset's arrays: features, labels and, for a perturbed set with empty slots, the slot map. */
    static long datasetBytes(Dataset data) {
        long bytes = (long) data.size() * data.featureSize() * FLOAT + (long) data.size() * Integer.BYTES;
        return data.slotCount() > data.size() ? bytes + (long) data.slotCount() * Integer.BYTES : bytes;
    }

    /**
     * What the memory model needs to know of the data: from loaded splits, or from a dataset's summary
     * (then there are no empty minibatch slots: those come only from perturbations).
     *
     * @param trainSlots minibatch slots of the training set, at least 1
     * @param trainBytes bytes of the training set's arrays ({@link #datasetBytes})
     */
    record DataSizes(int trainSize, int trainSlots, int testSize, int featureSize, int numClasses, long trainBytes,
            long testBytes) {

        static DataSizes of(DatasetSplits data) {
            Dataset train = data.train();
            return new DataSizes(train.size(), Math.max(1, train.slotCount()), data.test().size(), train.featureSize(),
                    train.numClasses(), datasetBytes(train), datasetBytes(data.test()));
        }

        static DataSizes of(DatasetSummary data) {
            long perExample = (long) data.featureSize() * FLOAT + Integer.BYTES;
            return new DataSizes(data.trainSize(), Math.max(1, data.trainSize()), data.testSize(), data.featureSize(),
                    data.numClasses(), data.trainSize() * perExample, data.testSize() * perExample);
        }
    }

    /**
     * Per-parameter state tensors of the optimizer, for the memory estimate: two for Adam's moments
     * (Kingma &amp; Ba 2015), one velocity with momentum, none for plain gradient descent.
     */
    static int optimizerSlots(Resolved<OptimizerProvider> optimizer) {
        String id = optimizer.descriptor().id().toLowerCase(java.util.Locale.ROOT);
        if (id.contains("adam")) {
            return 2;
        }
        return optimizer.provider().stepSize(optimizer.settings()).momentum() > 0 ? 1 : 0;
    }

    /**
     * The refusal of a run whose network, with its training, does not fit (see {@link #refusal}), or
     * null when it fits.
     */
    static InvalidExperimentException modelRefusal(Resolved<ArchitectureProvider> model, MemoryEstimate memory,
            long parameters, long trainable, int slots) {
        String refusal = refusal(memory, "use a smaller model (model.settings), a smaller training.batchSize or "
                + "fewer examples (dataset.settings)");
        if (refusal == null) {
            return null;
        }
        return new InvalidExperimentException("model", "architecture '" + model.descriptor().id() + "' with settings "
                + model.settings().asMap() + String.format(java.util.Locale.ROOT, ": p = %,d parameters need about "
                + "%s for weights, gradients and optimizer state; ", trainable,
                MemoryEstimate.size(parameters * FLOAT + trainable * FLOAT * (1 + slots))) + refusal);
    }

    /** The largest minibatch of any epoch (the batch may grow: Smith et al. 2018). */
    private static int largestBatch(TrainingSpec training, int n) {
        int largest = 1;
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            largest = Math.max(largest, training.batchSizeAt(epoch, n));
            if (largest == n) {
                break;
            }
        }
        return largest;
    }

    /**
     * Counts a network's parameters without allocating them: initializes it with an initializer
     * that records each parameter's shape and hands back a one-element array, then counts the values
     * its forward pass produces per example from the layers' output shapes. The probed block is
     * thrown away; the run builds its own.
     *
     * @return {parameters, trainable parameters, activations per example (input included, -1 when
     *         the layers' shapes cannot be followed)}, or null when the network cannot be probed
     *         this way (a custom block that computes with its initial weights)
     */
    static long[] probe(Engine engine, Block probe, int[] exampleShape) {
        long[] counts = {0, 0, AnalysisTarget.UNKNOWN_ACTIVATIONS};
        try (NDManager manager = engine.newBaseManager()) {
            probe.setInitializer((m, shape, type) -> {
                counts[0] += shape.size();
                return m.zeros(new Shape(1), type);
            }, parameter -> true);
            Shape input = BatchEvaluation.batchShape(1, exampleShape);
            probe.initialize(manager, DataType.FLOAT32, input);
            counts[1] = probe.getParameters().values().stream().filter(p -> p.requiresGradient())
                    .mapToLong(p -> p.getShape() == null ? 0 : p.getShape().size()).sum();
            try {
                counts[2] = input.size() + outputs(probe, new Shape[] {input});
            } catch (RuntimeException e) {
                counts[2] = AnalysisTarget.UNKNOWN_ACTIVATIONS;
            }
            return counts;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Values a block's forward pass produces for inputs of these shapes: the sum of every leaf's
     * output along a sequential chain; a block with other children (a residual unit, parallel
     * branches) counts its output once per leaf it contains. DJL's flatten and identity blocks
     * produce views of their input (a reshape of a contiguous tensor shares its storage), so they
     * count nothing.
     */
    private static long outputs(Block block, Shape[] inputs) {
        if (block instanceof LambdaBlock lambda && VIEWS.contains(lambda.getName())) {
            return 0;
        }
        if (block instanceof SequentialBlock && !block.getChildren().isEmpty()) {
            long sum = 0;
            Shape[] current = inputs;
            for (Block child : block.getChildren().values()) {
                sum += outputs(child, current);
                current = child.getOutputShapes(current);
            }
            return sum;
        }
        long size = 0;
        for (Shape shape : block.getOutputShapes(inputs)) {
            size += shape.size();
        }
        return size * (1 + leaves(block));
    }

    private static int leaves(Block block) {
        int count = 0;
        for (Block child : block.getChildren().values()) {
            count += child.getChildren().isEmpty() ? 1 : leaves(child);
        }
        return count;
    }

    /**
     * Why the run does not fit, or null when it does: its heap peak against the Java heap's
     * maximum, its native peak against the physical memory available to this process (what the
     * process already holds, plus what the machine or its cgroup still has free).
     *
     * @param change what the user can change, appended to the message
     */
    static String refusal(MemoryEstimate estimate, String change) {
        long heap = Runtime.getRuntime().maxMemory();
        long heapPeak = estimate.peakBytes(MemoryEstimate.Area.HEAP);
        long nativePeak = estimate.peakBytes(MemoryEstimate.Area.NATIVE);
        OptionalLong available = PhysicalMemory.availableToThisProcess();
        String need = "the run needs " + estimate.summary();
        if (available.isPresent() && nativePeak + Math.min(heapPeak, heap) > available.getAsLong()) {
            return need + "; that is more than the " + MemoryEstimate.size(available.getAsLong()) + " of memory "
                    + "available to this process; " + change;
        }
        if (heapPeak > heap) {
            return need + "; its Java parts (" + MemoryEstimate.size(heapPeak) + ") do not fit the Java heap of "
                    + MemoryEstimate.size(heap) + "; set CARNOT_HEAP (e.g. CARNOT_HEAP="
                    + Math.max(1, (estimate.heapToReserve() + (1L << 30) - 1) >> 30) + "g) or " + change;
        }
        return null;
    }
}
