package carnot.curvature.linalg;

import carnot.api.component.ProgressMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Power iteration with deflation, as PyHessian computes top Hessian eigenvalues (Yao et al.
 * 2020, Alg. 1): for the i-th pair, iterate {@code v <- A v / ||A v||} with v kept orthogonal
 * to the pairs already found; the Rayleigh quotient {@code v^T A v} estimates the eigenvalue;
 * stop when it changes by less than {@code tolerance} relatively. This finds the eigenvalues of
 * largest <em>magnitude</em> (a negative one if it dominates), one after another; convergence is
 * linear with ratio |lambda_{i+1} / lambda_i|.
 */
public final class PowerIteration {

    private PowerIteration() {
    }

    /**
     * @param starts warm starts (previous eigenvectors), used for as many pairs as given, may be
     *               empty; others start from Gaussian vectors drawn from {@code random}
     */
    public static Lanczos.TopEigenpairs top(SymmetricOperator a, int k, int maxIterations, double tolerance,
            List<double[]> starts, SplittableRandom random, ProgressMonitor monitor) {
        int n = a.dimension();
        List<double[]> vectors = new ArrayList<>();
        double[] values = new double[k];
        double[] residuals = new double[k];
        double[] av = new double[n];
        int products = 0;
        for (int i = 0; i < k; i++) {
            double[] v = i < starts.size() && starts.get(i).length == n ? starts.get(i).clone()
                    : Vectors.gaussian(n, random);
            Vectors.orthogonalize(v, vectors);
            Vectors.normalize(v);
            double value = Double.NaN;
            for (int it = 0; it < maxIterations; it++) {
                monitor.checkCancelled();
                a.apply(v, av);
                products++;
                monitor.worked("power iteration " + (i + 1) + "/" + k, it + 1, maxIterations);
                double next = Vectors.dot(v, av);
                boolean converged = !Double.isNaN(value) && Math.abs(next - value) < tolerance * (Math.abs(value) + 1e-6);
                value = next;
                double[] r = av.clone();
                Vectors.axpy(-value, v, r);
                residuals[i] = Vectors.norm(r);
                if (converged) {
                    break;
                }
                System.arraycopy(av, 0, v, 0, n);
                Vectors.orthogonalize(v, vectors);
                if (Vectors.normalize(v) == 0) {
                    break;
                }
            }
            values[i] = value;
            vectors.add(v);
        }
        return new Lanczos.TopEigenpairs(values, vectors, residuals, products);
    }
}
