package carnot.curvature.linalg;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Dense vector kernels in double precision, for the Krylov methods here and for every analysis that
 * works on flattened parameters or feature vectors. Stateless; each method says which argument it
 * modifies (none unless said).
 */
public final class Vectors {

    private Vectors() {
    }

    public static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** The angle between a and b in radians, in [0, pi]; NaN if either is zero. */
    public static double angle(double[] a, double[] b) {
        double cos = dot(a, b) / (norm(a) * norm(b));
        return Math.acos(Math.max(-1, Math.min(1, cos)));
    }

    /** {@code y += alpha x}; y modified. */
    public static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** {@code x *= alpha}; x modified. */
    public static void scale(double alpha, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= alpha;
        }
    }

    /** Scales x to unit norm and returns its former norm; x modified. */
    public static double normalize(double[] x) {
        double norm = norm(x);
        if (norm > 0) {
            scale(1 / norm, x);
        }
        return norm;
    }

    /**
     * Removes from x its components along the given orthonormal vectors, twice (classical
     * Gram-Schmidt repeated: "twice is enough", Giraud et al. 2005); x modified.
     */
    public static void orthogonalize(double[] x, List<double[]> basis) {
        for (int pass = 0; pass < 2; pass++) {
            for (double[] q : basis) {
                axpy(-dot(q, x), q, x);
            }
        }
    }

    /** Independent signs +-1 with probability 1/2 each (Rademacher). */
    public static double[] rademacher(int n, SplittableRandom random) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = random.nextBoolean() ? 1 : -1;
        }
        return z;
    }

    /** Independent standard normal entries. */
    public static double[] gaussian(int n, SplittableRandom random) {
        double[] z = new double[n];
        for (int i = 0; i < n; i += 2) {
            // Box-Muller: two independent N(0,1) from two uniforms.
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u));
            z[i] = r * Math.cos(2 * Math.PI * v);
            if (i + 1 < n) {
                z[i + 1] = r * Math.sin(2 * Math.PI * v);
            }
        }
        return z;
    }
}
