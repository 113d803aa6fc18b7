package carnot.curvature;

import java.util.List;

/**
 * What to compute in {@link HessianEigenvectors#top}.
 *
 * @param k             number of eigenpairs (largest eigenvalues first), at least 1
 * @param maxIterations Lanczos steps at most (each one Hessian-vector product), at least k
 * @param tolerance     relative residual {@code ||H u - lambda u|| / |lambda|} at which an
 *                      eigenpair counts as converged, in (0, 1)
 * @param maxExamples   the Hessian is that of the mean loss over the first {@code maxExamples}
 *                      examples of the dataset (0 = all)
 * @param chunkSize     examples per forward pass; chunks are weighted by their size
 * @param seed          seed of the random start vector
 * @param parameters    structural parameter names (as {@code Block.getParameters()} lists them)
 *                      the Hessian is taken with respect to; empty = all parameters
 */
public record EigenRequest(int k, int maxIterations, double tolerance, int maxExamples, int chunkSize, long seed,
        List<String> parameters) {

    public EigenRequest {
        if (k < 1) {
            throw new IllegalArgumentException("k: expected an integer >= 1, got " + k);
        }
        if (maxIterations < k) {
            throw new IllegalArgumentException("maxIterations: expected an integer >= k = " + k + ", got "
                    + maxIterations);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance: expected a number in (0, 1), got " + tolerance);
        }
        if (maxExamples < 0) {
            throw new IllegalArgumentException("maxExamples: expected an integer >= 0 (0 = all), got " + maxExamples);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize: expected an integer >= 1, got " + chunkSize);
        }
        parameters = List.copyOf(parameters);
    }

    /** Top {@code k} over all parameters and the whole dataset: 100 steps, 1e-4, chunks of 1000, seed 0. */
    public static EigenRequest top(int k) {
        return new EigenRequest(k, Math.max(100, 2 * k), 1e-4, 0, 1000, 0, List.of());
    }
}
