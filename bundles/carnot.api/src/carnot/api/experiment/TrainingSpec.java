package carnot.api.experiment;

import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long and in what batches to train.
 *
 * <p>The batch size of epoch e (1-based) is {@code B_e = min(Bmax, B * growth^floor((e - 1) / every))}
 * ("increase the batch size instead of decaying the learning rate", Smith, Kindermans, Ying &amp; Le
 * 2018); {@code fullBatch} makes every step use the whole training set (gradient descent). With
 * {@code until} other than {@code epochs}, training stops after the first epoch whose train 0-1
 * error (or mean train loss) is at most {@code target}: the time-to-fit of Zhang et al. (2017);
 * {@code epochs} is then the most it may take.
 *
 * @param epochs         passes over the training set (the most, when stopping at a target)
 * @param batchSize      minibatch size B of the first epoch (the last batch of an epoch may be smaller)
 * @param evalBatchSize  batch size for evaluation passes (affects speed and memory only)
 * @param shuffle        reshuffle the training set every epoch (seeded)
 * @param fullBatch      every step uses all N training examples, whatever {@code batchSize} says
 * @param batchGrowth    factor the batch size is multiplied by every {@code batchGrowthEvery} epochs; 1 = constant
 * @param batchGrowthEvery epochs between batch-size increases
 * @param maxBatchSize   cap on the batch size; 0 = N
 * @param until          {@code epochs}, {@code train-error} or {@code train-loss}
 * @param target         the train error or loss to stop at (ignored for {@code until = epochs})
 * @param checkpointEvery keep the weights after every this many epochs, and at initialization, in the
 *                       run's {@code checkpoints/} (the final weights are always kept): the material of
 *                       optimization-trajectory analyses (Li et al. 2018, Section 7); 0 = only the final
 *                       weights. See {@link #keptCheckpoints(int)} for how many files that makes.
 * @param evaluateEvery  evaluate the train and test sets after every this many epochs (and always
 *                       before training, after the last epoch and whenever an analysis is due);
 *                       1 = every epoch
 * @param evaluationSubset evaluate a fixed, seeded subset of this many examples of each split
 *                       instead of the whole split (0 = the whole split); analyses still see
 *                       the whole splits
 */
public record TrainingSpec(int epochs, int batchSize, int evalBatchSize, boolean shuffle, boolean fullBatch,
        double batchGrowth, int batchGrowthEvery, int maxBatchSize, String until, double target,
        int checkpointEvery, int evaluateEvery, int evaluationSubset) {

    /** Stop after {@code epochs}. */
    public static final String UNTIL_EPOCHS = "epochs";
    /** Stop when the train 0-1 error is at most the target. */
    public static final String UNTIL_TRAIN_ERROR = "train-error";
    /** Stop when the mean train loss is at most the target. */
    public static final String UNTIL_TRAIN_LOSS = "train-loss";

    /** Keys, defaults and limits of the {@code training} object of an experiment file. */
    public static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("epochs", 10, "passes over the training set (the most, with until)").min(1),
            Setting.integer("batchSize", 128, "minibatch size B").min(1),
            Setting.integer("evalBatchSize", 1000, "batch size of evaluation passes").min(1),
            Setting.bool("shuffle", true, "reshuffle the training set every epoch"),
            Setting.bool("fullBatch", false, "every step uses the whole training set (gradient descent)"),
            Setting.number("batchGrowth", 1.0, "multiply the batch size by this every batchGrowthEvery epochs "
                    + "(Smith et al. 2018); 1 = constant").min(1).max(1000),
            Setting.integer("batchGrowthEvery", 1, "epochs between batch-size increases").min(1),
            Setting.integer("maxBatchSize", 0, "cap on the growing batch size; 0 = the training set size").min(0),
            Setting.choice("until", UNTIL_EPOCHS, "stop after the epochs, or at the first epoch whose train error "
                    + "or train loss is <= target (time-to-fit)", UNTIL_EPOCHS, UNTIL_TRAIN_ERROR, UNTIL_TRAIN_LOSS),
            Setting.number("target", 0.0, "train error (fraction) or train loss to stop at, with until").min(0),
            Setting.integer("checkpointEvery", 0, "keep the weights every this many epochs and at epoch 0 in "
                    + "checkpoints/ (optimization trajectories); 0 = only the final weights").min(0),
            Setting.integer("evaluateEvery", 1, "evaluate the train and test sets every k epochs (also at epoch 0, "
                    + "the last epoch and when an analysis is due; with until, the target is checked then)").min(1),
            Setting.integer("evaluationSubset", 0, "evaluate a fixed seeded subset of this many examples of each "
                    + "split (0 = the whole split; analyses always see whole splits)").min(0));

    /**
     * Checks what the schema's limits cannot express alone.
     *
     * @throws IllegalArgumentException when {@code until} is not one of the three choices, or
     *         {@code checkpointEvery}, {@code evaluateEvery} or {@code evaluationSubset} is out of range
     */
    public TrainingSpec {
        if (until == null || !SCHEMA.settings().get(8).choices().contains(until)) {
            throw new IllegalArgumentException("until must be one of " + SCHEMA.settings().get(8).choices());
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpointEvery must be >= 0, got " + checkpointEvery);
        }
        if (evaluateEvery < 1 || evaluationSubset < 0) {
            throw new IllegalArgumentException("evaluateEvery must be >= 1 and evaluationSubset >= 0, got "
                    + evaluateEvery + " and " + evaluationSubset);
        }
    }

    /** A builder with the defaults of {@link #SCHEMA}: 10 epochs of batch 128, shuffled, stopping after the epochs. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to derive a changed copy (what withers would do). */
    public Builder toBuilder() {
        return new Builder().epochs(epochs).batchSize(batchSize).evalBatchSize(evalBatchSize).shuffle(shuffle)
                .fullBatch(fullBatch).batchGrowth(batchGrowth).batchGrowthEvery(batchGrowthEvery)
                .maxBatchSize(maxBatchSize).until(until).target(target).checkpointEvery(checkpointEvery)
                .evaluateEvery(evaluateEvery).evaluationSubset(evaluationSubset);
    }

    /** The spec of the {@code training} object an experiment file holds, once validated against {@link #SCHEMA}. */
    public static TrainingSpec from(Settings settings) {
        return new TrainingSpec(settings.getInt("epochs"), settings.getInt("batchSize"),
                settings.getInt("evalBatchSize"), settings.getBoolean("shuffle"), settings.getBoolean("fullBatch"),
                settings.getDouble("batchGrowth"), settings.getInt("batchGrowthEvery"),
                settings.getInt("maxBatchSize"), settings.getString("until"), settings.getDouble("target"),
                settings.getInt("checkpointEvery"), settings.getInt("evaluateEvery"),
                settings.getInt("evaluationSubset"));
    }

    /** Whether the weights after {@code epoch} (0 = at initialization) are kept as a checkpoint of the trajectory. */
    public boolean keepsCheckpoint(int epoch) {
        return checkpointEvery > 0 && epoch % checkpointEvery == 0;
    }

    /**
     * The most checkpoint files a run keeps: the trajectory's (epoch 0 and every
     * {@code checkpointEvery}-th epoch up to {@code epochs}) and the final weights when their epoch is
     * not one of them. A run that stops early at its target keeps fewer.
     */
    public int keptCheckpoints(int epochs) {
        if (checkpointEvery == 0) {
            return 1;
        }
        int trajectory = epochs / checkpointEvery + 1;
        return trajectory + (epochs % checkpointEvery == 0 ? 0 : 1);
    }

    /** The minibatch size used in epoch {@code epoch} (1-based) on {@code trainSize} examples. */
    public int batchSizeAt(int epoch, int trainSize) {
        int n = Math.max(1, trainSize);
        if (fullBatch) {
            return n;
        }
        int cap = maxBatchSize == 0 ? n : Math.min(maxBatchSize, n);
        double size = batchSize * Math.pow(batchGrowth, (epoch - 1) / batchGrowthEvery);
        return (int) Math.max(1, Math.min(cap, Math.min(size, Integer.MAX_VALUE)));
    }

    /**
     * Whether the splits are evaluated after {@code epoch} (0 = before training) of a run of
     * {@link #epochs()}: before training, every {@code evaluateEvery} epochs and after the last.
     */
    public boolean evaluatesAfter(int epoch) {
        return epoch == 0 || epoch >= epochs || epoch % evaluateEvery == 0;
    }

    /** Whether training stops after an epoch with these train metrics. */
    public boolean targetReached(double trainError, double trainLoss) {
        return switch (until) {
            case UNTIL_TRAIN_ERROR -> trainError <= target;
            case UNTIL_TRAIN_LOSS -> trainLoss <= target;
            default -> false;
        };
    }

    /** This spec as the {@code training} object of an experiment file: every key of {@link #SCHEMA}, in its order. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("epochs", epochs);
        map.put("batchSize", batchSize);
        map.put("evalBatchSize", evalBatchSize);
        map.put("shuffle", shuffle);
        map.put("fullBatch", fullBatch);
        map.put("batchGrowth", batchGrowth);
        map.put("batchGrowthEvery", batchGrowthEvery);
        map.put("maxBatchSize", maxBatchSize);
        map.put("until", until);
        map.put("target", target);
        map.put("checkpointEvery", checkpointEvery);
        map.put("evaluateEvery", evaluateEvery);
        map.put("evaluationSubset", evaluationSubset);
        return map;
    }

    /**
     * Builds a {@link TrainingSpec} by name rather than by position, as DJL's builders do. Every value
     * starts at its {@link #SCHEMA} default; {@link #build()} checks the values against the schema's
     * limits, so a builder can never make a spec an experiment file could not hold.
     */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {
            for (Setting setting : SCHEMA.settings()) {
                values.put(setting.key(), setting.defaultValue());
            }
        }

        /** Passes over the training set (the most, when stopping at a target); at least 1. */
        public Builder epochs(int epochs) {
            return set("epochs", epochs);
        }

        /** Minibatch size of the first epoch; at least 1. */
        public Builder batchSize(int batchSize) {
            return set("batchSize", batchSize);
        }

        /** Batch size of evaluation passes (speed and memory only); at least 1. */
        public Builder evalBatchSize(int evalBatchSize) {
            return set("evalBatchSize", evalBatchSize);
        }

        /** Whether the training set is reshuffled (seeded) every epoch. */
        public Builder shuffle(boolean shuffle) {
            return set("shuffle", shuffle);
        }

        /** Whether every step uses the whole training set (gradient descent). */
        public Builder fullBatch(boolean fullBatch) {
            return set("fullBatch", fullBatch);
        }

        /** Factor the batch size grows by every {@code batchGrowthEvery} epochs (Smith et al. 2018); 1 to 1000. */
        public Builder batchGrowth(double batchGrowth) {
            return set("batchGrowth", batchGrowth);
        }

        /** Epochs between batch-size increases; at least 1. */
        public Builder batchGrowthEvery(int batchGrowthEvery) {
            return set("batchGrowthEvery", batchGrowthEvery);
        }

        /** Cap on the growing batch size; 0 = the training set size. */
        public Builder maxBatchSize(int maxBatchSize) {
            return set("maxBatchSize", maxBatchSize);
        }

        /** When to stop: {@link #UNTIL_EPOCHS}, {@link #UNTIL_TRAIN_ERROR} or {@link #UNTIL_TRAIN_LOSS}. */
        public Builder until(String until) {
            return set("until", until);
        }

        /** The train error (fraction) or train loss to stop at, with {@code until}; at least 0. */
        public Builder target(double target) {
            return set("target", target);
        }

        /** Keep the weights every this many epochs and at initialization; 0 = only the final weights. */
        public Builder checkpointEvery(int checkpointEvery) {
            return set("checkpointEvery", checkpointEvery);
        }

        /** Evaluate the splits every this many epochs (and at epoch 0, the last and when analyses are due). */
        public Builder evaluateEvery(int evaluateEvery) {
            return set("evaluateEvery", evaluateEvery);
        }

        /** Evaluate a fixed seeded subset of this many examples of each split; 0 = the whole split. */
        public Builder evaluationSubset(int evaluationSubset) {
            return set("evaluationSubset", evaluationSubset);
        }

        /**
         * The spec.
         *
         * @throws carnot.api.component.InvalidSettingsException naming the field ({@code training.<key>})
         *         whose value is outside the limits {@link #SCHEMA} states
         */
        public TrainingSpec build() {
            return from(SCHEMA.validate(values, "training"));
        }

        private Builder set(String key, Object value) {
            values.put(key, value);
            return this;
        }
    }
}
