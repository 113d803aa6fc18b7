package carnot.analysis.curvature.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.curvature.linalg.Lanczos;
import carnot.curvature.linalg.PowerIteration;
import carnot.curvature.linalg.SymmetricOperator;
import carnot.curvature.linalg.Vectors;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Lanczos, power iteration, Hutchinson, Hutch++ and stochastic Lanczos quadrature on quadratics
 * {@code A = Q diag(lambda) Q^T} with a known spectrum and a random orthogonal Q (from EJML's QR
 * of a Gaussian matrix), checked against the spectrum and against dense EJML products.
 */
class KrylovMethodsTest {

    static final int N = 60;

    /** A dense symmetric matrix as an operator, counting products. */
    static final class Dense implements SymmetricOperator {
        final DMatrixRMaj a;
        int products;

        Dense(DMatrixRMaj a) {
            this.a = a;
        }

        @Override
        public int dimension() {
            return a.numRows;
        }

        @Override
        public void apply(double[] x, double[] y) {
            products++;
            CommonOps_DDRM.mult(a, DMatrixRMaj.wrap(x.length, 1, x), DMatrixRMaj.wrap(y.length, 1, y));
        }
    }

    /** Q diag(lambda) Q^T with Q the orthogonal factor of a seeded Gaussian matrix. */
    static DMatrixRMaj withSpectrum(double[] lambda, long seed) {
        int n = lambda.length;
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        double[] entries = Vectors.gaussian(n * n, new SplittableRandom(seed));
        System.arraycopy(entries, 0, g.data, 0, n * n);
        var qr = DecompositionFactory_DDRM.qr(n, n);
        assertTrue(qr.decompose(g));
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj qd = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(q, CommonOps_DDRM.diag(lambda), qd);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(qd, q, a);
        return a;
    }

    /** 10, 7, 5, 3, then 56 values spread in [-1, 1]: an indefinite, Hessian-like spectrum. */
    static double[] spectrum() {
        double[] lambda = new double[N];
        lambda[0] = 10;
        lambda[1] = 7;
        lambda[2] = 5;
        lambda[3] = 3;
        for (int i = 4; i < N; i++) {
            lambda[i] = -1 + 2.0 * (i - 4) / (N - 5);
        }
        return lambda;
    }

    @Test
    void lanczosRecoversTheTopEigenvaluesAndVectors() {
        double[] lambda = spectrum();
        Dense a = new Dense(withSpectrum(lambda, 1));
        Lanczos.TopEigenpairs top = Lanczos.top(a, 4, N, 1e-10, Vectors.gaussian(N, new SplittableRandom(2)),
                ProgressMonitor.NONE);
        assertEquals(4, top.values().length);
        for (int i = 0; i < 4; i++) {
            assertEquals(lambda[i], top.values()[i], 1e-9 * lambda[i], "eigenvalue " + i);
            double[] au = new double[N];
            a.apply(top.vectors().get(i), au);
            Vectors.axpy(-lambda[i], top.vectors().get(i), au);
            assertTrue(Vectors.norm(au) < 1e-8, "residual of pair " + i + ": " + Vectors.norm(au));
        }
        assertTrue(top.products() < N, "converged before the full dimension: " + top.products());
    }

    @Test
    void powerIterationWithDeflationFindsTheLargestMagnitudesInOrder() {
        double[] lambda = spectrum();
        Dense a = new Dense(withSpectrum(lambda, 3));
        Lanczos.TopEigenpairs top = PowerIteration.top(a, 3, 2000, 1e-12, List.of(), new SplittableRandom(4),
                ProgressMonitor.NONE);
        for (int i = 0; i < 3; i++) {
            assertEquals(lambda[i], top.values()[i], 1e-6 * lambda[i], "eigenvalue " + i);
        }
        // A warm start from the answer converges at once.
        a.products = 0;
        PowerIteration.top(a, 1, 2000, 1e-12, List.of(top.vectors().get(0)), new SplittableRandom(5),
                ProgressMonitor.NONE);
        assertTrue(a.products <= 3, "warm start took " + a.products + " products");
    }

