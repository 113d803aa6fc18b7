package carnot.api.internal;

import carnot.api.datasets.Dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The {@link Dataset} of {@link Dataset#of}: plain Java arrays, shared and not copied, with the
 * content hash computed once on first use and the minibatch slots of {@link #inSlots}.
 */
public final class ArrayDataset implements Dataset {

    private final String name;
    private final int[] exampleShape;
    private final int numClasses;
    private final float[] features;
    private final int[] labels;
    private volatile String sha256;
    /** Example at each minibatch slot ({@code -1}: an empty slot); {@code null}: slot i holds example i. */
    private int[] slotExamples;

    /**
     * A dataset over shared arrays, checked for consistent sizes and labels.
     *
     * @param name         human name including its derivation, e.g. {@code fashion-mnist/train[0:1000]}
     * @param exampleShape shape of one example, e.g. {@code [1, 28, 28]} or {@code [d]}
     * @param numClasses   number of classes
     * @param features     {@code labels.length * prod(exampleShape)} values, not copied
     * @param labels       one label per example, each in {@code [0, numClasses)}, not copied
     * @throws IllegalArgumentException when a dimension is not positive, the sizes disagree, or a label is out of range
     */
    public ArrayDataset(String name, int[] exampleShape, int numClasses, float[] features, int[] labels) {
        this.name = Objects.requireNonNull(name, "name");
        this.exampleShape = exampleShape.clone();
        this.numClasses = numClasses;
        this.features = Objects.requireNonNull(features, "features");
        this.labels = Objects.requireNonNull(labels, "labels");
        long featureSize = 1;
        for (int dim : exampleShape) {
            if (dim <= 0) {
                throw new IllegalArgumentException("example shape must be positive: " + Arrays.toString(exampleShape));
            }
            featureSize *= dim;
        }
        if ((long) labels.length * featureSize != features.length) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected "
                    + labels.length + " x " + featureSize);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside [0, "
                        + numClasses + ")");
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    @Override
    public int featureSize() {
        return labels.length == 0 ? Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b)
                : features.length / labels.length;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public float[] features() {
        return features;
    }

    @Override
    public int[] labels() {
        return labels;
    }

    @Override
    public Dataset inSlots(int[] slots, int slotCount) {
        if (slots.length != size() || slotCount < size()) {
            throw new IllegalArgumentException(slots.length + " slots of " + slotCount + " for " + size() + " examples");
        }
        int[] examples = new int[slotCount];
        Arrays.fill(examples, -1);
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] < 0 || slots[i] >= slotCount || examples[slots[i]] != -1) {
                throw new IllegalArgumentException("slot " + slots[i] + " of example " + i
                        + " is outside [0, " + slotCount + ") or taken twice");
            }
            examples[slots[i]] = i;
        }
        ArrayDataset placed = new ArrayDataset(name, exampleShape, numClasses, features, labels);
        placed.slotExamples = examples;
        return placed;
    }

    @Override
    public int slotCount() {
        return slotExamples == null ? size() : slotExamples.length;
    }

    @Override
    public int exampleAtSlot(int slot) {
        return slotExamples == null ? slot : slotExamples[slot];
    }

    @Override
    public String sha256() {
        String hash = sha256;
        if (hash == null) {
            hash = computeHash();
            sha256 = hash;
        }
        return hash;
    }

    private String computeHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer header = ByteBuffer.allocate(4 * (exampleShape.length + 2)).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(exampleShape.length);
            for (int dim : exampleShape) {
                header.putInt(dim);
            }
            header.putInt(numClasses);
            digest.update(header.array());
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int label : labels) {
                if (chunk.remaining() < 4) {
                    flush(digest, chunk);
                }
                chunk.putInt(label);
            }
            for (float value : features) {
                if (chunk.remaining() < 4) {
                    flush(digest, chunk);
                }
                chunk.putFloat(value);
            }
            flush(digest, chunk);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void flush(MessageDigest digest, ByteBuffer chunk) {
        digest.update(chunk.array(), 0, chunk.position());
        chunk.clear();
    }

    @Override
    public String toString() {
        return name + " (" + size() + " x " + Arrays.toString(exampleShape) + ", " + numClasses + " classes)";
    }
}
