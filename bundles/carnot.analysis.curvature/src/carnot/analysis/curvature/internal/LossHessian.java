package carnot.analysis.curvature.internal;

import carnot.api.autograd.Autograd;
import carnot.api.autograd.Examples;
import carnot.api.autograd.HessianOperator;
import carnot.api.autograd.LossAndGradient;
import carnot.curvature.linalg.SymmetricOperator;
import java.util.List;
import java.util.Map;

/**
 * The Hessian of the mean training loss {@code L(w) = (1/N) sum_{i<N} loss(f_w(x_i), y_i)} with
 * respect to the parameters an {@link Autograd} selects, as a {@link SymmetricOperator} on the
 * flattened parameters, with exact products by double backward (Pearlmutter 1994):
 * {@code H v = d/dw <dL/dw, v>}; plus the loss, its gradient and the outputs at the same point.
 *
 * <p>Everything goes through the API's autograd ({@code AnalysisContext.autograd}), which
 * differentiates copies of the parameters with {@code torch.autograd.grad}: the model's weights and
 * gradient buffers are never written, and there is no create_graph leak
 * (docs/design/hvp-without-leaks.md). {@link #setParameters(double[])} moves those copies, not the
 * model. The Hessian operator (and its cached first derivative, when the examples fit in one chunk)
 * is rebuilt after a move. Closing frees the operator, and the autograd too when this object owns it.
 */
public final class LossHessian implements SymmetricOperator, AutoCloseable {

    private final Autograd autograd;
    private final Examples examples;
    private final boolean ownsAutograd;
    private HessianOperator operator;
    private long products;

    /**
     * @param autograd     the derivatives, over the parameters to take the Hessian with respect to
     * @param examples     the examples the loss averages over, at least one
     * @param ownsAutograd whether {@link #close()} closes the autograd too
     */
    public LossHessian(Autograd autograd, Examples examples, boolean ownsAutograd) {
        if (examples.count() == 0) {
            throw new IllegalArgumentException("the Hessian needs at least one example; " + examples.data().name()
                    + " is empty");
        }
        this.autograd = autograd;
        this.examples = examples;
        this.ownsAutograd = ownsAutograd;
    }

    @Override
    public int dimension() {
        return autograd.dimension();
    }

    /** Structural names of the parameters, in the order of the flattened vector. */
    public List<String> names() {
        return autograd.parameterNames();
    }

    /** Number of examples the loss averages over. */
    public int examples() {
        return examples.count();
    }

    /** Hessian-vector products computed so far. */
    public long products() {
        return products;
    }

    @Override
    public void apply(double[] x, double[] y) {
        if (operator == null) {
            operator = autograd.hessian(examples);
        }
        operator.apply(x, y);
        products++;
    }

    /** The mean loss and its gradient (flattened, overwritten) at the current parameters. */
    public double lossAndGradient(double[] gradient) {
        LossAndGradient result = autograd.gradient(examples);
        System.arraycopy(result.gradient(), 0, gradient, 0, gradient.length);
        return result.loss();
    }

    /** The mean loss at the current parameters (no gradient). */
    public double loss() {
        return autograd.loss(examples);
    }

    /** The network's outputs on the examples, row-major (examples x outputs), in evaluation mode. */
    public double[] outputs() {
        return autograd.outputs(examples);
    }

    /**
     * The current parameter values, flattened. Exact: a float32 value widened to double and narrowed
     * back by {@link #setParameters(double[])} is the same float.
     */
    public double[] parameters() {
        return autograd.parameters();
    }

    /** Moves the point the loss, gradient and Hessian are taken at (the autograd's copies, not the model). */
    public void setParameters(double[] values) {
        invalidate();
        autograd.moveTo(values);
    }

    /** Splits a flattened vector into one array per parameter, by name. */
    public Map<String, float[]> split(double[] vector) {
        return autograd.split(vector);
    }

    /** Offset of parameter i in the flattened vector (i = count gives the dimension). */
    public int offset(int i) {
        List<String> names = names();
        return i == names.size() ? dimension() : autograd.offset(names.get(i));
    }

    /** Forgets the Hessian operator (after the point moved). */
    public void invalidate() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
    }

    @Override
    public void close() {
        invalidate();
        if (ownsAutograd) {
            autograd.close();
        }
    }
}