    @Test
    void hutchPlusPlusIsExactOnLowRankAndHutchinsonIsWithinItsError() {
        double[] lambda = new double[N];
        for (int i = 0; i < 8; i++) {
            lambda[i] = 1 + i;
        }
        Dense lowRank = new Dense(withSpectrum(lambda, 6));
        // rank 8 <= m/3 = 10: Q spans the range of A, so the estimate is tr(Q^T A Q) = tr(A) exactly.
        TraceEstimators.Estimate plus = TraceEstimators.hutchPlusPlus(lowRank, 30, new SplittableRandom(7),
                ProgressMonitor.NONE);
        assertEquals(36, plus.value(), 1e-10);

        double[] full = spectrum();
        double trace = Arrays.stream(full).sum();
        Dense a = new Dense(withSpectrum(full, 8));
        TraceEstimators.Estimate hutchinson = TraceEstimators.hutchinson(a, 400, new SplittableRandom(9),
                ProgressMonitor.NONE);
        // Variance of one Rademacher sample: 2 (||A||_F^2 - sum_i A_ii^2).
        double frobenius = Arrays.stream(full).map(l -> l * l).sum();
        double diagonal = 0;
        for (int i = 0; i < N; i++) {
            diagonal += a.a.get(i, i) * a.a.get(i, i);
        }
        double theoreticalError = Math.sqrt(2 * (frobenius - diagonal) / 400);
        assertEquals(trace, hutchinson.value(), 4 * theoreticalError);
        assertEquals(theoreticalError, hutchinson.standardError(), 0.25 * theoreticalError);
    }

    @Test
    void lanczosQuadratureIsExactForPolynomialsOfDegreeBelowTwiceTheSteps() {
        double[] lambda = spectrum();
        DMatrixRMaj matrix = withSpectrum(lambda, 10);
        Dense a = new Dense(matrix);
        int steps = 8;
        SpectralDensity.Quadrature quadrature = SpectralDensity.quadrature(a, 1, steps, new SplittableRandom(11),
                ProgressMonitor.NONE);
        // The same probe, drawn again from the same seed; v = z / sqrt(n), so v^T A^k v = z^T A^k z / n.
        double[] z = Vectors.rademacher(N, new SplittableRandom(11));
        double[] power = z.clone();
        double[] next = new double[N];
        for (int k = 0; k < 2 * steps; k++) {
            double exact = Vectors.dot(z, power) / N;
            assertEquals(exact, quadrature.moment(k), 1e-9 * Math.pow(10, k) + 1e-12, "moment " + k);
            a.apply(power, next);
            System.arraycopy(next, 0, power, 0, N);
        }
        // Many probes: the zeroth moment is 1, the first estimates tr(A)/n, the density has unit mass.
        SpectralDensity.Quadrature many = SpectralDensity.quadrature(a, 50, 30, new SplittableRandom(12),
                ProgressMonitor.NONE);
        assertEquals(1, many.moment(0), 1e-12);
        double meanEigenvalue = Arrays.stream(lambda).average().orElseThrow();
        double spread = Math.sqrt(2 * Arrays.stream(lambda).map(l -> l * l).sum() / 50) / N;
        assertEquals(meanEigenvalue, many.moment(1), 4 * spread);
        double[] grid = SpectralDensity.grid(-3, 13, 4001);
        double[] phi = many.density(grid, 0.05);
        double mass = 0;
        for (int g = 1; g < grid.length; g++) {
            mass += 0.5 * (phi[g] + phi[g - 1]) * (grid[g] - grid[g - 1]);
        }
        assertEquals(1, mass, 1e-6);
        assertEquals(10, many.max(), 1e-8);
    }
}
