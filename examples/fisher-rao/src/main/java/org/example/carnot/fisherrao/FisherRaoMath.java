package org.example.carnot.fisherrao;

/**
 * The Fisher-Rao norm of Liang, Poggio, Rakhlin & Stokes, "Fisher-Rao Metric, Geometry, and
 * Complexity of Neural Networks" (AISTATS 2019), for a network f(x; theta) that is positively
 * homogeneous of degree L + 1 in its parameters (a bias-free ReLU network with L + 1 layers):
 *
 * <pre>||theta||_fr^2 = (L + 1)^2 (1/n) sum_i &lt;d loss/d f (f(x_i), y_i), f(x_i)&gt;^2   (their Theorem 3.1 / eq. 3.4)</pre>
 *
 * the empirical version with the loss gradient at the observed labels, and its definition through the
 * parameter gradients,
 *
 * <pre>||theta||_fr^2 = (1/n) sum_i &lt;theta, d loss_i / d theta&gt;^2,</pre>
 *
 * which agrees exactly for such networks: by Euler's identity &lt;theta, d f/d theta&gt; = (L + 1) f,
 * so &lt;theta, d loss_i/d theta&gt; = &lt;d loss_i/d f, (L + 1) f(x_i)&gt;. Plain arrays, no DJL.
 */
public final class FisherRaoMath {

    private FisherRaoMath() {
    }

    /**
     * (L + 1)^2 (1/n) sum_i &lt;g_i, f_i&gt;^2.
     *
     * @param degree        L + 1, the homogeneity degree
     * @param outputs       f(x_i), row-major n x k
     * @param lossGradients d loss_i / d f(x_i), row-major n x k
     * @param k             outputs per example
     */
    public static double fromOutputs(int degree, double[] outputs, double[] lossGradients, int k) {
        if (outputs.length != lossGradients.length || k < 1 || outputs.length % k != 0) {
            throw new IllegalArgumentException("outputs and loss gradients must both be n x " + k + " arrays, got "
                    + outputs.length + " and " + lossGradients.length + " values");
        }
        int n = outputs.length / k;
        if (n == 0) {
            throw new IllegalArgumentException("the Fisher-Rao norm needs at least one example");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double inner = 0;
            for (int j = 0; j < k; j++) {
                inner += lossGradients[i * k + j] * outputs[i * k + j];
            }
            sum += inner * inner;
        }
        return (double) degree * degree * sum / n;
    }

    /** &lt;theta, g&gt; for one example's parameter gradient g. */
    public static double alongParameters(double[] theta, double[] gradient) {
        if (theta.length != gradient.length) {
            throw new IllegalArgumentException("theta has " + theta.length + " values, the gradient " + gradient.length);
        }
        double inner = 0;
        for (int i = 0; i < theta.length; i++) {
            inner += theta[i] * gradient[i];
        }
        return inner;
    }

    /** (1/n) sum_i t_i^2 for t_i = &lt;theta, d loss_i/d theta&gt;. */
    public static double meanSquare(double[] t) {
        if (t.length == 0) {
            throw new IllegalArgumentException("the Fisher-Rao norm needs at least one example");
        }
        double sum = 0;
        for (double v : t) {
            sum += v * v;
        }
        return sum / t.length;
    }
}
