package carnot.engine.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import carnot.api.component.CancelledException;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunListener;
import carnot.api.experiment.TrainingSpec;
import carnot.api.losses.LossFunction;
import carnot.api.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One epoch of plain minibatch training: the epoch's order of the training set in batches of B;
 * each step computes the mean per-example loss plus the regularizers' penalties inside a gradient
 * collector, back-propagates, applies the optimizer to every trainable parameter and zeroes the
 * gradients (DJL's PyTorch collector accumulates them). Everything a step creates lives in an
 * {@link NDScope} closed at its end.
 */
final class EpochTrainer {

    private final Engine engine;
    private final Dataset train;
    private final TrainingSpec training;
    private final Block block;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final Optimizer optimizer;
    private final LossFunction loss;
    private final List<Regularizer> regularizers;
    private final TrainingRun.EpochClock clock;
    /** The minibatches' inputs, in one direct buffer for the whole run (see BatchBuffer). */
    private final BatchBuffer inputs = new BatchBuffer();

    EpochTrainer(Engine engine, Dataset train, TrainingSpec training, Block block, NDManager manager,
            ParameterStore parameterStore, Optimizer optimizer, LossFunction loss, List<Regularizer> regularizers,
            TrainingRun.EpochClock clock) {
        this.engine = engine;
        this.train = train;
        this.training = training;
        this.block = block;
        this.manager = manager;
        this.parameterStore = parameterStore;
        this.optimizer = optimizer;
        this.loss = loss;
        this.regularizers = regularizers;
        this.clock = clock;
    }

    /** Steps of an epoch over {@code n} slots in batches of {@code batch}; the last batch may be smaller. */
    static int steps(int n, int batch) {
        return Math.max(1, (n + batch - 1) / batch);
    }

    /** The parameters the optimizer updates, by structural name. */
    static List<Pair<String, Parameter>> trainableParameters(Block block) {
        List<Pair<String, Parameter>> list = new ArrayList<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            if (entry.getValue().requiresGradient()) {
                list.add(entry);
            }
        }
        return list;
    }

    /**
     * Cancellation through the monitor, or an interrupt of the run's thread (a shell's Ctrl-C
     * interrupts the command's thread; a front end without a monitor of its own still stops).
     */
    static void checkCancelled(ProgressMonitor monitor) {
        monitor.checkCancelled();
        if (Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
    }

    /**
     * Trains epoch {@code epoch} (1-based) visiting the slots in {@code order}.
     *
     * @param step the steps taken before this epoch
     * @return the steps taken after it
     */
    long train(int epoch, int[] order, long step, SplittableRandom augmentation, RunListener listener,
            ProgressMonitor monitor) throws Exception {
        int n = train.slotCount();
        int batch = training.batchSizeAt(epoch, n);
        int steps = steps(n, batch);
        int featureSize = train.featureSize();
        int[] exampleShape = train.exampleShape();
        float[] features = train.features();
        int[] labels = train.labels();
        float[] xBuffer = new float[batch * featureSize];
        long[] yBuffer = new long[batch];
        List<Pair<String, Parameter>> parameters = trainableParameters(block);
        for (int s = 0; s < steps; s++) {
            checkCancelled(monitor);
            clock.set(epoch - 1 + (double) s / steps);
            int from = s * batch;
            int count = 0;
            for (int slot = from; slot < Math.min(from + batch, n); slot++) {
                int example = train.exampleAtSlot(order[slot]);
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
            double value = objectiveAndBackward(xBuffer, yBuffer, count, batch, exampleShape, parameters);
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

    /** The step's objective (mean loss plus penalties) on the first {@code count} examples, back-propagated. */
    private double objectiveAndBackward(float[] xBuffer, long[] yBuffer, int count, int batch, int[] exampleShape,
            List<Pair<String, Parameter>> parameters) {
        // The gradient buffers accumulate: whatever is in them when backward runs is added to this
        // step's gradient. Zero them first, so that a step's update is this batch's gradient alone
        // whatever ran before (an analysis that called backward on the model, a step cut short by
        // an exception): see GradientHygieneTest.
        NetworkGuard.zeroGradients(parameters);
        try (NDScope scope = new NDScope();
                GradientCollector collector = engine.newGradientCollector()) {
            NDArray x = inputs.floats(manager, xBuffer, 0, count * train.featureSize(),
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
            return objective.getFloat();
        }
    }
}
