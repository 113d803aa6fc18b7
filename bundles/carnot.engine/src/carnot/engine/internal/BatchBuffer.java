package carnot.engine.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One reusable native-order direct buffer for the inputs of successive batches.
 *
 * <p>Why: DJL's PyTorch engine makes a tensor from a Java array by copying it into a fresh direct
 * buffer, which the tensor keeps and which is freed only when the garbage collector finds it after
 * the tensor is closed. At one buffer per minibatch these pile up in native memory between
 * collections, the more the larger the heap (about 2 GB over the quickstart's 20 epochs with an
 * 8 GB heap). A tensor made here uses this buffer instead: it aliases it, so close the tensor (or
 * its scope) before the next call. Not thread-safe: one per loop.
 */
public final class BatchBuffer {

    private ByteBuffer bytes = ByteBuffer.allocateDirect(0);

    /**
     * A float32 tensor of {@code shape} holding {@code values[from, from + length)}, in
     * {@code manager}; it aliases this buffer until closed.
     */
    public NDArray floats(NDManager manager, float[] values, int from, int length, Shape shape) {
        int need = Math.multiplyExact(length, Float.BYTES);
        if (bytes.capacity() < need) {
            bytes = ByteBuffer.allocateDirect(need).order(ByteOrder.nativeOrder());
        }
        bytes.clear();
        bytes.asFloatBuffer().put(values, from, length);
        bytes.limit(need);
        return manager.create(bytes, shape, DataType.FLOAT32);
    }
}
