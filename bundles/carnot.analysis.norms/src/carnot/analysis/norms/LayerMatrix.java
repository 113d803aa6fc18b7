package carnot.analysis.norms;

import org.ejml.data.DMatrixRMaj;

/**
 * One layer's weights as a matrix {@code W} (rows = output units or channels, columns = fan-in),
 * with the same layer's weights at initialization. A fully connected layer's DJL weight of shape
 * (out, in) is used as it is, so that the layer computes {@code W x}; a convolution kernel of
 * shape (out, in, kh, kw) is reshaped to (out, in * kh * kw), the matrix whose norms
 * "Fantastic generalization measures" (Jiang et al. 2019, appendix C) uses for convolutions.
 *
 * @param name    the parameter's structural name in the network, for example {@code 01Linear_weight}
 * @param shape   the parameter's tensor shape
 * @param weight  the current weights; callers must not modify it
 * @param initial the weights at initialization, same size; callers must not modify it
 * @param bias    the layer's current bias (one value per row), or an empty array if it has none
 */
public record LayerMatrix(String name, long[] shape, DMatrixRMaj weight, DMatrixRMaj initial, double[] bias) {

    /** Squared Euclidean norm of the bias, 0 without one. */
    public double biasSquaredNorm() {
        double sum = 0;
        for (double b : bias) {
            sum += b * b;
        }
        return sum;
    }

    /** True for a fully connected layer (a 2-D weight). */
    public boolean isDense() {
        return shape.length == 2;
    }
}
