package carnot.analysis.kernels;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Random Fourier features for the RBF kernel (Rahimi and Recht 2007, "Random features for
 * large-scale kernel machines", Algorithm 1): z(x) = sqrt(2/D) cos(W x + b) with the D rows of W
 * drawn from N(0, I / l^2) and b uniform on [0, 2 pi], so that E[z(x).z(y)] = exp(-||x-y||^2/(2 l^2)).
 * Regression on the features: beta = argmin ||Z beta - Y||^2 + lambda ||beta||^2, and for lambda = 0
 * the minimum-norm least-squares solution Z^+ Y (an interpolant when D >= n).
 */
public final class RandomFourierFeatures {

    private final DMatrixRMaj w;
    private final double[] b;

    /**
     * @param inputDimension d
     * @param features       D
     * @param scale          the RBF length scale l
     * @param seed           draws W and b
     */
    public RandomFourierFeatures(int inputDimension, int features, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        w = new DMatrixRMaj(features, inputDimension);
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = random.nextGaussian() / scale;
        }
        b = new double[features];
        for (int i = 0; i < features; i++) {
            b[i] = random.nextDouble(0, 2 * Math.PI);
        }
    }

    /** Z (n x D) for the rows of x (n x d); x is not modified. */
    public DMatrixRMaj transform(DMatrixRMaj x) {
        DMatrixRMaj z = new DMatrixRMaj(x.numRows, w.numRows);
        CommonOps_DDRM.multTransB(x, w, z);
        double norm = Math.sqrt(2.0 / w.numRows);
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < w.numRows; j++) {
                z.unsafe_set(i, j, norm * Math.cos(z.unsafe_get(i, j) + b[j]));
            }
        }
        return z;
    }

    /**
     * beta (D x K) for features Z (n x D) and targets Y (n x K): (Z^T Z + lambda I)^{-1} Z^T Y by
     * Cholesky for lambda > 0, Z^+ Y (EJML's SVD pseudoinverse) for lambda = 0.
     */
    public static DMatrixRMaj fit(DMatrixRMaj z, DMatrixRMaj targets, double ridge) {
        DMatrixRMaj beta = new DMatrixRMaj(z.numCols, targets.numCols);
        if (ridge == 0) {
            DMatrixRMaj pseudoinverse = new DMatrixRMaj(z.numCols, z.numRows);
            CommonOps_DDRM.pinv(z, pseudoinverse);
            CommonOps_DDRM.mult(pseudoinverse, targets, beta);
            return beta;
        }
        DMatrixRMaj gram = new DMatrixRMaj(z.numCols, z.numCols);
        CommonOps_DDRM.multTransA(z, z, gram);
        DMatrixRMaj right = new DMatrixRMaj(z.numCols, targets.numCols);
        CommonOps_DDRM.multTransA(z, targets, right);
        return KernelRegression.fit(gram, right, ridge);
    }
}
