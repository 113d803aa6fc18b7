package carnot.engine.internal;

import carnot.api.experiment.ExperimentSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Every random stream of a run derived from the experiment's seed alone, so that a seed fixes the
 * run and an epoch after a resume draws exactly what it would have drawn without the interruption.
 * Each stream is a SplitMix64 draw (Steele, Lea &amp; Flood 2014) from its own base, offset per epoch.
 */
final class RunSeeds {

    private RunSeeds() {
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

    /** Epoch {@code epoch}'s augmentation generator. */
    static SplittableRandom augmentation(long seed, int epoch) {
        return new SplittableRandom(epochSeed(augmentationSeed(seed), epoch));
    }

    /** The seed libtorch's generator gets before epoch {@code epoch} (dropout masks). */
    static int libtorchEpochSeed(long seed, int epoch) {
        return initializationSeed(epochSeed(libtorchSeed(seed), epoch));
    }

    /**
     * The order in which epoch {@code epoch} visits the {@code slots} minibatch slots: the identity,
     * or a Fisher-Yates shuffle with the epoch's generator, a function of the seed alone.
     */
    static int[] minibatchOrder(int slots, boolean shuffle, long seed, int epoch) {
        int[] order = new int[slots];
        for (int i = 0; i < slots; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(epochSeed(seed, epoch));
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
        return order;
    }

    /** The seeds as {@code provenance.json} records them. */
    static Map<String, Object> provenance(ExperimentSpec spec, List<Long> perturbationSeeds) {
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put("experiment", spec.seed());
        seeds.put("initialization", initializationSeed(spec.seed()));
        // Per epoch e, each stream draws from SplitMix64(base + golden * e): see epochSeed.
        seeds.put("minibatchOrder", spec.seed());
        seeds.put("augmentation", augmentationSeed(spec.seed()));
        seeds.put("libtorchPerEpoch", libtorchSeed(spec.seed()));
        seeds.put("perturbations", perturbationSeeds);
        if (spec.training().evaluationSubset() > 0) {
            seeds.put("evaluationSubset", ModelEvaluator.subsetSeed(spec.seed()));
        }
        return seeds;
    }
}
