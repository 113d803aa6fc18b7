package carnot.api.autograd;

/**
 * The Hessian {@code H = d^2 L / d theta^2} of the mean loss over fixed examples at fixed
 * parameter values, as a symmetric linear operator for iterative methods (Lanczos, power
 * iteration, Hutchinson traces), with exact products by double backward (Pearlmutter 1994).
 *
 * <p>Memory: it holds its own copy of the selected parameters (p values). When the examples fit in
 * one chunk, the first derivative and its graph (about three times the forward pass's
 * activations for those examples) are built once and kept until {@link #close()}, and each
 * product is one backward pass; otherwise every product recomputes forward and gradient chunk by
 * chunk and only one chunk's graph is alive at a time. Close it when done.
 */
public interface HessianOperator extends AutoCloseable {

    /** p, the number of selected parameter values. */
    int dimension();

    /**
     * {@code out = H v}.
     *
     * @param v   p values; not modified
     * @param out p values; overwritten
     */
    void apply(double[] v, double[] out);

    /** Products computed so far. */
    long products();

    @Override
    void close();
}
