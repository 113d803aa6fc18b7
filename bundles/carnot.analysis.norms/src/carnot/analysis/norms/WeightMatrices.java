package carnot.analysis.norms;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** Reads a network's layers as matrices, input to output. */
public final class WeightMatrices {

    private WeightMatrices() {
    }

    /**
     * The weight matrices of every parameter of type {@link Parameter.Type#WEIGHT} with at least
     * two dimensions (fully connected and convolutional layers), in the network's parameter order,
     * which for sequential networks is input to output. A layer's bias is the parameter of type
     * {@link Parameter.Type#BIAS} of the same block (same structural name up to the last {@code _}).
     *
     * @param model             the network; not modified
     * @param initialParameters initial values by structural name ({@code AnalysisContext.initialParameters()});
     *                          not modified
     * @throws IllegalArgumentException if an initial value is missing or of another size
     */
    public static List<LayerMatrix> of(Block model, Map<String, float[]> initialParameters) {
        Map<String, float[]> biases = new HashMap<>();
        for (Pair<String, Parameter> entry : model.getParameters()) {
            if (entry.getValue().getType() == Parameter.Type.BIAS) {
                biases.put(block(entry.getKey()), entry.getValue().getArray().toFloatArray());
            }
        }
        List<LayerMatrix> layers = new ArrayList<>();
        for (Pair<String, Parameter> entry : model.getParameters()) {
            Parameter parameter = entry.getValue();
            long[] shape = parameter.getArray().getShape().getShape();
            if (parameter.getType() != Parameter.Type.WEIGHT || shape.length < 2) {
                continue;
            }
            int rows = Math.toIntExact(shape[0]);
            float[] values = parameter.getArray().toFloatArray();
            int cols = values.length / rows;
            float[] initial = initialParameters.get(entry.getKey());
            if (initial == null || initial.length != values.length) {
                throw new IllegalArgumentException("no initial value of " + values.length + " numbers for parameter "
                        + entry.getKey());
            }
            float[] bias = biases.getOrDefault(block(entry.getKey()), new float[0]);
            double[] biasValues = new double[bias.length];
            for (int i = 0; i < bias.length; i++) {
                biasValues[i] = bias[i];
            }
            layers.add(new LayerMatrix(entry.getKey(), shape, matrix(rows, cols, values), matrix(rows, cols, initial),
                    biasValues));
        }
        return layers;
    }

    /**
     * The architecture's hidden activation: its {@code activation} setting in the resolved
     * experiment, or null when it has none (a linear model).
     */
    public static String activation(carnot.api.experiment.ExperimentSpec spec) {
        Object value = spec.model().settings().get("activation");
        return value == null ? null : value.toString();
    }

    private static String block(String parameterName) {
        int cut = parameterName.lastIndexOf('_');
        return cut < 0 ? "" : parameterName.substring(0, cut);
    }

    /** A {@code rows x cols} matrix of row-major float values, in double precision. */
    public static DMatrixRMaj matrix(int rows, int cols, float[] values) {
        DMatrixRMaj matrix = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < values.length; i++) {
            matrix.data[i] = values[i];
        }
        return matrix;
    }
}
