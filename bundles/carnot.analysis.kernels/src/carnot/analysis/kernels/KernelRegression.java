package carnot.analysis.kernels;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Kernel ridge regression and min-norm kernel interpolation on one-hot targets (Belkin, Ma and
 * Mandal 2018, "To understand deep learning we need to understand kernel learning"):
 * alpha = (K + lambda I)^{-1} Y with K_ij = k(x_i, x_j), predictions f(x) = sum_i k(x, x_i) alpha_i;
 * lambda = 0 is interpolation, f(x_i) = y_i, the minimum-RKHS-norm interpolant. Solved by
 * Cholesky (EJML), double precision. Arguments are never modified.
 */
public final class KernelRegression {

    private KernelRegression() {
    }

    /**
     * The Gram matrix G_ij = k(a_i, b_j) of the rows of a (n x d) and b (m x d).
     *
     * @param scale the kernel's length scale
     */
    public static DMatrixRMaj gram(Kernel kernel, DMatrixRMaj a, DMatrixRMaj b, double scale) {
        DMatrixRMaj g = new DMatrixRMaj(a.numRows, b.numRows);
        CommonOps_DDRM.multTransB(a, b, g);
        double[] aa = rowSquaredNorms(a);
        double[] bb = rowSquaredNorms(b);
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < b.numRows; j++) {
                g.unsafe_set(i, j, kernel.value(aa[i], bb[j], g.unsafe_get(i, j), scale));
            }
        }
        return g;
    }

    /**
     * alpha = (K + lambda I)^{-1} Y by Cholesky.
     *
     * @param gram    n x n, symmetric
     * @param targets n x K
     * @param ridge   lambda >= 0
     * @throws IllegalArgumentException if K + lambda I is not numerically positive definite
     */
    public static DMatrixRMaj fit(DMatrixRMaj gram, DMatrixRMaj targets, double ridge) {
        int n = gram.numRows;
        DMatrixRMaj a = gram.copy();
        for (int i = 0; i < n; i++) {
            a.add(i, i, ridge);
        }
        LinearSolverDense<DMatrixRMaj> cholesky = LinearSolverFactory_DDRM.chol(n);
        if (!cholesky.setA(a)) {
            throw new IllegalArgumentException("the " + n + " x " + n + " kernel matrix plus " + ridge
                    + " I is not positive definite (duplicate examples, or a kernel of low rank): use a ridge > 0");
        }
        DMatrixRMaj alpha = new DMatrixRMaj(n, targets.numCols);
        cholesky.solve(targets, alpha);
        return alpha;
    }

    /** Predictions G alpha for a cross Gram matrix G (m x n). */
    public static DMatrixRMaj predict(DMatrixRMaj crossGram, DMatrixRMaj alpha) {
        DMatrixRMaj out = new DMatrixRMaj(crossGram.numRows, alpha.numCols);
        CommonOps_DDRM.mult(crossGram, alpha, out);
        return out;
    }

    /** The fraction of rows whose largest entry is not in the labelled column. */
    public static double error(DMatrixRMaj outputs, int[] labels) {
        int errors = 0;
        for (int i = 0; i < outputs.numRows; i++) {
            int best = 0;
            for (int k = 1; k < outputs.numCols; k++) {
                if (outputs.unsafe_get(i, k) > outputs.unsafe_get(i, best)) {
                    best = k;
                }
            }
            errors += best != labels[i] ? 1 : 0;
        }
        return (double) errors / outputs.numRows;
    }

    /** One-hot targets Y (n x K), Y_{i, y_i} = 1. */
    public static DMatrixRMaj oneHot(int[] labels, int classes) {
        DMatrixRMaj y = new DMatrixRMaj(labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            y.set(i, labels[i], 1);
        }
        return y;
    }

    /**
     * The median of the pairwise Euclidean distances among the first {@code limit} rows, the usual
     * default length scale ("median heuristic", Gretton et al. 2012).
     */
    public static double medianDistance(DMatrixRMaj x, int limit) {
        int n = Math.min(limit, x.numRows);
        double[] distances = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double sum = 0;
                for (int c = 0; c < x.numCols; c++) {
                    double d = x.unsafe_get(i, c) - x.unsafe_get(j, c);
                    sum += d * d;
                }
                distances[k++] = Math.sqrt(sum);
            }
        }
        if (distances.length == 0) {
            return 1;
        }
        Arrays.sort(distances);
        double median = distances[distances.length / 2];
        return median > 0 ? median : 1;
    }

    /**
     * Refuses a problem whose dense matrices do not fit: {@code matrices} n x n double matrices
     * need 8 n^2 bytes each.
     *
     * @param available bytes the caller may use (for example the JVM's free heap)
     * @throws IllegalArgumentException naming n and the memory needed
     */
    public static void requireMemory(int n, int matrices, long available) {
        long needed = 8L * n * n * matrices;
        if (needed > available) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "kernel-baseline: n = %d training examples need %d dense %d x %d matrices, %.1f GB, but only %.1f "
                            + "GB are available; subsample the training set (the subsample perturbation) or raise "
                            + "CARNOT_HEAP", n, matrices, n, n, needed / 1e9, available / 1e9));
        }
    }

    private static double[] rowSquaredNorms(DMatrixRMaj m) {
        double[] norms = new double[m.numRows];
        for (int i = 0; i < m.numRows; i++) {
            double sum = 0;
            for (int j = 0; j < m.numCols; j++) {
                double v = m.unsafe_get(i, j);
                sum += v * v;
            }
            norms[i] = sum;
        }
        return norms;
    }
}
