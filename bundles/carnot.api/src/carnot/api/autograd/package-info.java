/**
 * Exact derivatives for analyses, without DJL: losses, gradients (of the mean loss, per example,
 * with respect to the outputs), Hessian-vector, Jacobian-vector and vector-Jacobian products of a
 * network's loss, as plain Java arrays. An analysis gets an {@link carnot.api.autograd.Autograd}
 * from {@code AnalysisContext.autograd()}; it differentiates with respect to copies of the
 * parameters, so the model's weights and gradient buffers are never read for writing, and
 * training after the analysis is exactly what it would have been without it.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.api.autograd;
