package carnot.analysis.linear;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * The weights of a network that is a single linear layer f(x) = W x + b (the {@code linear}
 * architecture, or an {@code mlp} with no hidden layer), read as plain arrays.
 *
 * @param w    K x d weights, row k is class k's weight vector
 * @param b    the K biases, or null without a bias
 */
public record LinearModel(double[][] w, double[] b) {

    /**
     * @throws IllegalArgumentException if the network has any other parameter than one 2-D weight
     *                                  and at most one bias
     */
    public static LinearModel of(Block model) {
        List<Parameter> weights = new ArrayList<>();
        List<Parameter> biases = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Pair<String, Parameter> entry : model.getParameters()) {
            names.add(entry.getKey());
            Parameter parameter = entry.getValue();
            if (parameter.getType() == Parameter.Type.WEIGHT && parameter.getArray().getShape().dimension() == 2) {
                weights.add(parameter);
            } else if (parameter.getType() == Parameter.Type.BIAS) {
                biases.add(parameter);
            } else {
                weights.add(null);
            }
        }
        if (weights.size() != 1 || weights.get(0) == null || biases.size() > 1) {
            throw new IllegalArgumentException("needs a network that is one linear layer f(x) = Wx + b (the 'linear' "
                    + "architecture, or 'mlp' with hidden = []); this one has parameters " + names);
        }
        long[] shape = weights.get(0).getArray().getShape().getShape();
        int k = (int) shape[0];
        int d = (int) shape[1];
        float[] values = weights.get(0).getArray().toFloatArray();
        double[][] w = new double[k][d];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                w[i][j] = values[i * d + j];
            }
        }
        double[] b = null;
        if (!biases.isEmpty()) {
            float[] bias = biases.get(0).getArray().toFloatArray();
            b = new double[bias.length];
            for (int i = 0; i < bias.length; i++) {
                b[i] = bias[i];
            }
        }
        return new LinearModel(w, b);
    }

    public boolean hasBias() {
        return b != null;
    }

    /**
     * For two classes, the direction that decides: f_1(x) - f_0(x) = v.x (+ v_b), as the vector
     * (w_1 - w_0) with (b_1 - b_0) appended when there is a bias, to match
     * {@link BinaryData#of(carnot.api.datasets.Dataset, boolean)} with the constant feature.
     */
    public double[] binaryDirection() {
        if (w.length != 2) {
            throw new IllegalArgumentException("needs 2 outputs, the model has " + w.length);
        }
        int d = w[0].length;
        double[] v = new double[d + (hasBias() ? 1 : 0)];
        for (int j = 0; j < d; j++) {
            v[j] = w[1][j] - w[0][j];
        }
        if (hasBias()) {
            v[d] = b[1] - b[0];
        }
        return v;
    }
}
