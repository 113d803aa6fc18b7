package carnot.engine.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import carnot.api.analysis.BatchEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A first, deliberately small estimate of a run's memory from its parameter count alone, so that
 * a network far too large ({@code hidden: [40000, 40000]}: 1.6e9 parameters) is refused before
 * anything is allocated. It counts float32 weights, their gradients and the optimizer's per-parameter
 * state in native memory, and the copies the engine keeps on the Java heap (the initial weights,
 * a checkpoint and a resume state). The full memory model of a run (activations, data, analyses)
 * is a separate piece of work; this function is meant to be replaced by it.
 */
final class ParameterMemory {

    /** Bytes of one float32 value. */
    static final long FLOAT_BYTES = 4;

    private ParameterMemory() {
    }

    /**
     * Native bytes of p parameters: weights + gradients + {@code optimizerSlots} state tensors of
     * the same size (0 for plain GD, 1 for momentum, 2 for Adam).
     */
    static long nativeBytes(long parameters, int optimizerSlots) {
        return parameters * FLOAT_BYTES * (2 + optimizerSlots);
    }

    /** Java heap bytes the engine needs for copies of p parameters: initial weights, checkpoint, resume state. */
    static long heapBytes(long parameters) {
        return parameters * FLOAT_BYTES * 3;
    }

    /**
     * Counts a network's parameters without allocating them: initializes it with an initializer
     * that records each parameter's shape and hands back a one-element array. The probed block is
     * thrown away; the run builds its own.
     *
     * @return the count, or empty when the network cannot be probed this way (a custom block that
     *         computes with its initial weights)
     */
    static OptionalLong countParameters(Engine engine, Block probe, int[] exampleShape) {
        long[] count = {0};
        try (NDManager manager = engine.newBaseManager()) {
            probe.setInitializer((m, shape, type) -> {
                count[0] += shape.size();
                return m.zeros(new Shape(1), type);
            }, parameter -> true);
            probe.initialize(manager, DataType.FLOAT32, BatchEvaluation.batchShape(1, exampleShape));
            return OptionalLong.of(count[0]);
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Why p parameters do not fit, or null when they do: the estimate against the memory available
     * to the process (MemAvailable) and the Java heap.
     */
    static String refusal(long parameters, int optimizerSlots) {
        long nativeNeed = nativeBytes(parameters, optimizerSlots);
        long heapNeed = heapBytes(parameters);
        long heap = Runtime.getRuntime().maxMemory();
        OptionalLong available = availableMemory();
        String need = String.format(Locale.ROOT, "p = %,d parameters need about %s for float32 weights, gradients "
                + "and optimizer state (p x 4 bytes x %d)", parameters, gigabytes(nativeNeed), 2 + optimizerSlots);
        if (available.isPresent() && nativeNeed > available.getAsLong()) {
            return need + ", more than the " + gigabytes(available.getAsLong()) + " of memory available; use a smaller "
                    + "model";
        }
        if (heapNeed > heap) {
            return need + String.format(Locale.ROOT, ", and %s of Java heap for copies of the weights (p x 4 bytes "
                    + "x 3), more than the heap of %s; use a smaller model or set CARNOT_HEAP", gigabytes(heapNeed),
                    gigabytes(heap));
        }
        return null;
    }

    private static OptionalLong availableMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: only the heap is checked.
        }
        return OptionalLong.empty();
    }

    static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
