package carnot.api.datasets;

import carnot.api.internal.ArrayDataset;

/**
 * A labelled classification dataset held in memory as plain Java arrays: {@code size()}
 * examples, each a float tensor of {@link #exampleShape()} stored row-major in
 * {@link #features()}, with integer labels in {@code [0, numClasses)}.
 *
 * <p>The arrays are shared, not copied: callers must not modify them. The content hash
 * (SHA-256 over shape, labels and feature bits) identifies the data in a run's provenance.
 * Providers make datasets with {@link #of}; the implementation is not part of the API.
 */
public interface Dataset {

    /**
     * A dataset over shared arrays, checked for consistent sizes and labels.
     *
     * @param name         human name including its derivation, e.g. {@code fashion-mnist/train[0:1000]}
     * @param exampleShape shape of one example, e.g. {@code [1, 28, 28]} or {@code [d]}
     * @param numClasses   number of classes
     * @param features     {@code labels.length * prod(exampleShape)} values, not copied
     * @param labels       one label per example, each in {@code [0, numClasses)}, not copied
     * @return the dataset
     * @throws IllegalArgumentException when a dimension is not positive, the sizes disagree, or a label is out of range
     */
    static Dataset of(String name, int[] exampleShape, int numClasses, float[] features, int[] labels) {
        return new ArrayDataset(name, exampleShape, numClasses, features, labels);
    }

    /** The human name including its derivation, e.g. {@code fashion-mnist/train[0:1000]}. */
    String name();

    /** The number of examples. */
    int size();

    /** The shape of one example, e.g. {@code [1, 28, 28]} or {@code [d]}: a copy. */
    int[] exampleShape();

    /** Number of values per example: the product of {@link #exampleShape()}. */
    int featureSize();

    /** The number of classes; labels are in {@code [0, numClasses)}. */
    int numClasses();

    /** Row-major features, shared: do not modify. */
    float[] features();

    /** Labels, shared: do not modify. */
    int[] labels();

    /**
     * This dataset placed in a larger index space of minibatch slots: example i occupies slot
     * {@code slots[i]} of {@code slotCount}, the other slots are empty. The training loop draws its
     * minibatch permutation over the slots and leaves empty slots out of their batch, so a training
     * set with one example removed visits every other example in the same batches, in the same
     * order, as the full set with the same seed: the matched minibatch orders of leave-one-out
     * stability (Hardt, Recht and Singer 2016). Arrays are shared; {@code slots} is copied.
     *
     * @param slots     distinct slots in {@code [0, slotCount)}, one per example
     * @param slotCount at least {@link #size()}
     * @return the same examples, placed in the slots
     * @throws IllegalArgumentException when a slot is out of range or taken twice
     */
    Dataset inSlots(int[] slots, int slotCount);

    /** The number of minibatch slots: {@link #size()} unless placed with {@link #inSlots}. */
    int slotCount();

    /** The example at a minibatch slot, or {@code -1} for an empty slot (see {@link #inSlots}). */
    int exampleAtSlot(int slot);

    /** SHA-256 (hex) of the shape, class count, labels and the IEEE bits of the features. */
    String sha256();
}
