package carnot.analysis.landscape.internal;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Principal components of an optimization path (Li, Xu, Taylor, Studer and Goldstein 2018,
 * "Visualizing the Loss Landscape of Neural Nets", Section 7): with the kept weights theta_0, ...,
 * theta_n = theta_final, the rows of M are the offsets d_t = theta_t - theta_n (the last row 0).
 * PCA as their code does it (scikit-learn's PCA): the columns of M are centered, C = M - 1 m^T with
 * m the mean row, and the principal directions are the right singular vectors of C, ordered by
 * singular value s_1 >= s_2 >= ...; the explained variance ratio of direction k is
 * s_k^2 / sum_j s_j^2.
 *
 * <p>Computed through the K x K Gram matrix G = C C^T (K checkpoints, p parameters, K << p): its
 * eigenpairs (lambda_k = s_k^2, u_k) give v_k = C^T u_k / sqrt(lambda_k), so only K x p values are
 * held, in float, and G is accumulated in double. Each direction's sign is chosen so that the first
 * row (the start of the path) projects to a coordinate >= 0. Coordinates are uncentered projections
 * x_k(t) = &lt;d_t, v_k&gt; (Li et al.'s "cos" projection onto unit directions), so theta_final is at
 * the origin of the plane.
 */
public final class TrajectoryPca {

    /**
     * @param directions     the first principal directions, unit vectors of length p
     * @param explained      the explained variance ratio of every component with a positive
     *                       eigenvalue, largest first
     * @param singularValues s_k of those components
     */
    public record Result(double[][] directions, double[] explained, double[] singularValues) {
    }

    private TrajectoryPca() {
    }

    /**
     * @param rows       the offsets d_t, K rows of p values; not modified
     * @param components how many directions to return
     * @throws IllegalArgumentException when the centered path spans fewer than {@code components}
     *                                  dimensions (too few distinct checkpoints)
     */
    public static Result of(float[][] rows, int components) {
        int k = rows.length;
        int p = k == 0 ? 0 : rows[0].length;
        double[] mean = new double[p];
        for (float[] row : rows) {
            if (row.length != p) {
                throw new IllegalArgumentException("the checkpoints have " + p + " and " + row.length + " parameters");
            }
            for (int i = 0; i < p; i++) {
                mean[i] += row[i];
            }
        }
        for (int i = 0; i < p; i++) {
            mean[i] /= k;
        }
        DMatrixRMaj gram = new DMatrixRMaj(k, k);
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double sum = 0;
                for (int i = 0; i < p; i++) {
                    sum += (rows[a][i] - mean[i]) * (rows[b][i] - mean[i]);
                }
                gram.set(a, b, sum);
                gram.set(b, a, sum);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(k, true, true);
        if (!eig.decompose(gram)) {
            throw new IllegalStateException("the eigendecomposition of the " + k + " x " + k + " Gram matrix failed");
        }
        Integer[] order = new Integer[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            order[i] = i;
            total += Math.max(0, eig.getEigenvalue(i).real);
        }
        Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(y).real, eig.getEigenvalue(x).real));
        // Eigenvalues below this are rounding noise of a rank-deficient G (K rows centered: rank <= K - 1).
        double floor = 1e-12 * total;
        int positive = 0;
        while (positive < k && eig.getEigenvalue(order[positive]).real > floor) {
            positive++;
        }
        if (positive < components) {
            throw new IllegalArgumentException("the path through " + k + " checkpoints spans " + positive
                    + " dimension" + (positive == 1 ? "" : "s") + " after centering; " + components + " directions "
                    + "need at least " + (components + 1) + " distinct checkpoints");
        }
        double[] explained = new double[positive];
        double[] singular = new double[positive];
        for (int c = 0; c < positive; c++) {
            double lambda = eig.getEigenvalue(order[c]).real;
            explained[c] = lambda / total;
            singular[c] = Math.sqrt(lambda);
        }
        double[][] directions = new double[components][];
        for (int c = 0; c < components; c++) {
            DMatrixRMaj u = eig.getEigenVector(order[c]);
            double[] v = new double[p];
            for (int a = 0; a < k; a++) {
                double ua = u.get(a, 0);
                for (int i = 0; i < p; i++) {
                    v[i] += (rows[a][i] - mean[i]) * ua;
                }
            }
            double norm = Math.sqrt(dot(v, v));
            for (int i = 0; i < p; i++) {
                v[i] /= norm;
            }
            if (dot(rows[0], v) < 0) {
                for (int i = 0; i < p; i++) {
                    v[i] = -v[i];
                }
            }
            directions[c] = v;
        }
        return new Result(directions, explained, singular);
    }

    /** The coordinates &lt;offset, v_k&gt; of an offset in the directions (unit vectors). */
    public static double[] project(float[] offset, double[][] directions) {
        double[] coordinates = new double[directions.length];
        for (int c = 0; c < directions.length; c++) {
            coordinates[c] = dot(offset, directions[c]);
        }
        return coordinates;
    }

    /** ||offset - sum_k x_k v_k|| / ||offset||: how far the point lies off the plane (0 for a zero offset). */
    public static double offPlane(float[] offset, double[][] directions) {
        double[] x = project(offset, directions);
        double residual = 0;
        double norm = 0;
        for (int i = 0; i < offset.length; i++) {
            double r = offset[i];
            for (int c = 0; c < directions.length; c++) {
                r -= x[c] * directions[c][i];
            }
            residual += r * r;
            norm += (double) offset[i] * offset[i];
        }
        return norm == 0 ? 0 : Math.sqrt(residual / norm);
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double dot(float[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
