package carnot.datasets.internal;

import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetException;

/** Index checks and selections the one-example perturbations share. */
final class ExampleIndices {

    private ExampleIndices() {
    }

    /** {@code index} if it names an example of {@code data}, else a message naming the setting. */
    static int check(Dataset data, int index, String key) throws DatasetException {
        if (index >= data.size()) {
            throw new DatasetException("settings." + key + ": expected an example index in [0, " + (data.size() - 1)
                    + "] (" + data.name() + " has " + data.size() + " examples), got " + index);
        }
        return index;
    }

    /** 0..n-1 without {@code skipped}, ascending. */
    static int[] allBut(int n, int skipped) {
        int[] kept = new int[n - 1];
        for (int i = 0, k = 0; i < n; i++) {
            if (i != skipped) {
                kept[k++] = i;
            }
        }
        return kept;
    }

    /** The minibatch slot of every example of {@code data} (see {@link Dataset#inSlots}). */
    static int[] slots(Dataset data) {
        int[] slots = new int[data.size()];
        for (int slot = 0; slot < data.slotCount(); slot++) {
            int example = data.exampleAtSlot(slot);
            if (example >= 0) {
                slots[example] = slot;
            }
        }
        return slots;
    }

    /** {@code derived} (same size as {@code base}) in the slots {@code base}'s examples occupy. */
    static Dataset keepSlots(Dataset base, Dataset derived) {
        return base.slotCount() == base.size() ? derived : derived.inSlots(slots(base), base.slotCount());
    }
}
