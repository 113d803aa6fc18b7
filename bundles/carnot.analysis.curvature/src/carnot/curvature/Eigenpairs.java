package carnot.curvature;

import java.util.List;
import java.util.Map;

/**
 * Eigenpairs of a loss Hessian.
 *
 * @param eigenvalues  largest first
 * @param eigenvectors for each eigenvalue, a unit vector (over all listed parameters together) as
 *                     one array per parameter, keyed by structural name in the network's order,
 *                     row-major like the parameter
 * @param residuals    {@code ||H u - lambda u||} for each pair (Lanczos residual estimate)
 * @param products     Hessian-vector products used
 */
public record Eigenpairs(double[] eigenvalues, List<Map<String, float[]>> eigenvectors, double[] residuals,
        int products) {
}
