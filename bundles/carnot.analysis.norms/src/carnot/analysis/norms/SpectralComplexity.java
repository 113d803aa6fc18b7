package carnot.analysis.norms;

import java.util.List;

/**
 * The spectral complexity of Bartlett, Foster and Telgarsky (2017, "Spectrally-normalized margin
 * bounds for neural networks", eq. 1.2):
 *
 * <pre>
 *   R_A = (prod_i rho_i ||A_i||_sigma) * (sum_i ||A_i^T - M_i^T||_{2,1}^{2/3} / ||A_i||_sigma^{2/3})^{3/2}
 * </pre>
 *
 * over the layers A_1..A_L, with reference matrices M_i fixed before seeing the data (zero, as
 * in their experiments, or the initial weights), rho_i the Lipschitz constant of the i-th
 * nonlinearity (1 for ReLU and tanh; none after the last layer), ||.||_sigma the spectral norm
 * and ||.||_{2,1} as in {@link MatrixNorms#transposeTwoOne}. Convolutions enter through their
 * reshaped kernel matrix ({@link LayerMatrix}), an approximation of the convolution operator's
 * norms, as in Jiang et al. (2019).
 */
public final class SpectralComplexity {

    /** Which reference matrices M_i the (2,1) distances are measured from. */
    public enum Reference {
        ZERO, INITIAL
    }

    private SpectralComplexity() {
    }

    /**
     * @param layers     input to output; not modified
     * @param reference  M_i = 0 or M_i = the layer's initial weights
     * @param lipschitz  rho, the Lipschitz constant of the hidden activation (applied L-1 times)
     * @return R_A; 0 if some layer is zero (the network is constant)
     */
    public static double of(List<LayerMatrix> layers, Reference reference, double lipschitz) {
        double product = 1;
        double sum = 0;
        for (LayerMatrix layer : layers) {
            double spectral = MatrixNorms.spectral(layer.weight());
            if (spectral == 0) {
                return 0;
            }
            product *= spectral;
            double twoOne = reference == Reference.ZERO ? MatrixNorms.transposeTwoOne(layer.weight())
                    : MatrixNorms.transposeTwoOne(difference(layer));
            sum += Math.pow(twoOne, 2.0 / 3) / Math.pow(spectral, 2.0 / 3);
        }
        return product * Math.pow(lipschitz, Math.max(0, layers.size() - 1)) * Math.pow(sum, 1.5);
    }

    /** prod_i ||A_i||_F, the Frobenius normalization of Neyshabur et al. (2015). */
    public static double frobeniusProduct(List<LayerMatrix> layers) {
        double product = 1;
        for (LayerMatrix layer : layers) {
            product *= MatrixNorms.frobenius(layer.weight());
        }
        return product;
    }

    /**
     * Lipschitz constant of a hidden activation by its Carnot name: relu, tanh 1; sigmoid 1/4; gelu
     * max_x d/dx (x Phi(x)) = 1.1289 (at x = sqrt(2)); null (a linear network) 1.
     *
     * @throws IllegalArgumentException for an activation this table does not know
     */
    public static double lipschitz(String activation) {
        if (activation == null) {
            return 1;
        }
        return switch (activation) {
            case "relu", "tanh" -> 1;
            case "sigmoid" -> 0.25;
            case "gelu" -> 1.1289;
            default -> throw new IllegalArgumentException("no Lipschitz constant known for activation '" + activation
                    + "'; known: relu, tanh, sigmoid, gelu");
        };
    }

    /**
     * ||X||_2 = sqrt(sum_i ||x_i||_2^2) over a dataset's flattened inputs (the Frobenius norm of the
     * n x d input matrix), the data scale that multiplies R_A in Bartlett et al.'s bound.
     */
    public static double inputNorm(carnot.api.datasets.Dataset data) {
        double sum = 0;
        for (float v : data.features()) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    private static org.ejml.data.DMatrixRMaj difference(LayerMatrix layer) {
        org.ejml.data.DMatrixRMaj d = layer.weight().copy();
        for (int i = 0; i < d.data.length; i++) {
            d.data[i] -= layer.initial().data[i];
        }
        return d;
    }
}
