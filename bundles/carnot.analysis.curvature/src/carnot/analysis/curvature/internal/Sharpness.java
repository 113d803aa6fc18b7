package carnot.analysis.curvature.internal;

import carnot.api.component.ProgressMonitor;
import carnot.curvature.linalg.Vectors;
import java.util.SplittableRandom;

/**
 * Flatness measures that perturb the weights; each restores them before returning. Stateless.
 */
public final class Sharpness {

    /** The result of {@link #pacBayesSigma}. */
    public record Sigma(double sigma, double lossIncrease, boolean capped) {
    }

    private Sharpness() {
    }

    /**
     * Keskar et al. (2017), "On large-batch training for deep learning: generalization gap and
     * sharp minima", Metric 2.1 with A = I (the full space):
     * {@code phi = 100 (max_{y in C} f(x + y) - f(x)) / (1 + f(x))} over the box
     * {@code C = {y : |y_i| <= eps (|x_i| + 1)}}. The paper maximizes with L-BFGS-B; here by
     * projected steepest ascent for that box, {@code y <- clip_C(y + rate b sign(grad f(x + y)))}
     * with half-widths {@code b_i = eps (|x_i| + 1)}, from y = 0, keeping the largest loss seen
     * (a lower bound on the maximum, as any local method gives).
     *
     * @return {@code {phi, max f(x + y), f(x)}}
     */
    public static double[] epsSharpness(LossHessian f, double epsilon, int steps, double rate, ProgressMonitor monitor) {
        double[] x = f.parameters();
        int n = x.length;
        double fx = f.loss();
        double[] halfWidth = new double[n];
        for (int i = 0; i < n; i++) {
            halfWidth[i] = epsilon * (Math.abs(x[i]) + 1);
        }
        double[] y = new double[n];
        double[] point = new double[n];
        double[] gradient = new double[n];
        double best = fx;
        try {
            for (int t = 0; t <= steps; t++) {
                monitor.checkCancelled();
                for (int i = 0; i < n; i++) {
                    point[i] = x[i] + y[i];
                }
                f.setParameters(point);
                if (t == steps) {
                    best = Math.max(best, f.loss());
                    break;
                }
                best = Math.max(best, f.lossAndGradient(gradient));
                for (int i = 0; i < n; i++) {
                    double step = y[i] + rate * halfWidth[i] * Math.signum(gradient[i]);
                    y[i] = Math.max(-halfWidth[i], Math.min(halfWidth[i], step));
                }
                monitor.worked("eps-sharpness", t + 1, steps);
            }
        } finally {
            f.setParameters(x);
        }
        return new double[] {100 * (best - fx) / (1 + fx), best, fx};
    }

    /**
     * The PAC-Bayes flatness radius (Jiang et al. 2020, "Fantastic generalization measures and
     * where to find them", Sec. 3 / Eq. 44-47, after Neyshabur et al. 2017): the largest sigma with
     * {@code E_u[f(x + u)] - f(x) <= tolerance}, {@code u ~ N(0, sigma^2 I)}. The expectation is
     * the mean over {@code samples} fixed directions z_m (seeded; the same for every sigma, so the
     * estimate is a smooth function of sigma), {@code u = sigma z_m}. Bisection on log sigma in
     * {@code [sigmaMax 2^-30, sigmaMax]}; {@code capped} when even sigmaMax keeps the loss within
     * the tolerance (sigma is then reported as sigmaMax).
     */
    public static Sigma pacBayesSigma(LossHessian f, double tolerance, int samples, int bisections, double sigmaMax,
            long seed, ProgressMonitor monitor) {
        double[] x = f.parameters();
        double fx = f.loss();
        try {
            double highIncrease = meanIncrease(f, x, fx, sigmaMax, samples, seed);
            if (highIncrease <= tolerance) {
                return new Sigma(sigmaMax, highIncrease, true);
            }
            double logLow = Math.log(sigmaMax) - 30 * Math.log(2);
            double logHigh = Math.log(sigmaMax);
            double lowIncrease = meanIncrease(f, x, fx, Math.exp(logLow), samples, seed);
            if (lowIncrease > tolerance) {
                return new Sigma(0, lowIncrease, false);
            }
            for (int b = 0; b < bisections; b++) {
                monitor.checkCancelled();
                double mid = 0.5 * (logLow + logHigh);
                double increase = meanIncrease(f, x, fx, Math.exp(mid), samples, seed);
                if (increase <= tolerance) {
                    logLow = mid;
                    lowIncrease = increase;
                } else {
                    logHigh = mid;
                }
                monitor.worked("PAC-Bayes sigma", b + 1, bisections);
            }
            return new Sigma(Math.exp(logLow), lowIncrease, false);
        } finally {
            f.setParameters(x);
        }
    }

    private static double meanIncrease(LossHessian f, double[] x, double fx, double sigma, int samples, long seed) {
        double sum = 0;
        double[] point = new double[x.length];
        for (int m = 0; m < samples; m++) {
            double[] z = Vectors.gaussian(x.length, new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (m + 1)));
            for (int i = 0; i < x.length; i++) {
                point[i] = x[i] + sigma * z[i];
            }
            f.setParameters(point);
            sum += f.loss();
        }
        return sum / samples - fx;
    }
}
