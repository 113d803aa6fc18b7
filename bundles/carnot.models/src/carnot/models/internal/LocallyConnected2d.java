package carnot.models.internal;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * A locally connected 2-D layer: a convolution without weight sharing (LeCun et al. 1989's
 * "locally connected" layers; the "local" networks of Poggio et al. 2017's shallow / deep / local /
 * convolutional comparison). Every output location (i, j) has its own k x k filter bank and bias:
 *
 * <pre>y[b, o, i, j] = bias[o, i, j] + sum_{c, u, v} W[(i, j), o, c, u, v] x_pad[b, c, s i + u, s j + v]</pre>
 *
 * with zero padding p and stride s, so that it equals a convolution when every location's filters
 * are the same. Parameters: {@code weight} of shape (H' W', C_out, C_in k k) and {@code bias} of
 * shape (C_out, H', W'); the weights are initialized with fan_in = C_in k k, as a convolution.
 * Computed by gathering the k^2 shifted views of the input into patches (B, C_in k k, H' W') and a
 * batched product over the H' W' locations.
 */
public final class LocallyConnected2d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param weightInitializer for the weights, given shape (H' W', C_out, C_in k k); see
     *                          {@link Layers#initializer(String, double, long, long)}
     */
    public LocallyConnected2d(int filters, int kernel, int stride, int padding, Initializer weightInitializer) {
        super(VERSION);
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.OTHER)
                .optInitializer(weightInitializer).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    static long outputSide(long in, int kernel, int stride, int padding) {
        return (in + 2L * padding - kernel) / stride + 1;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        return new Shape[] {new Shape(in.get(0), filters, outputSide(in.get(2), kernel, stride, padding),
                outputSide(in.get(3), kernel, stride, padding))};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 4) {
            throw new IllegalArgumentException("locally connected layers need (batch, channels, height, width), got "
                    + in);
        }
        long outHeight = outputSide(in.get(2), kernel, stride, padding);
        long outWidth = outputSide(in.get(3), kernel, stride, padding);
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " kernel does not fit the "
                    + in.get(2) + "x" + in.get(3) + " input");
        }
        weight.setShape(new Shape(outHeight * outWidth, filters, in.get(1) * kernel * kernel));
        bias.setShape(new Shape(filters, outHeight, outWidth));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDArray w = store.getValue(weight, device, training);
        NDArray b = store.getValue(bias, device, training);
        long batch = x.getShape().get(0);
        long channels = x.getShape().get(1);
        long outHeight = outputSide(x.getShape().get(2), kernel, stride, padding);
        long outWidth = outputSide(x.getShape().get(3), kernel, stride, padding);
        NDArray padded = padding == 0 ? x : x.pad(new Shape(padding, padding, padding, padding), 0);
        NDList shifted = new NDList(kernel * kernel);
        for (int u = 0; u < kernel; u++) {
            for (int v = 0; v < kernel; v++) {
                shifted.add(padded.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", u, u + stride * (outHeight - 1) + 1,
                        stride, v, v + stride * (outWidth - 1) + 1, stride)));
            }
        }
        long locations = outHeight * outWidth;
        // (B, C, k*k, H', W') -> (B, C k k, H' W'), the c-major, then (u, v) order of a conv weight's flattening.
        NDArray patches = NDArrays.stack(shifted, 2).reshape(batch, channels * kernel * kernel, locations);
        // (H'W', B, Ckk) x (H'W', Ckk, C_out) -> (H'W', B, C_out)
        NDArray out = patches.transpose(2, 0, 1).batchMatMul(w.transpose(0, 2, 1));
        return new NDList(out.transpose(1, 2, 0).reshape(batch, filters, outHeight, outWidth).add(b));
    }
}
