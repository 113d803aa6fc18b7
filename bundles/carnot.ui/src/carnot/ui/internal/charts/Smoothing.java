package carnot.ui.internal.charts;

/**
 * TensorBoard's scalar smoothing: an exponential moving average with weight {@code w} in [0, 1),
 * debiased so that the first points are not pulled towards 0 (TensorBoard's
 * {@code resampleSmoothing}, the bias correction of Adam, Kingma &amp; Ba 2015, section 3):
 * {@code m_i = w m_{i-1} + (1 - w) y_i}, {@code m_0 = 0}, {@code s_i = m_i / (1 - w^i)}, i from 1.
 * Non-finite values are passed through and do not enter the average.
 */
public final class Smoothing {

    private Smoothing() {
    }

    /**
     * @param values the curve, not modified
     * @param weight 0 (no smoothing) to below 1
     * @return a new array of the same length
     */
    public static double[] ema(double[] values, double weight) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("smoothing weight must be in [0, 1), got " + weight);
        }
        double[] smoothed = new double[values.length];
        double average = 0;
        int count = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                smoothed[i] = values[i];
                continue;
            }
            count++;
            average = weight * average + (1 - weight) * values[i];
            smoothed[i] = weight == 0 ? values[i] : average / (1 - Math.pow(weight, count));
        }
        return smoothed;
    }
}
