package org.example.carnot.fisherrao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The formulas against hand computations and against Euler's identity worked out by hand-written backprop. */
class FisherRaoMathTest {

    @Test
    void fromOutputsByHand() {
        // <g_1, f_1> = 0.5 - 1 = -0.5, <g_2, f_2> = 0.3 - 0.2 = 0.1; (0.25 + 0.01) / 2 = 0.13; times 2^2.
        double fr = FisherRaoMath.fromOutputs(2, new double[] {1, 2, 3, -1}, new double[] {0.5, -0.5, 0.1, 0.2}, 2);
        assertEquals(0.52, fr, 1e-15);
        assertEquals((4 + 0.25) / 2, FisherRaoMath.meanSquare(new double[] {2, -0.5}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> FisherRaoMath.fromOutputs(1, new double[0], new double[0], 3));
    }

    /**
     * A bias-free two-layer ReLU network f = V relu(W x) (L + 1 = 2) with the softmax cross-entropy:
     * its per-example parameter gradients by hand-written backprop, dV = r h^T and
     * dW = ((V^T r) * 1[W x &gt; 0]) x^T with r = softmax(f) - e_y; then (1/n) sum &lt;theta, grad&gt;^2
     * equals (L + 1)^2 (1/n) sum &lt;r, f&gt;^2.
     */
    @Test
    void theIdentityHoldsForABiasFreeTwoLayerReluNetwork() {
        int d = 4;
        int h = 5;
        int k = 3;
        int n = 7;
        SplittableRandom random = new SplittableRandom(3);
        double[] w = random.doubles(h * d, -1, 1).toArray();
        double[] v = random.doubles(k * h, -1, 1).toArray();
        double[] outputs = new double[n * k];
        double[] residuals = new double[n * k];
        double[] along = new double[n];
        double[] theta = new double[h * d + k * h];
        System.arraycopy(w, 0, theta, 0, w.length);
        System.arraycopy(v, 0, theta, w.length, v.length);
        for (int i = 0; i < n; i++) {
            double[] x = random.doubles(d, -1, 1).toArray();
            int y = random.nextInt(k);
            double[] z = new double[h];
            double[] hidden = new double[h];
            for (int a = 0; a < h; a++) {
                for (int b = 0; b < d; b++) {
                    z[a] += w[a * d + b] * x[b];
                }
                hidden[a] = Math.max(0, z[a]);
            }
            double[] f = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                for (int a = 0; a < h; a++) {
                    f[c] += v[c * h + a] * hidden[a];
                }
                max = Math.max(max, f[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(f[c] - max);
            }
            double[] r = new double[k];
            for (int c = 0; c < k; c++) {
                r[c] = Math.exp(f[c] - max) / sum - (c == y ? 1 : 0);
                outputs[i * k + c] = f[c];
                residuals[i * k + c] = r[c];
            }
            double[] gradient = new double[theta.length];
            for (int a = 0; a < h; a++) {
                double back = 0;
                for (int c = 0; c < k; c++) {
                    back += v[c * h + a] * r[c];
                    gradient[w.length + c * h + a] = r[c] * hidden[a];
                }
                for (int b = 0; b < d; b++) {
                    gradient[a * d + b] = z[a] > 0 ? back * x[b] : 0;
                }
            }
            along[i] = FisherRaoMath.alongParameters(theta, gradient);
        }
        double fr = FisherRaoMath.fromOutputs(2, outputs, residuals, k);
        assertEquals(fr, FisherRaoMath.meanSquare(along), 1e-12 * fr);
    }
}
