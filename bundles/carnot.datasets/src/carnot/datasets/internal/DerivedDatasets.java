package carnot.datasets.internal;

import carnot.api.datasets.Dataset;
import java.util.SplittableRandom;

/** Small pure functions the perturbations share. Inputs are never modified. */
final class DerivedDatasets {

    private DerivedDatasets() {
    }

    /** {@code base} with new features, labels and class count, named {@code base.name() + "|" + step}. */
    static Dataset derive(Dataset base, String step, float[] features, int[] labels, int numClasses) {
        return Dataset.of(base.name() + "|" + step, base.exampleShape(), numClasses, features, labels);
    }

    /** {@code base} with new features, same labels. */
    static Dataset withFeatures(Dataset base, String step, float[] features) {
        return derive(base, step, features, base.labels(), base.numClasses());
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /**
     * Every example's features rearranged: value j of example i becomes value
     * {@code permutationOf(i)[j]} of the same example. Labels are kept.
     */
    static Dataset permuteFeatures(Dataset base, String step, java.util.function.IntFunction<int[]> permutationOf) {
        int d = base.featureSize();
        float[] in = base.features();
        float[] out = new float[in.length];
        for (int i = 0; i < base.size(); i++) {
            int[] permutation = permutationOf.apply(i);
            int offset = i * d;
            for (int j = 0; j < d; j++) {
                out[offset + j] = in[offset + permutation[j]];
            }
        }
        return withFeatures(base, step, out);
    }

    /** The examples at {@code indices}, in that order. */
    static Dataset select(Dataset base, String step, int[] indices, int[] newLabels, int numClasses) {
        int d = base.featureSize();
        float[] features = new float[indices.length * d];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(base.features(), indices[i] * d, features, i * d, d);
            labels[i] = newLabels == null ? base.labels()[indices[i]] : newLabels[i];
        }
        return derive(base, step, features, labels, numClasses);
    }
}
