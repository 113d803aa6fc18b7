package carnot.analysis.norms;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The l2 path norm {@code phi_2(w) = sqrt(sum over input-output paths p of prod_{e in p} w_e^2)}
 * (Neyshabur, Tomioka and Srebro 2015, "Norm-based capacity control in neural networks", section
 * 4), with a bias counted as the weight of an edge from a unit whose output is always 1. For a
 * network of linear or convolutional layers and ReLUs it is computed, as Jiang et al. (2019,
 * "Fantastic generalization measures", eq. 44) do, by one forward pass of the same network with
 * every weight and bias squared on an input of all ones, then the square root of the sum of the
 * outputs: every pre-activation of that pass is non-negative, so each ReLU passes it unchanged
 * and the outputs are exactly the path sums. With max-pooling the pass keeps the largest pooled
 * path sum, as in Jiang et al.
 *
 * <p>Not defined (empty result) for networks that are not positively homogeneous: batch
 * normalization parameters, or an activation other than ReLU (a tanh, sigmoid or GELU would
 * change the squared sums).
 */
public final class PathNorm {

    /** Parameter types of batch normalization, under which the forward pass is not a path sum. */
    private static final Set<Parameter.Type> NORMALIZATION = Set.of(Parameter.Type.GAMMA, Parameter.Type.BETA,
            Parameter.Type.RUNNING_MEAN, Parameter.Type.RUNNING_VAR);

    private PathNorm() {
    }

    /**
     * @param model        the network; its parameters are read, never modified
     * @param exampleShape the shape of one input example
     * @param activation   the network's hidden activation ({@code "relu"}, or null for none, a linear model)
     * @param manager      owns every array created here (the caller closes it)
     * @return the l2 path norm, or empty when the network is not a ReLU network without batch norm
     */
    public static Optional<Double> l2(Block model, int[] exampleShape, String activation, NDManager manager) {
        if (activation != null && !activation.equals("relu")) {
            return Optional.empty();
        }
        for (Pair<String, Parameter> entry : model.getParameters()) {
            if (NORMALIZATION.contains(entry.getValue().getType())) {
                return Optional.empty();
            }
        }
        long[] dims = new long[exampleShape.length + 1];
        dims[0] = 1;
        for (int i = 0; i < exampleShape.length; i++) {
            dims[i + 1] = exampleShape[i];
        }
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore squared = new SquaredParameters(scope);
            NDArray out = model.forward(squared, new NDList(scope.ones(new Shape(dims))), false).singletonOrThrow();
            double sum = 0;
            for (float v : out.toFloatArray()) {
                sum += v;
            }
            return Optional.of(Math.sqrt(sum));
        }
    }

    /** Serves every parameter squared, as a copy owned by the given manager; the network is untouched. */
    private static final class SquaredParameters extends ParameterStore {
        private final NDManager manager;
        private final Map<String, NDArray> squares = new HashMap<>();

        SquaredParameters(NDManager manager) {
            super(manager, false);
            this.manager = manager;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            return squares.computeIfAbsent(parameter.getId(), id -> {
                NDArray array = parameter.getArray();
                float[] values = array.toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    values[i] *= values[i];
                }
                return manager.create(values, array.getShape());
            });
        }
    }
}
