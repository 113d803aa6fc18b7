package carnot.analysis.curvature.internal;

import carnot.api.component.ProgressMonitor;
import carnot.curvature.linalg.SymmetricOperator;
import carnot.curvature.linalg.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Randomized trace estimators that see A only through products. Stateless. */
public final class TraceEstimators {

    /** An estimate with its standard error (NaN where the estimator gives none). */
    public record Estimate(double value, double standardError, int products) {
    }

    private TraceEstimators() {
    }

    /**
     * Hutchinson's estimator (Hutchinson 1990; Avron & Toledo 2011):
     * {@code tr(A) ~ (1/m) sum_j z_j^T A z_j} with Rademacher z_j, unbiased with variance
     * {@code 2 (||A||_F^2 - sum_i A_ii^2) / m}. The standard error is the sample one.
     */
    public static Estimate hutchinson(SymmetricOperator a, int probes, SplittableRandom random, ProgressMonitor monitor) {
        int n = a.dimension();
        double[] az = new double[n];
        double sum = 0;
        double sumSquares = 0;
        for (int j = 0; j < probes; j++) {
            monitor.checkCancelled();
            double[] z = Vectors.rademacher(n, random);
            a.apply(z, az);
            double sample = Vectors.dot(z, az);
            sum += sample;
            sumSquares += sample * sample;
            monitor.worked("Hutchinson trace", j + 1, probes);
        }
        double mean = sum / probes;
        double variance = probes > 1 ? Math.max(0, (sumSquares - probes * mean * mean) / (probes - 1)) : Double.NaN;
        return new Estimate(mean, Math.sqrt(variance / probes), probes);
    }

    /**
     * Hutch++ (Meyer, Musco, Musco & Woodruff 2021, Alg. 1) with m products (m divisible by 3 is
     * used as {@code 3 * (m / 3)}): S, G with m/3 Rademacher columns each; Q = orth(A S);
     * {@code tr(A) ~ tr(Q^T A Q) + (3/m) tr(G^T (I - QQ^T) A (I - QQ^T) G)}. Exact (up to
     * rounding) when rank(A) <= m/3; relative error O(1/m) instead of Hutchinson's O(1/sqrt m).
     */
    public static Estimate hutchPlusPlus(SymmetricOperator a, int products, SplittableRandom random,
            ProgressMonitor monitor) {
        int n = a.dimension();
        int third = products / 3;
        if (third < 1) {
            throw new IllegalArgumentException("Hutch++ needs at least 3 products, got " + products);
        }
        int done = 0;
        List<double[]> q = new ArrayList<>();
        for (int j = 0; j < third; j++) {
            monitor.checkCancelled();
            double[] as = new double[n];
            a.apply(Vectors.rademacher(n, random), as);
            monitor.worked("Hutch++ trace", ++done, 3L * third);
            Vectors.orthogonalize(as, q);
            double norm = Vectors.normalize(as);
            if (norm > 1e-12 * Math.sqrt(n)) {
                q.add(as);
            }
        }
        double[] aq = new double[n];
        double low = 0;
        for (double[] column : q) {
            monitor.checkCancelled();
            a.apply(column, aq);
            low += Vectors.dot(column, aq);
            monitor.worked("Hutch++ trace", ++done, 3L * third);
        }
        for (int j = q.size(); j < third; j++) {
            monitor.worked("Hutch++ trace", ++done, 3L * third);
        }
        double rest = 0;
        double[] ag = new double[n];
        for (int j = 0; j < third; j++) {
            monitor.checkCancelled();
            double[] g = Vectors.rademacher(n, random);
            Vectors.orthogonalize(g, q);
            a.apply(g, ag);
            rest += Vectors.dot(g, ag);
            monitor.worked("Hutch++ trace", ++done, 3L * third);
        }
        return new Estimate(low + rest / third, Double.NaN, q.size() + 2 * third);
    }
}
