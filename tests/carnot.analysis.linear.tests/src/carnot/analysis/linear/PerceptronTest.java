package carnot.analysis.linear;

import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.curvature.linalg.Vectors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Novikoff's theorem: on separable data the perceptron's mistakes never exceed (R / gamma)^2. */
class PerceptronTest {

    @Test
    void mistakesNeverExceedTheBoundOnManyRandomSeparableProblems() {
        for (int seed = 0; seed < 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int dim = 2 + random.nextInt(20);
            int n = 10 + random.nextInt(200);
            double[] u = new double[dim];
            for (int j = 0; j < dim; j++) {
                u[j] = random.nextGaussian();
            }
            double norm = Vectors.norm(u);
            double gammaFloor = random.nextDouble(0.01, 0.5);
            double[][] x = new double[n][dim];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                double projection;
                do {
                    for (int j = 0; j < dim; j++) {
                        x[i][j] = random.nextGaussian();
                    }
                    projection = Vectors.dot(u, x[i]) / norm;
                } while (Math.abs(projection) < gammaFloor);
                y[i] = projection > 0 ? 1 : -1;
            }
            BinaryData data = new BinaryData(x, y);
            Perceptron.Run run = Perceptron.train(data, 1_000_000, ProgressMonitor.NONE);
            assertTrue(run.converged(), "separable data: the perceptron converges (seed " + seed + ")");
            double r = data.radius();
            // with the planted unit vector's margin (a lower bound on the best margin)...
            double planted = data.normalizedMargin(u);
            assertTrue(run.mistakes() <= r * r / (planted * planted), "seed " + seed);
            // ...and with the SVM's margin, the tightest the theorem allows
            double gamma = HardMarginSvm.solve(data, 1e-10, 1_000_000, ProgressMonitor.NONE).margin();
            assertTrue(gamma >= planted - 1e-9, "the SVM's margin is the largest");
            double bound = r * r / (gamma * gamma);
            assertTrue(run.mistakes() <= bound, () -> "seed: mistakes " + run.mistakes() + " > bound " + bound);
            assertTrue(data.normalizedMargin(run.w()) > 0, "the final perceptron separates the data");
        }
    }
}
