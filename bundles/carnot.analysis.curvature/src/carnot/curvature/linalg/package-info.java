/**
 * Linear algebra on parameter vectors for the analyses of every family: dense double kernels
 * ({@link carnot.curvature.linalg.Vectors}), named float parameter maps as vectors
 * ({@link carnot.curvature.linalg.WeightVectors}), symmetric operators known by their action
 * ({@link carnot.curvature.linalg.SymmetricOperator}, e.g. a loss Hessian) and the eigensolvers on
 * them: Lanczos with full reorthogonalization and power iteration with deflation. Stateless, in
 * the style of EJML's {@code *Ops}.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.curvature.linalg;
