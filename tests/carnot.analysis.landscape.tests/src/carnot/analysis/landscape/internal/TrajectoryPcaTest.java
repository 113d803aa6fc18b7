package carnot.analysis.landscape.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * The trajectory PCA against EJML's singular value decomposition of the stacked, centered
 * checkpoint offsets (scikit-learn's PCA, which Li et al.'s code uses, is that SVD).
 */
class TrajectoryPcaTest {

    /** A noisy path of K points in p dimensions converging to the origin (the final weights). */
    private static float[][] path(int k, int p, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[k][p];
        double[] drift = new double[p];
        for (int i = 0; i < p; i++) {
            drift[i] = random.nextGaussian();
        }
        for (int t = 0; t < k - 1; t++) {
            double scale = (double) (k - 1 - t) / (k - 1);
            for (int i = 0; i < p; i++) {
                rows[t][i] = (float) (scale * drift[i] + 0.2 * scale * random.nextGaussian());
            }
        }
        return rows;
    }

    @Test
    void directionsAndExplainedVarianceEqualTheSvdOfTheCenteredStack() {
        int k = 9;
        int p = 60;
        float[][] rows = path(k, p, 5);
        TrajectoryPca.Result pca = TrajectoryPca.of(rows, 2);

        DMatrixRMaj centered = new DMatrixRMaj(k, p);
        for (int i = 0; i < p; i++) {
            double mean = 0;
            for (float[] row : rows) {
                mean += row[i];
            }
            mean /= k;
            for (int t = 0; t < k; t++) {
                centered.set(t, i, rows[t][i] - mean);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(k, p, false, true, true);
        assertTrue(svd.decompose(centered.copy()));
        DMatrixRMaj vt = svd.getV(null, true);
        DMatrixRMaj w = svd.getW(null);
        SingularOps_DDRM.descendingOrder(null, false, w, vt, true);
        double total = 0;
        for (int c = 0; c < Math.min(k, p); c++) {
            total += w.get(c, c) * w.get(c, c);
        }
        for (int c = 0; c < 2; c++) {
            double cosine = 0;
            for (int i = 0; i < p; i++) {
                cosine += pca.directions()[c][i] * vt.get(c, i);
            }
            assertEquals(1, Math.abs(cosine), 1e-9, "direction " + c + " is the right singular vector up to sign");
            assertEquals(w.get(c, c) * w.get(c, c) / total, pca.explained()[c], 1e-9);
            assertEquals(w.get(c, c), pca.singularValues()[c], 1e-9 * w.get(0, 0));
        }
        double sum = 0;
        for (double e : pca.explained()) {
            sum += e;
        }
        assertEquals(1, sum, 1e-12, "the ratios of every component with a positive eigenvalue sum to one");
    }

    @Test
    void theFinalWeightsProjectToTheOriginAndTheStartToPositiveCoordinates() {
        float[][] rows = path(7, 40, 11);
        TrajectoryPca.Result pca = TrajectoryPca.of(rows, 2);
        assertArrayEquals(new double[] {0, 0}, TrajectoryPca.project(rows[6], pca.directions()), 0);
        assertEquals(0, TrajectoryPca.offPlane(rows[6], pca.directions()), 0);
        double[] start = TrajectoryPca.project(rows[0], pca.directions());
        assertTrue(start[0] >= 0 && start[1] >= 0, () -> start[0] + ", " + start[1]);
        for (double[] v : pca.directions()) {
            assertEquals(1, Math.sqrt(TrajectoryPca.dot(v, v)), 1e-12);
        }
        assertEquals(0, TrajectoryPca.dot(pca.directions()[0], pca.directions()[1]), 1e-12);
    }

    /** Points exactly in the plane of two fixed vectors: both ratios explain everything, nothing is off the plane. */
    @Test
    void aPlanarPathIsExplainedByTwoDirections() {
        int p = 30;
        Random random = new Random(2);
        double[] a = new double[p];
        double[] b = new double[p];
        for (int i = 0; i < p; i++) {
            a[i] = random.nextGaussian();
            b[i] = random.nextGaussian();
        }
        double[][] coefficients = {{3, 1}, {2, -1}, {1.5, 0.5}, {0.5, 0.2}, {0, 0}};
        float[][] rows = new float[coefficients.length][p];
        for (int t = 0; t < rows.length; t++) {
            for (int i = 0; i < p; i++) {
                rows[t][i] = (float) (coefficients[t][0] * a[i] + coefficients[t][1] * b[i]);
            }
        }
        TrajectoryPca.Result pca = TrajectoryPca.of(rows, 2);
        assertEquals(1, pca.explained()[0] + pca.explained()[1], 1e-6);
        for (float[] row : rows) {
            assertEquals(0, TrajectoryPca.offPlane(row, pca.directions()), 1e-5);
        }
    }

    @Test
    void aPathOfTwoDistinctPointsHasNoSecondDirection() {
        float[][] rows = {{1, 2, 3}, {1, 2, 3}, {0, 0, 0}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrajectoryPca.of(rows, 2));
        assertTrue(e.getMessage().contains("spans 1 dimension"), e.getMessage());
    }
}
