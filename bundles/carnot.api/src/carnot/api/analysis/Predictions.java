package carnot.api.analysis;

/**
 * Network outputs on a whole split, in evaluation mode, as plain arrays.
 *
 * @param logits     row-major {@code size x numClasses} outputs
 * @param labels     the split's labels
 * @param numClasses width of a row
 */
public record Predictions(float[] logits, int[] labels, int numClasses) {

    /** The number of examples: rows of the outputs. */
    public int size() {
        return labels.length;
    }

    /** Output {@code k} of example {@code i}. */
    public float logit(int i, int k) {
        return logits[i * numClasses + k];
    }
}
