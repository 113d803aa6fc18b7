package carnot.analysis.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.curvature.linalg.Vectors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SVM solver against a closed form, a brute-force angle scan and the KKT conditions. */
class HardMarginSvmTest {

    private static BinaryData data(double[][] x, int[] y) {
        return new BinaryData(x, y);
    }

    @Test
    void twoSymmetricPointsGiveTheClosedForm() {
        // x+ = (2, 1), x- = (-2, -1): w* = x+ / ||x+||^2 (the constraint y w.x >= 1 is tight at both).
        HardMarginSvm.Solution s = HardMarginSvm.solve(data(new double[][] {{2, 1}, {-2, -1}}, new int[] {1, -1}),
                1e-12, 100_000, ProgressMonitor.NONE);
        assertEquals(0.4, s.w()[0], 1e-6);
        assertEquals(0.2, s.w()[1], 1e-6);
        assertEquals(Math.sqrt(5), s.margin(), 1e-6, "the margin is the distance of the points to the origin");
    }

    /** Random 2-D data separable through the origin; max over a fine grid of unit directions of the min margin. */
    @Test
    void marginAndDirectionMatchABruteForceScanIn2d() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 40;
        double[][] x = new double[n][2];
        int[] y = new int[n];
        double planted = 0.7;
        for (int i = 0; i < n; i++) {
            do {
                x[i][0] = random.nextDouble(-3, 3);
                x[i][1] = random.nextDouble(-3, 3);
            } while (Math.abs(Math.cos(planted) * x[i][0] + Math.sin(planted) * x[i][1]) < 0.3);
            y[i] = Math.cos(planted) * x[i][0] + Math.sin(planted) * x[i][1] > 0 ? 1 : -1;
        }
        BinaryData d = data(x, y);
        HardMarginSvm.Solution s = HardMarginSvm.solve(d, 1e-12, 1_000_000, ProgressMonitor.NONE);
        double bestMargin = Double.NEGATIVE_INFINITY;
        double bestAngle = 0;
        for (int k = 0; k < 2_000_000; k++) {
            double theta = 2 * Math.PI * k / 2_000_000;
            double m = d.normalizedMargin(new double[] {Math.cos(theta), Math.sin(theta)});
            if (m > bestMargin) {
                bestMargin = m;
                bestAngle = theta;
            }
        }
        assertEquals(bestMargin, s.margin(), 1e-5, "the largest margin of any direction");
        assertEquals(0, Vectors.angle(s.w(), new double[] {Math.cos(bestAngle), Math.sin(bestAngle)}), 1e-5);
        assertTrue(s.margin() >= 0.3, "at least the planted margin");
    }

    @Test
    void theSolutionSatisfiesTheKktConditions() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 60;
        int dim = 80;
        double[][] x = new double[n][dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = random.nextBoolean() ? 1 : -1; // n < d: any labelling is separable
        }
        HardMarginSvm.Solution s = HardMarginSvm.solve(data(x, y), 1e-12, 1_000_000, ProgressMonitor.NONE);
        double[] fromDual = new double[dim];
        for (int i = 0; i < n; i++) {
            double margin = y[i] * Vectors.dot(s.w(), x[i]);
            assertTrue(margin >= 1 - 1e-12, "primal feasibility");
            assertTrue(s.alpha()[i] >= 0, "dual feasibility");
            if (s.alpha()[i] > 1e-8) {
                assertEquals(1, margin, 1e-4, "complementary slackness at support vector " + i);
            }
            for (int j = 0; j < dim; j++) {
                fromDual[j] += s.alpha()[i] * y[i] * x[i][j];
            }
        }
        assertEquals(0, Vectors.angle(fromDual, s.w()), 1e-5, "stationarity: w = sum alpha_i y_i x_i");
        assertTrue(s.gap() <= 1e-12 * 0.5 * Vectors.dot(s.w(), s.w()));
    }

    @Test
    void nonSeparableDataIsRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HardMarginSvm.solve(
                data(new double[][] {{1, 0}, {2, 0}}, new int[] {1, -1}), 1e-10, 2000, ProgressMonitor.NONE));
        assertTrue(e.getMessage().contains("not linearly separable"), e.getMessage());
    }
}
