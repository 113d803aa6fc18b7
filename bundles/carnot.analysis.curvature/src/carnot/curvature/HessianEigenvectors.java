package carnot.curvature;

import ai.djl.nn.Block;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.losses.LossFunction;

/**
 * The top eigenpairs of the Hessian of the mean training loss
 * {@code L(w) = (1/n) sum_i loss(f_w(x_i), y_i)} with respect to the network's parameters, by
 * Lanczos with full reorthogonalization on exact Hessian-vector products (double backward). The
 * network runs in evaluation mode (dropout off, batch norm with running statistics) and is not
 * modified. A DS service.
 */
public interface HessianEigenvectors {

    /**
     * @param model   an initialized network; its parameters are read, never changed
     * @param loss    the per-example loss
     * @param data    the examples (the first {@code request.maxExamples()} of them)
     * @param request how many pairs, iterations, tolerance, which parameters
     * @param monitor progress (one unit per Hessian-vector product) and cancellation
     */
    Eigenpairs top(Block model, LossFunction loss, Dataset data, EigenRequest request, ProgressMonitor monitor);
}
