package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * EJML resolves and computes inside Equinox. Only ejml-core and ejml-ddense are installed, as
 * two bundles sharing no package, which avoids the split-package trap of the other precisions
 * (CommonOps_DDRM not found when org.ejml.dense.row is wired to the float bundle).
 */
class EjmlInOsgiTest {

    @Test
    void symmetricEigenvaluesMatchTheClosedForm() {
        // [[2,1],[1,2]] has eigenvalues 1 and 3.
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(2, true, true);
        assertTrue(eig.decompose(new DMatrixRMaj(2, 2, true, 2, 1, 1, 2)));
        double[] values = {eig.getEigenvalue(0).getReal(), eig.getEigenvalue(1).getReal()};
        Arrays.sort(values);
        assertEquals(1, values[0], 1e-12);
        assertEquals(3, values[1], 1e-12);
    }

    @Test
    void eigenpairsOfARandomSymmetricMatrixSatisfyAvEqualsLambdaV() {
        int n = 60;
        Random random = new Random(4);
        DMatrixRMaj b = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            b.data[i] = random.nextGaussian();
        }
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(b, b, a); // A = B^T B is symmetric positive semi-definite
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        assertTrue(eig.decompose(a.copy()));
        double trace = 0;
        for (int k = 0; k < n; k++) {
            Complex_F64 lambda = eig.getEigenvalue(k);
            assertEquals(0, lambda.getImaginary(), 0);
            DMatrixRMaj v = eig.getEigenVector(k);
            DMatrixRMaj av = new DMatrixRMaj(n, 1);
            CommonOps_DDRM.mult(a, v, av);
            CommonOps_DDRM.addEquals(av, -lambda.getReal(), v);
            assertEquals(0, NormOps_DDRM.normF(av), 1e-9 * Math.max(1, Math.abs(lambda.getReal())));
            trace += lambda.getReal();
        }
        assertEquals(CommonOps_DDRM.trace(a), trace, 1e-8 * Math.abs(trace), "sum of eigenvalues = trace");
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, n, false, false, true);
        assertTrue(svd.decompose(b.copy()));
        double max = Arrays.stream(svd.getSingularValues()).max().orElseThrow();
        double lambdaMax = 0;
        for (int k = 0; k < n; k++) {
            lambdaMax = Math.max(lambdaMax, eig.getEigenvalue(k).getReal());
        }
        assertEquals(lambdaMax, max * max, 1e-8 * lambdaMax, "sigma_max(B)^2 = lambda_max(B^T B)");
    }
}
