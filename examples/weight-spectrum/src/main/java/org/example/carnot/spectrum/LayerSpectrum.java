package org.example.carnot.spectrum;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The empirical spectral density of a layer: the eigenvalues of the correlation matrix W^T W of
 * its weight matrix W, computed as the squared singular values of W (EJML's SVD), in ascending
 * order. Only the min(rows, cols) eigenvalues that can be non-zero are returned. Stateless.
 */
public final class LayerSpectrum {

    private LayerSpectrum() {
    }

    /**
     * @param weights row-major {@code rows x cols} matrix W; not modified
     * @return the eigenvalues lambda_i = sigma_i(W)^2 of W^T W, ascending
     */
    public static double[] eigenvalues(float[] weights, int rows, int cols) {
        if ((long) rows * cols != weights.length) {
            throw new IllegalArgumentException(weights.length + " weights do not form a " + rows + " x " + cols
                    + " matrix");
        }
        DMatrixRMaj w = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < weights.length; i++) {
            w.data[i] = weights[i];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
        if (!svd.decompose(w)) {
            throw new IllegalStateException("the SVD of a " + rows + " x " + cols + " matrix did not converge");
        }
        double[] singular = Arrays.copyOf(svd.getSingularValues(), svd.numberOfSingularValues());
        double[] lambda = new double[singular.length];
        for (int i = 0; i < singular.length; i++) {
            lambda[i] = singular[i] * singular[i];
        }
        Arrays.sort(lambda);
        return lambda;
    }
}
