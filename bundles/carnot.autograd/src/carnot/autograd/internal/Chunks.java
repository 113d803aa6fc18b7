package carnot.autograd.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import carnot.api.autograd.Examples;
import carnot.api.datasets.Dataset;
import java.nio.FloatBuffer;

/** Inputs and labels of a range of examples as native arrays, in the network's precision. */
final class Chunks {

    private Chunks() {
    }

    /**
     * The inputs of examples {@code [from, from + count)} of the dataset. Copied natively: DJL wraps a
     * Java buffer without copying, and a graph kept past this call (a cached first derivative) would
     * read freed memory.
     */
    static NDArray inputs(Dataset data, int from, int count, DataType dataType, NDManager manager) {
        int featureSize = data.featureSize();
        int[] exampleShape = data.exampleShape();
        long[] dims = new long[exampleShape.length + 1];
        dims[0] = count;
        for (int i = 0; i < exampleShape.length; i++) {
            dims[i + 1] = exampleShape[i];
        }
        NDArray x = manager.create(FloatBuffer.wrap(data.features(), from * featureSize, count * featureSize).slice(),
                new Shape(dims));
        return dataType == DataType.FLOAT32 ? x.duplicate() : x.toType(dataType, false);
    }

    static NDArray labels(Dataset data, int from, int count, NDManager manager) {
        long[] labels = new long[count];
        int[] all = data.labels();
        for (int i = 0; i < count; i++) {
            labels[i] = all[from + i];
        }
        return manager.create(labels).duplicate();
    }

    /** Number of chunks of at most {@code size} examples. */
    static int count(Examples examples, int size) {
        return (examples.count() + size - 1) / size;
    }
}
