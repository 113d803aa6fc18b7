package carnot.engine.internal;

import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetSplits;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.regularizers.EarlyStopping;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Holds out a validation split of the training set for early stopping: a seeded random
 * m = round(fraction n) examples (at least 1, leaving at least 1) become the validation set, the
 * rest, in their original order, the training set. Deterministic given the seed, so that a
 * checkpoint re-analysis rebuilds the same training set.
 */
record ValidationSplit(DatasetSplits splits, Dataset validation, EarlyStopping rule) {

    /** The seed of the split, apart from the run's other generators. */
    static long seed(long experimentSeed) {
        return new SplittableRandom(experimentSeed ^ 0x7A11DA7E5EEDL).nextLong();
    }

    static ValidationSplit of(DatasetSplits data, EarlyStopping rule, long experimentSeed)
            throws InvalidExperimentException {
        Dataset train = data.train();
        int n = train.size();
        int m = (int) Math.round(rule.validationFraction() * n);
        if (n < 2) {
            throw new InvalidExperimentException("regularizers", "early stopping needs at least 2 training examples "
                    + "to hold out a validation split, got " + n);
        }
        m = Math.max(1, Math.min(n - 1, m));
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed(experimentSeed));
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int[] held = Arrays.copyOf(order, m);
        Arrays.sort(held);
        boolean[] isHeld = new boolean[n];
        for (int i : held) {
            isHeld[i] = true;
        }
        int[] kept = new int[n - m];
        for (int i = 0, k = 0; i < n; i++) {
            if (!isHeld[i]) {
                kept[k++] = i;
            }
        }
        Dataset rest = select(train, kept, train.name() + "|minus-validation(" + m + ")");
        Dataset validation = select(train, held, train.name() + "|validation(" + m + ")");
        return new ValidationSplit(new DatasetSplits(rest, data.test()), validation, rule);
    }

    private static Dataset select(Dataset base, int[] indices, String name) {
        int d = base.featureSize();
        float[] features = new float[indices.length * d];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(base.features(), indices[i] * d, features, i * d, d);
            labels[i] = base.labels()[indices[i]];
        }
        return Dataset.of(name, base.exampleShape(), base.numClasses(), features, labels);
    }
}
