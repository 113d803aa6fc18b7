package carnot.analysis.norms;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;

/** Matrix norms used by norm-based capacity measures. Arguments are never modified. */
public final class MatrixNorms {

    private MatrixNorms() {
    }

    /** Frobenius norm {@code ||W||_F = sqrt(sum_ij W_ij^2)}. */
    public static double frobenius(DMatrixRMaj w) {
        return NormOps_DDRM.normF(w);
    }

    /** Spectral norm {@code ||W||_2 = sigma_max(W)}, the largest singular value (EJML's SVD). */
    public static double spectral(DMatrixRMaj w) {
        double max = 0;
        for (double s : SingularOps_DDRM.singularValues(w.copy())) {
            max = Math.max(max, s);
        }
        return max;
    }

    /**
     * Stable rank {@code ||W||_F^2 / ||W||_2^2} (Rudelson & Vershynin 2007), between 1 and rank(W);
     * NaN for a zero matrix.
     */
    public static double stableRank(double frobenius, double spectral) {
        return spectral == 0 ? Double.NaN : frobenius * frobenius / (spectral * spectral);
    }

    /**
     * {@code ||A^T||_{2,1}} in the convention of Bartlett, Foster and Telgarsky (2017, section 1.1),
     * where {@code ||A||_{p,q}} is the q-norm of the vector of the p-norms of A's columns: the sum
     * over the rows of A of their Euclidean norms. With the (out, in) layout a row holds one output
     * unit's incoming weights.
     */
    public static double transposeTwoOne(DMatrixRMaj a) {
        double sum = 0;
        for (int i = 0; i < a.numRows; i++) {
            double squared = 0;
            for (int j = 0; j < a.numCols; j++) {
                double v = a.get(i, j);
                squared += v * v;
            }
            sum += Math.sqrt(squared);
        }
        return sum;
    }

    /** {@code ||A - B||_F} for matrices of the same size. */
    public static double frobeniusDistance(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.getNumElements() != b.getNumElements()) {
            throw new IllegalArgumentException("sizes differ: " + a.getNumElements() + " and " + b.getNumElements());
        }
        double squared = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            double d = a.data[i] - b.data[i];
            squared += d * d;
        }
        return Math.sqrt(squared);
    }
}
