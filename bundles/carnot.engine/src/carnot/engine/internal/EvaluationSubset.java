package carnot.engine.internal;

import carnot.api.datasets.Dataset;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed, seeded subset of a split for cheaper per-epoch evaluation: {@code k} examples drawn
 * without replacement (a partial Fisher-Yates shuffle with a seeded generator), kept in their
 * original order. The same seed gives the same subset at every epoch and in every process, so the
 * per-epoch curves are of one fixed sample; its mean loss and error are unbiased estimates of the
 * split's, with standard error about sqrt(e (1 - e) / k) for an error rate e.
 */
final class EvaluationSubset {

    private EvaluationSubset() {
    }

    /** The first {@code k} of a seeded permutation of {@code data}'s examples, in their order; the split itself when k >= its size. */
    static Dataset of(Dataset data, int k, long seed) {
        int n = data.size();
        if (k >= n) {
            return data;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] chosen = Arrays.copyOf(order, k);
        Arrays.sort(chosen);
        int featureSize = data.featureSize();
        float[] features = new float[k * featureSize];
        int[] labels = new int[k];
        float[] all = data.features();
        int[] allLabels = data.labels();
        for (int i = 0; i < k; i++) {
            System.arraycopy(all, chosen[i] * featureSize, features, i * featureSize, featureSize);
            labels[i] = allLabels[chosen[i]];
        }
        return Dataset.of(data.name() + " (evaluation subset of " + k + ")", data.exampleShape(), data.numClasses(),
                features, labels);
    }
}
