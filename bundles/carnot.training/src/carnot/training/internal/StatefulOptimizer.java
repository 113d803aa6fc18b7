package carnot.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import carnot.api.optim.ResumableOptimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Base of this bundle's optimizers: per-parameter state (a step count and buffers such as momentum
 * or Adam's moments, on the parameter's manager) that is saved and restored with the run
 * ({@link ResumableOptimizer}). The saved form lists parameters sorted by id, each with its step
 * count and its buffers in DJL's array encoding (exact float values, shape and type).
 */
abstract class StatefulOptimizer extends Optimizer implements ResumableOptimizer {

    private static final int FORMAT = 1;

    /** One parameter's state. */
    static final class Entry {
        int steps;
        final NDArray[] buffers;

        Entry(int steps, NDArray[] buffers) {
            this.steps = steps;
            this.buffers = buffers;
        }
    }

    /** The learning rate, read from the run's schedule. */
    final Tracker learningRate;
    private final Map<String, Entry> state = new HashMap<>();

    StatefulOptimizer(Tracker learningRate) {
        super(new Builder());
        this.learningRate = learningRate;
    }

    /**
     * The state of a parameter with its step count advanced by one: on its first step, with
     * {@code buffers} arrays of zeros shaped like the weight.
     */
    final Entry step(String parameterId, NDArray weight, int buffers) {
        Entry entry = state.computeIfAbsent(parameterId, id -> {
            NDArray[] arrays = new NDArray[buffers];
            for (int i = 0; i < buffers; i++) {
                arrays[i] = weight.zerosLike();
            }
            return new Entry(0, arrays);
        });
        entry.steps++;
        return entry;
    }

    @Override
    public final void saveState(DataOutputStream out) throws IOException {
        out.writeInt(FORMAT);
        Map<String, Entry> sorted = new TreeMap<>(state);
        out.writeInt(sorted.size());
        for (Map.Entry<String, Entry> e : sorted.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().steps);
            out.writeInt(e.getValue().buffers.length);
            for (NDArray buffer : e.getValue().buffers) {
                byte[] bytes = buffer.encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    @Override
    public final void loadState(DataInputStream in, NDManager manager) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("optimizer state format " + format + "; this Carnot reads " + FORMAT);
        }
        int count = in.readInt();
        state.clear();
        for (int i = 0; i < count; i++) {
            String id = in.readUTF();
            int steps = in.readInt();
            NDArray[] buffers = new NDArray[in.readInt()];
            for (int b = 0; b < buffers.length; b++) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                buffers[b] = NDArray.decode(manager, bytes);
            }
            state.put(id, new Entry(steps, buffers));
        }
    }

    /** DJL's optimizer base wants a builder; none of its options (rescaling, clipping, decay) are used. */
    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
