/**
 * Curvature of the training loss for other bundles: the top Hessian eigenvectors of a model's
 * loss on a dataset ({@link carnot.curvature.HessianEigenvectors}, a DS service), e.g. for loss
 * landscape slices along them. Exact Hessian-vector products, no finite differences.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.curvature;
