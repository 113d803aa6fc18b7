/**
 * Kernel machines as baselines for networks on the same data: kernels, kernel ridge regression
 * and min-norm interpolation by Cholesky, random Fourier features. Dense EJML, double precision.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.analysis.kernels;
