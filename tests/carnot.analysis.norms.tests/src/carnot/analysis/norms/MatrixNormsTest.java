package carnot.analysis.norms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/** Matrix norms against closed forms and against the eigenvalues of W^T W. */
class MatrixNormsTest {

    /** A rows x cols matrix of uniform entries in [-1, 1), seeded. */
    static DMatrixRMaj random(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextDouble(-1, 1);
        }
        return m;
    }

    @Test
    void diagonalMatrix() {
        DMatrixRMaj d = CommonOps_DDRM.diag(3, -4, 1);
        assertEquals(Math.sqrt(26), MatrixNorms.frobenius(d), 1e-12);
        assertEquals(4, MatrixNorms.spectral(d), 1e-12);
        assertEquals(26.0 / 16, MatrixNorms.stableRank(MatrixNorms.frobenius(d), MatrixNorms.spectral(d)), 1e-12);
        assertEquals(8, MatrixNorms.transposeTwoOne(d), 1e-12, "sum of the rows' norms 3 + 4 + 1");
    }

    @Test
    void rankOneMatrixHasStableRankOne() {
        double[] u = {1, 2, 2};
        double[] v = {3, 4};
        DMatrixRMaj a = new DMatrixRMaj(3, 2);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                a.set(i, j, u[i] * v[j]);
            }
        }
        assertEquals(15, MatrixNorms.spectral(a), 1e-12, "||u|| ||v|| = 3 * 5");
        assertEquals(15, MatrixNorms.frobenius(a), 1e-12);
        assertEquals(1, MatrixNorms.stableRank(15, MatrixNorms.spectral(a)), 1e-12);
        assertEquals((1 + 2 + 2) * 5, MatrixNorms.transposeTwoOne(a), 1e-12, "row i has norm |u_i| ||v||");
    }

    @Test
    void spectralNormSquaredIsTheLargestEigenvalueOfTheGramMatrix() {
        DMatrixRMaj w = random(7, 11, 3);
        DMatrixRMaj gram = new DMatrixRMaj(11, 11);
        CommonOps_DDRM.multTransA(w, w, gram);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(11, false, true);
        eig.decompose(gram);
        double largest = 0;
        double trace = 0;
        for (int i = 0; i < 11; i++) {
            largest = Math.max(largest, eig.getEigenvalue(i).real);
            trace += eig.getEigenvalue(i).real;
        }
        assertEquals(Math.sqrt(largest), MatrixNorms.spectral(w), 1e-10);
        assertEquals(Math.sqrt(trace), MatrixNorms.frobenius(w), 1e-10, "||W||_F^2 = trace(W^T W)");
        DMatrixRMaj before = w.copy();
        MatrixNorms.spectral(w);
        assertEquals(0, MatrixNorms.frobeniusDistance(before, w), 0.0, "the argument is not modified");
    }

    @Test
    void distance() {
        DMatrixRMaj a = random(4, 5, 1);
        DMatrixRMaj b = random(4, 5, 2);
        DMatrixRMaj difference = new DMatrixRMaj(4, 5);
        CommonOps_DDRM.subtract(a, b, difference);
        assertEquals(MatrixNorms.frobenius(difference), MatrixNorms.frobeniusDistance(a, b), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> MatrixNorms.frobeniusDistance(a, random(2, 2, 1)));
    }

    @Test
    void matrixFromFloats() {
        DMatrixRMaj m = WeightMatrices.matrix(2, 3, new float[] {1, 2, 3, 4, 5, 6});
        assertEquals(6, m.get(1, 2), 0);
        assertEquals(2, m.get(0, 1), 0);
    }
}
