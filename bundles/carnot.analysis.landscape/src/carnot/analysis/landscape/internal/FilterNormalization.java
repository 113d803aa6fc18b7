package carnot.analysis.landscape.internal;

import carnot.curvature.linalg.WeightVectors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Filter-normalized random directions (Li, Xu, Taylor, Studer and Goldstein 2018, "Visualizing
 * the Loss Landscape of Neural Nets", Section 4): a Gaussian direction d of the parameters'
 * shape, then for every filter i of every weight tensor
 * {@code d_i <- d_i / ||d_i|| * ||theta_i||} (Frobenius norms), where a filter is one slice along
 * the first (output) dimension: an output channel of a convolution kernel, a row (output unit) of
 * a fully connected weight matrix. Parameters with at most one dimension (biases, batch-norm
 * gamma, beta, running mean and variance) get a zero direction, as the paper does ("we set
 * d = 0 for bias and batch-norm parameters"; its code's {@code ignore='biasbn'}).
 */
public final class FilterNormalization {

    /** The paper's code adds this to the direction's filter norm to avoid division by zero. */
    public static final double EPSILON = 1e-10;

    private FilterNormalization() {
    }

    /**
     * A filter-normalized Gaussian direction.
     *
     * @param weights the point the direction is scaled to; not modified
     * @param shapes  every parameter's shape, same names as {@code weights}; not modified
     * @param random  the source of the standard normal draws, consumed in parameter order
     */
    public static Map<String, float[]> randomDirection(Map<String, float[]> weights, Map<String, long[]> shapes,
            Random random) {
        Map<String, float[]> direction = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> entry : weights.entrySet()) {
            float[] d = new float[entry.getValue().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) random.nextGaussian();
            }
            direction.put(entry.getKey(), d);
        }
        return normalize(direction, weights, shapes);
    }

    /**
     * Filter-normalizes a direction: a new direction whose filter i of every parameter with two or
     * more dimensions has the Frobenius norm of filter i of {@code weights}, and zero for every
     * parameter with fewer dimensions.
     *
     * @param direction any direction of the parameters' layout; not modified
     * @param weights   the point; not modified
     * @param shapes    every parameter's shape; not modified
     */
    public static Map<String, float[]> normalize(Map<String, float[]> direction, Map<String, float[]> weights,
            Map<String, long[]> shapes) {
        WeightVectors.requireSameLayout(direction, weights);
        Map<String, float[]> normalized = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> entry : direction.entrySet()) {
            String name = entry.getKey();
            float[] d = entry.getValue();
            float[] w = weights.get(name);
            long[] shape = shapes.get(name);
            if (shape == null) {
                throw new IllegalArgumentException("no shape for parameter " + name);
            }
            float[] out = new float[d.length];
            if (shape.length >= 2 && d.length > 0) {
                int filters = Math.toIntExact(shape[0]);
                int filterSize = d.length / filters;
                for (int f = 0; f < filters; f++) {
                    int from = f * filterSize;
                    double scale = norm(w, from, filterSize) / (norm(d, from, filterSize) + EPSILON);
                    for (int i = from; i < from + filterSize; i++) {
                        out[i] = (float) (d[i] * scale);
                    }
                }
            }
            normalized.put(name, out);
        }
        return normalized;
    }

    /** Frobenius norm of {@code values[from, from + length)}, accumulated in double. */
    static double norm(float[] values, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) values[i] * values[i];
        }
        return Math.sqrt(sum);
    }
}
