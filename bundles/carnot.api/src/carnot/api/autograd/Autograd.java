package carnot.api.autograd;

import java.util.List;
import java.util.Map;

/**
 * Exact derivatives of a network's loss with respect to a selection of its parameters, as plain
 * arrays. Get one from {@code AnalysisContext.autograd()} (every parameter) or
 * {@code AnalysisContext.autograd(names)} (a subset, by structural name).
 *
 * <p><b>What is differentiated.</b> {@code L(theta) = (1/n) sum_i loss(f_theta(x_i), y_i)} over
 * the given {@link Examples}: the run's loss function only, without regularizer penalties; the
 * network in evaluation mode (dropout off, batch normalization with its running statistics), as
 * the run's per-epoch evaluation sees it. Vectors over parameters are flattened: the selected
 * parameters in {@link #parameterNames()} order (the network's order), each row-major.
 *
 * <p><b>Side effects: none.</b> Every call differentiates with respect to this object's own copy
 * of the selected parameters, taken when it was created (or set by {@link #moveTo}); derivatives
 * come from {@code torch.autograd.grad}, which returns them instead of accumulating them into
 * {@code .grad}. So the model's weights, its gradient buffers and the flags that say which
 * parameters are trained are never changed, and training after the analysis is bit-for-bit what
 * it would have been without it. The random number generators are not used.
 *
 * <p><b>Memory.</b> The object holds one copy of the selected parameters (p values in the
 * network's precision) until it is closed (the context closes it after the analysis). Each call
 * processes the examples in chunks of the run's evaluation batch size and keeps at most one
 * chunk's graph alive; the memory each call holds beyond that is stated on the method. Results
 * are Java arrays, the caller's to keep.
 *
 * <p>Not thread-safe: call it from the analysis's thread.
 */
public interface Autograd extends AutoCloseable {

    /** Structural names of the selected parameters, in the order of flattened vectors. */
    List<String> parameterNames();

    /** p: the number of selected parameter values, the length of every parameter-space vector. */
    int dimension();

    /** Offset of a selected parameter in flattened vectors. */
    int offset(String parameterName);

    /** The values the calls differentiate at, flattened (a new array). */
    double[] parameters();

    /**
     * Differentiates at other values of the selected parameters from now on (for perturbation
     * analyses: sharpness, reparameterizations). The model's own weights stay as they are.
     *
     * @param values p values; not modified, not kept
     */
    void moveTo(double[] values);

    /** Back to the model's current weights (re-copied now). */
    void reset();

    /** A flattened vector split into one array per selected parameter, by name, in order. */
    Map<String, float[]> split(double[] vector);

    /**
     * The outputs f(x_i) at the values the calls differentiate at, row-major {@code n x K} (no
     * derivative). Memory: one chunk's forward pass without a graph.
     */
    double[] outputs(Examples examples);

    /** The mean loss (no derivative). Memory: one chunk's forward pass without a graph. */
    double loss(Examples examples);

    /**
     * The mean loss and its gradient. Memory: one chunk's forward graph and one gradient (p
     * values) at a time.
     */
    LossAndGradient gradient(Examples examples);

    /**
     * The gradient of each example's own loss, {@code d loss_i / d theta} (not divided by n),
     * handed to {@code receiver} in example order. One backward pass per example: n passes.
     * Memory: one chunk's forward graph, kept across its examples' backward passes, plus one
     * gradient at a time; collecting all n gradients is the receiver's choice (n p values).
     */
    void perExampleGradients(Examples examples, ExampleGradients receiver);

    /**
     * The outputs and {@code d loss_i / d f(x_i)} for each example. Memory: one chunk's forward
     * graph; the result is 2 n K + n values.
     */
    OutputGradients outputGradients(Examples examples);

    /**
     * {@code H v} for the Hessian of the mean loss. Memory: one chunk's first derivative with its
     * graph (create_graph; about three forward passes' activations) at a time. For many products
     * on the same examples use {@link #hessian(Examples)}, which builds that graph once.
     *
     * @param v p values; not modified
     */
    double[] hessianVectorProduct(Examples examples, double[] v);

    /** The Hessian as an operator for iterative methods; see {@link HessianOperator} for memory. */
    HessianOperator hessian(Examples examples);

    /**
     * {@code J v}, J the Jacobian of the outputs {@code (f(x_1), ..., f(x_n))} with respect to the
     * selected parameters: how the outputs move along v, row-major {@code n x K}. Computed
     * exactly by two reverse passes (the transpose of the vector-Jacobian product, differentiated
     * in its seed). Memory: one chunk's forward graph and the graph of its vector-Jacobian product.
     *
     * @param v p values; not modified
     */
    double[] jacobianVectorProduct(Examples examples, double[] v);

    /**
     * {@code J^T u = sum_i (d f(x_i) / d theta)^T u_i}, u row-major {@code n x K}. Memory: one
     * chunk's forward graph and one gradient.
     *
     * @param u n K values; not modified
     */
    double[] vectorJacobianProduct(Examples examples, double[] u);

    /** Frees the copy of the parameters and the native module; the context does it after the analysis. */
    @Override
    void close();
}
