package carnot.curvature.linalg;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stateless operations on points and directions of weight space, held as every parameter's values
 * by structural name (the order of {@code Block.getParameters()}), row-major. Arguments are never
 * modified unless documented.
 */
public final class WeightVectors {

    private WeightVectors() {
    }

    /**
     * The point {@code base + sum_k c_k d_k}, computed per coordinate in double and rounded to
     * float once, so that a zero coefficient reproduces {@code base} exactly.
     *
     * @param base         the origin; not modified
     * @param coefficients one per direction
     * @param directions   same lengths as {@code base} for the names they hold; a parameter a direction
     *                     does not name is not moved by it (e.g. a Hessian eigenvector over the
     *                     trainable parameters only); not modified
     * @return a new point
     */
    @SafeVarargs
    public static Map<String, float[]> offset(Map<String, float[]> base, double[] coefficients,
            Map<String, float[]>... directions) {
        if (coefficients.length != directions.length) {
            throw new IllegalArgumentException(coefficients.length + " coefficients for " + directions.length
                    + " directions");
        }
        Map<String, float[]> point = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> entry : base.entrySet()) {
            float[] origin = entry.getValue();
            float[] values = new float[origin.length];
            for (int i = 0; i < origin.length; i++) {
                double v = origin[i];
                for (int k = 0; k < directions.length; k++) {
                    float[] d = directions[k].get(entry.getKey());
                    if (d != null) {
                        v += coefficients[k] * d[i];
                    }
                }
                values[i] = (float) v;
            }
            point.put(entry.getKey(), values);
        }
        return point;
    }

    /**
     * Linear interpolation {@code theta(alpha) = (1 - alpha) theta_0 + alpha theta_1} (Goodfellow,
     * Vinyals and Saxe 2015, eq. 1), per coordinate in double, rounded to float once: alpha = 0
     * gives {@code from} and alpha = 1 gives {@code to} exactly.
     */
    public static Map<String, float[]> interpolate(Map<String, float[]> from, Map<String, float[]> to, double alpha) {
        requireSameLayout(from, to);
        Map<String, float[]> point = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> entry : from.entrySet()) {
            float[] a = entry.getValue();
            float[] b = to.get(entry.getKey());
            float[] values = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                values[i] = (float) ((1 - alpha) * a[i] + alpha * b[i]);
            }
            point.put(entry.getKey(), values);
        }
        return point;
    }

    /** Euclidean norm over every coordinate of every parameter, accumulated in double. */
    public static double norm(Map<String, float[]> vector) {
        double sum = 0;
        for (float[] values : vector.values()) {
            for (float v : values) {
                sum += (double) v * v;
            }
        }
        return Math.sqrt(sum);
    }

    /** Euclidean distance {@code ||a - b||}, accumulated in double. */
    public static double distance(Map<String, float[]> a, Map<String, float[]> b) {
        requireSameLayout(a, b);
        double sum = 0;
        for (Map.Entry<String, float[]> entry : a.entrySet()) {
            float[] x = entry.getValue();
            float[] y = b.get(entry.getKey());
            for (int i = 0; i < x.length; i++) {
                double d = (double) x[i] - y[i];
                sum += d * d;
            }
        }
        return Math.sqrt(sum);
    }

    /** Throws unless both hold the same parameter names with the same lengths. */
    public static void requireSameLayout(Map<String, float[]> a, Map<String, float[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            throw new IllegalArgumentException("the weights name different parameters: " + a.keySet() + " and "
                    + b.keySet());
        }
        for (Map.Entry<String, float[]> entry : a.entrySet()) {
            int other = b.get(entry.getKey()).length;
            if (entry.getValue().length != other) {
                throw new IllegalArgumentException("parameter " + entry.getKey() + " has " + entry.getValue().length
                        + " values in one point and " + other + " in the other");
            }
        }
    }
}
