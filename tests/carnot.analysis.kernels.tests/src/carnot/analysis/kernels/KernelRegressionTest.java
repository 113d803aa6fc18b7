package carnot.analysis.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Kernels, kernel ridge regression and random features against closed forms and explicit solves. */
class KernelRegressionTest {

    private static DMatrixRMaj random(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextGaussian();
        }
        return m;
    }

    @Test
    void kernelValuesMatchTheirClosedForms() {
        // x = (3, 0), y = (0, 4): ||x - y|| = 5, orthogonal
        assertEquals(Math.exp(-25.0 / 8), Kernel.RBF.value(9, 16, 0, 2), 1e-15);
        assertEquals(Math.exp(-2.5), Kernel.LAPLACE.value(9, 16, 0, 2), 1e-15);
        assertEquals(12 / Math.PI, Kernel.ARC_COSINE.value(9, 16, 0, 1), 1e-12, "t = pi/2: ||x|| ||y|| / pi");
        assertEquals(12, Kernel.ARC_COSINE.value(9, 16, 12, 1), 1e-9, "parallel: ||x|| ||y||");
        assertEquals(0, Kernel.ARC_COSINE.value(9, 16, -12, 1), 1e-9, "opposite: 0");
        assertEquals(Kernel.ARC_COSINE, Kernel.of("arc-cosine"));
        assertThrows(IllegalArgumentException.class, () -> Kernel.of("poly"));
    }

    /** The arc-cosine kernel is E over w ~ N(0, I) of 2 relu(w.x) relu(w.y) (Cho & Saul 2009): Monte Carlo. */
    @Test
    void arcCosineIsTheInfiniteReluNetworkKernel() {
        double[] x = {1, 2, -1};
        double[] y = {0.5, -1, 2};
        SplittableRandom random = new SplittableRandom(1);
        double sum = 0;
        int samples = 2_000_000;
        for (int s = 0; s < samples; s++) {
            double wx = 0;
            double wy = 0;
            for (int j = 0; j < 3; j++) {
                double w = random.nextGaussian();
                wx += w * x[j];
                wy += w * y[j];
            }
            sum += 2 * Math.max(0, wx) * Math.max(0, wy);
        }
        double expected = Kernel.ARC_COSINE.value(6, 5.25, -3.5, 1);
        assertEquals(expected, sum / samples, 0.01 * Math.sqrt(6 * 5.25));
    }

    @Test
    void interpolationReproducesTheTrainingTargets() {
        DMatrixRMaj x = random(30, 5, 2);
        int[] labels = new int[30];
        for (int i = 0; i < 30; i++) {
            labels[i] = i % 3;
        }
        DMatrixRMaj y = KernelRegression.oneHot(labels, 3);
        for (Kernel kernel : Kernel.values()) {
            DMatrixRMaj gram = KernelRegression.gram(kernel, x, x, 2.0);
            DMatrixRMaj fitted = KernelRegression.predict(gram, KernelRegression.fit(gram, y, 0));
            for (int i = 0; i < y.data.length; i++) {
                assertEquals(y.data[i], fitted.data[i], 1e-6, kernel + " interpolates");
            }
            assertEquals(0, KernelRegression.error(fitted, labels), 0);
        }
    }

    @Test
    void ridgeMatchesAnExplicitSolve() {
        DMatrixRMaj x = random(25, 4, 3);
        DMatrixRMaj y = random(25, 2, 4);
        DMatrixRMaj gram = KernelRegression.gram(Kernel.RBF, x, x, 1.5);
        for (int i = 0; i < 25; i++) {
            for (int j = 0; j < 25; j++) {
                double d2 = 0;
                for (int c = 0; c < 4; c++) {
                    d2 += Math.pow(x.get(i, c) - x.get(j, c), 2);
                }
                assertEquals(Math.exp(-d2 / (2 * 1.5 * 1.5)), gram.get(i, j), 1e-12, "Gram entry by definition");
            }
        }
        DMatrixRMaj regularized = gram.copy();
        for (int i = 0; i < 25; i++) {
            regularized.add(i, i, 0.3);
        }
        DMatrixRMaj expected = new DMatrixRMaj(25, 2);
        assertTrue(CommonOps_DDRM.solve(regularized, y, expected), "LU solve");
        DMatrixRMaj alpha = KernelRegression.fit(gram, y, 0.3);
        for (int i = 0; i < expected.data.length; i++) {
            assertEquals(expected.data[i], alpha.data[i], 1e-9);
        }
    }

    @Test
    void randomFeaturesApproximateTheRbfKernel() {
        DMatrixRMaj x = random(6, 3, 5);
        RandomFourierFeatures map = new RandomFourierFeatures(3, 200_000, 1.7, 9);
        DMatrixRMaj z = map.transform(x);
        DMatrixRMaj approx = new DMatrixRMaj(6, 6);
        CommonOps_DDRM.multTransB(z, z, approx);
        DMatrixRMaj exact = KernelRegression.gram(Kernel.RBF, x, x, 1.7);
        for (int i = 0; i < exact.data.length; i++) {
            assertEquals(exact.data[i], approx.data[i], 0.01, "Rahimi-Recht: E z(x).z(y) = k(x, y)");
        }
    }

    @Test
    void randomFeatureRegressionWithMoreFeaturesThanExamplesInterpolates() {
        DMatrixRMaj x = random(20, 3, 6);
        DMatrixRMaj y = random(20, 2, 7);
        RandomFourierFeatures map = new RandomFourierFeatures(3, 100, 1.0, 3);
        DMatrixRMaj z = map.transform(x);
        DMatrixRMaj fitted = KernelRegression.predict(z, RandomFourierFeatures.fit(z, y, 0));
        for (int i = 0; i < y.data.length; i++) {
            assertEquals(y.data[i], fitted.data[i], 1e-6, "D > n: Z Z^+ Y = Y");
        }
        DMatrixRMaj ridge = RandomFourierFeatures.fit(z, y, 0.5);
        DMatrixRMaj normal = new DMatrixRMaj(100, 100);
        CommonOps_DDRM.multTransA(z, z, normal);
        for (int i = 0; i < 100; i++) {
            normal.add(i, i, 0.5);
        }
        DMatrixRMaj right = new DMatrixRMaj(100, 2);
        CommonOps_DDRM.multTransA(z, y, right);
        DMatrixRMaj expected = new DMatrixRMaj(100, 2);
        assertTrue(CommonOps_DDRM.solve(normal, right, expected));
        for (int i = 0; i < expected.data.length; i++) {
            assertEquals(expected.data[i], ridge.data[i], 1e-8);
        }
    }

    @Test
    void tooLargeProblemsAreRefusedNamingNAndTheMemory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelRegression.requireMemory(60_000, 3, 8_000_000_000L));
        assertTrue(e.getMessage().contains("n = 60000") && e.getMessage().contains("86.4 GB"), e.getMessage());
        KernelRegression.requireMemory(1000, 3, 8_000_000_000L);
    }
}
