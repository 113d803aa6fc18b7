package carnot.api.analysis;

import carnot.api.experiment.MemoryEstimate;

/**
 * The pieces analyses build their {@link AnalysisProvider#memoryEstimate} from, so that every
 * analysis counts the same things the same way. Sizes are of float32 tensors (4 bytes) and Java
 * {@code double[]} (8 bytes); p is the number of trainable parameters, A the values one example's
 * forward pass produces ({@link AnalysisTarget#activationsPerExampleOrGuess()}).
 *
 * <p>Autograd's graph: a backward pass keeps every layer's output of the forward pass (about
 * {@code A} values per example) and creates a gradient of the same size per layer while it runs;
 * a Hessian-vector product by double backward ({@code create_graph}, Pearlmutter 1994) keeps the
 * graph of that gradient as well, about three times the activations and three gradients' worth of
 * parameter-sized tensors.
 */
public final class AnalysisMemory {

    /** The phase analyses' parts are given; the engine renames it after the analysis. */
    public static final String PHASE = "analysis";

    /** Bytes of a float32 value. */
    public static final long FLOAT = 4;

    /** Bytes of a Java double. */
    public static final long DOUBLE = 8;

    private AnalysisMemory() {
    }

    /**
     * {@code copies} float copies of the weights on the heap: p x 4 x copies bytes (snapshots, directions, perturbed
     * weights).
     */
    public static MemoryEstimate weightCopies(AnalysisTarget target, int copies, String what) {
        return MemoryEstimate.heap(PHASE, what, target.parameterCount() * FLOAT * copies);
    }

    /** {@code count} double vectors of length p on the heap: p x 8 x count bytes (Lanczos bases, eigenvectors). */
    public static MemoryEstimate parameterVectors(AnalysisTarget target, int count, String what) {
        return MemoryEstimate.heap(PHASE, what, target.parameterCount() * DOUBLE * count);
    }

    /**
     * A forward and backward pass over {@code examples} at once: 2 A x examples x 4 bytes plus a gradient (p x 4),
     * native.
     */
    public static MemoryEstimate backwardGraph(AnalysisTarget target, long examples) {
        return MemoryEstimate.offHeap(PHASE, "autograd graph of " + examples + " examples",
                2 * target.activationsPerExampleOrGuess() * examples * FLOAT + target.parameterCount() * FLOAT);
    }

    /**
     * A Hessian-vector product over {@code examples} at once (double backward): 3 A x examples x 4 plus 3 p x 4 bytes,
     * native.
     */
    public static MemoryEstimate hessianVectorGraph(AnalysisTarget target, long examples) {
        return MemoryEstimate.offHeap(PHASE, "Hessian-vector product graph of " + examples + " examples",
                3 * target.activationsPerExampleOrGuess() * examples * FLOAT + 3 * target.parameterCount() * FLOAT);
    }

    /** A forward pass without autograd over {@code examples} at once: A x examples x 4 bytes at most, native. */
    public static MemoryEstimate forwardPass(AnalysisTarget target, long examples) {
        return MemoryEstimate.offHeap(PHASE, "forward pass of " + examples + " examples",
                target.activationsPerExampleOrGuess() * examples * FLOAT);
    }

    /** A dense {@code rows x columns} matrix of doubles on the heap (an EJML DMatrixRMaj, a kernel matrix). */
    public static MemoryEstimate denseMatrix(long rows, long columns, String what) {
        return MemoryEstimate.heap(PHASE, what, rows * columns * DOUBLE);
    }

    /** Outputs of {@code examples} examples as floats on the heap: examples x classes x 4 bytes. */
    public static MemoryEstimate outputs(AnalysisTarget target, long examples, String what) {
        return MemoryEstimate.heap(PHASE, what, examples * target.numClasses() * FLOAT);
    }

    /** The number of examples a setting "use at most this many (0: all)" selects from a split of {@code size}. */
    public static long examples(int setting, int size) {
        return setting <= 0 ? size : Math.min(setting, size);
    }

    /**
     * A singular value decomposition of the largest weight matrix (convolution kernels flattened to
     * out x rest) in doubles: the copy and the compact factors U and V, each at most its size.
     */
    public static MemoryEstimate largestLayerSvd(AnalysisTarget target) {
        long largest = target.model().parameters(carnot.api.models.ParameterRole.WEIGHT).stream()
                .mapToLong(carnot.api.models.ModelParameter::size).max().orElse(0);
        return MemoryEstimate.heap(PHASE, "SVD of the largest weight matrix", 3 * largest * DOUBLE);
    }
}
