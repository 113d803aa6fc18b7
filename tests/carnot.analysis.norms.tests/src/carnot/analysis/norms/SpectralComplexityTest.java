package carnot.analysis.norms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * R_A of Bartlett, Foster and Telgarsky (2017, eq. 1.2) on tiny networks: against closed forms, and
 * against the definition evaluated independently (EJML's full SVD for ||A||_sigma, the columns of
 * the explicit transpose A^T for ||A^T - M^T||_{2,1}, whose (2,1) norm is the sum of the Euclidean
 * norms of its columns).
 */
class SpectralComplexityTest {

    private static LayerMatrix layer(DMatrixRMaj weight, DMatrixRMaj initial) {
        return new LayerMatrix("w", new long[] {weight.numRows, weight.numCols}, weight, initial, new double[0]);
    }

    /** sigma_max by EJML's full singular value decomposition. */
    private static double spectralBySvd(DMatrixRMaj a) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(a.numRows, a.numCols, true,
                true, false);
        svd.decompose(a.copy());
        double max = 0;
        for (double s : svd.getSingularValues()) {
            max = Math.max(max, s);
        }
        return max;
    }

    /** ||B||_{2,1} with B = A^T - M^T formed explicitly: the sum over B's columns of their 2-norms. */
    private static double twoOneOfTranspose(DMatrixRMaj a, DMatrixRMaj m) {
        DMatrixRMaj b = new DMatrixRMaj(a.numCols, a.numRows);
        DMatrixRMaj mt = new DMatrixRMaj(a.numCols, a.numRows);
        CommonOps_DDRM.transpose(a, b);
        CommonOps_DDRM.transpose(m, mt);
        CommonOps_DDRM.subtractEquals(b, mt);
        double sum = 0;
        for (int col = 0; col < b.numCols; col++) {
            double squared = 0;
            for (int row = 0; row < b.numRows; row++) {
                squared += b.get(row, col) * b.get(row, col);
            }
            sum += Math.sqrt(squared);
        }
        return sum;
    }

    @Test
    void closedFormTwoLayerNetwork() {
        // A_1 = [[3, 0, 0], [0, 4, 0]]: ||A_1||_sigma = 4, rows' norms 3 + 4 = 7.
        DMatrixRMaj a1 = new DMatrixRMaj(new double[][] {{3, 0, 0}, {0, 4, 0}});
        // A_2 = u v^T, u = (1, 2, 2), v = (3, 4): ||A_2||_sigma = 15, rows' norms 5 (1 + 2 + 2) = 25.
        DMatrixRMaj a2 = new DMatrixRMaj(new double[][] {{3, 4}, {6, 8}, {6, 8}});
        List<LayerMatrix> net = List.of(layer(a1, new DMatrixRMaj(2, 3)), layer(a2, new DMatrixRMaj(3, 2)));
        double expected = 4 * 15 * Math.pow(Math.pow(7.0 / 4, 2.0 / 3) + Math.pow(25.0 / 15, 2.0 / 3), 1.5);
        assertEquals(expected, SpectralComplexity.of(net, SpectralComplexity.Reference.ZERO, 1), 1e-10 * expected);
        assertEquals(0.25 * expected, SpectralComplexity.of(net, SpectralComplexity.Reference.ZERO, 0.25),
                1e-10 * expected, "rho_1 = 1/4 for the one hidden nonlinearity; the output is linear");
        // M_1 = A_1 - diag rows (1, 0, 0), (0, 2, 0): ||A_1^T - M_1^T||_{2,1} = 1 + 2, the spectral norms stay.
        DMatrixRMaj m1 = new DMatrixRMaj(new double[][] {{2, 0, 0}, {0, 2, 0}});
        List<LayerMatrix> fromInit = List.of(layer(a1, m1), layer(a2, a2.copy()));
        double fromM = 4 * 15 * Math.pow(Math.pow(3.0 / 4, 2.0 / 3), 1.5);
        assertEquals(fromM, SpectralComplexity.of(fromInit, SpectralComplexity.Reference.INITIAL, 1), 1e-10 * fromM,
                "M_2 = A_2 contributes nothing to the sum");
        assertEquals(Math.sqrt(3 * 3 + 4 * 4) * 15, SpectralComplexity.frobeniusProduct(net), 1e-10);
    }

    @Test
    void threeLayerNetworkAgainstTheDefinitionBySvd() {
        DMatrixRMaj[] a = {MatrixNormsTest.random(6, 5, 1), MatrixNormsTest.random(4, 6, 2),
            MatrixNormsTest.random(3, 4, 3)};
        DMatrixRMaj[] m = {MatrixNormsTest.random(6, 5, 11), MatrixNormsTest.random(4, 6, 12),
            MatrixNormsTest.random(3, 4, 13)};
        for (SpectralComplexity.Reference reference : SpectralComplexity.Reference.values()) {
            double product = 1;
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                DMatrixRMaj mi = reference == SpectralComplexity.Reference.ZERO ? new DMatrixRMaj(a[i].numRows,
                        a[i].numCols) : m[i];
                double spectral = spectralBySvd(a[i]);
                product *= spectral;
                sum += Math.pow(twoOneOfTranspose(a[i], mi) / spectral, 2.0 / 3);
            }
            double expected = product * Math.pow(sum, 1.5);
            List<LayerMatrix> net = List.of(layer(a[0], m[0]), layer(a[1], m[1]), layer(a[2], m[2]));
            assertEquals(expected, SpectralComplexity.of(net, reference, 1), 1e-9 * expected, reference.name());
        }
    }
}
