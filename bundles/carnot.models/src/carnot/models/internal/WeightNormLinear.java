package carnot.models.internal;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A fully connected layer with weight normalization (Salimans & Kingma 2016, eq. 2): each output
 * unit's weight vector is reparameterized as
 *
 * <pre>w_i = g_i v_i / ||v_i||</pre>
 *
 * with a direction v_i (row i of the {@code weight} parameter, initialized like any weight) and a
 * scalar length g_i (the {@code g} parameter), trained instead of w_i; then y = x W^T + b. The
 * lengths start at g_i = ||v_i||, so the initial function is the one of a plain linear layer with
 * weights v (Salimans & Kingma's data-dependent initialization is not used). The gradient with
 * respect to v_i is g_i / ||v_i|| times the projection of the gradient with respect to w_i away
 * from w_i (their eq. 4), hence orthogonal to v_i.
 */
public final class WeightNormLinear extends AbstractBlock {

    private static final byte VERSION = 1;

    private final long units;
    private final Parameter direction;
    private final Parameter length;
    private final Parameter bias;

    public WeightNormLinear(long units, boolean withBias) {
        super(VERSION);
        this.units = units;
        direction = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        // Overwritten with ||v_i|| once v is initialized (see initialize).
        length = addParameter(Parameter.builder().setName("g").setType(Parameter.Type.OTHER)
                .optInitializer(Parameter.Type.GAMMA.getInitializer()).build());
        bias = withBias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build()) : null;
    }

    /** W = diag(g / ||v_i||) V, row by row. */
    static NDArray effectiveWeight(NDArray v, NDArray g) {
        return v.mul(g.div(v.norm(new int[] {1})).expandDims(1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        Device device = input.getDevice();
        NDArray v = store.getValue(direction, device, training);
        NDArray g = store.getValue(length, device, training);
        NDArray b = bias == null ? null : store.getValue(bias, device, training);
        NDArray w = effectiveWeight(v, g);
        return b == null ? Linear.linear(input, w) : Linear.linear(input, w, b);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0].slice(0, inputs[0].dimension() - 1).add(units)};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        long features = input.get(input.dimension() - 1);
        direction.setShape(new Shape(units, features));
        length.setShape(new Shape(units));
        if (bias != null) {
            bias.setShape(new Shape(units));
        }
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        super.initialize(manager, dataType, inputShapes);
        NDArray v = direction.getArray();
        try (NDManager scope = v.getManager().newSubManager()) {
            NDArray norms = v.norm(new int[] {1});
            norms.attach(scope);
            length.getArray().set(norms.toFloatArray());
        }
    }
}
