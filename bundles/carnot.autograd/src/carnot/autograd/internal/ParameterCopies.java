package carnot.autograd.internal;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leaf copies of selected parameters of a network, requiring grad, and a {@link ParameterStore} that
 * hands them to the network's forward pass in place of the originals: derivatives are then taken
 * with respect to the copies, so the model's arrays, their {@code .grad} and their
 * {@code requires_grad} flags are never written. Flattened vectors concatenate the copies in the
 * network's order, row-major.
 *
 * <p>Memory: one array per selected parameter (p values in the network's precision), in a
 * sub-manager of the parent, freed by {@link #close()}.
 */
final class ParameterCopies implements AutoCloseable {

    private final List<String> names = new ArrayList<>();
    private final List<Parameter> originals = new ArrayList<>();
    private final List<NDArray> copies = new ArrayList<>();
    private final Map<Parameter, NDArray> byParameter = new IdentityHashMap<>();
    private final int[] offsets;
    private final DataType dataType;
    private final NDManager manager;
    private final ParameterStore store;

    /** @param selected structural names; empty = every parameter */
    ParameterCopies(Block model, List<String> selected, NDManager parent) {
        Map<String, Parameter> all = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : model.getParameters()) {
            all.put(entry.getKey(), entry.getValue());
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("the network has no parameters to differentiate");
        }
        for (String name : selected) {
            if (!all.containsKey(name)) {
                throw new IllegalArgumentException("parameters: unknown parameter '" + name + "'; the network has "
                        + all.keySet());
            }
        }
        for (Map.Entry<String, Parameter> entry : all.entrySet()) {
            if (selected.isEmpty() || selected.contains(entry.getKey())) {
                if (!entry.getValue().isInitialized()) {
                    throw new IllegalArgumentException("parameter " + entry.getKey() + " is not initialized");
                }
                names.add(entry.getKey());
                originals.add(entry.getValue());
            }
        }
        offsets = new int[originals.size() + 1];
        for (int i = 0; i < originals.size(); i++) {
            long size = originals.get(i).getArray().size();
            if (offsets[i] + size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("more than 2^31 parameter values");
            }
            offsets[i + 1] = offsets[i] + (int) size;
        }
        dataType = originals.get(0).getArray().getDataType();
        manager = parent.newSubManager();
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Parameter parameter : originals) {
                // With grad mode off the clone is a leaf with no history; requires_grad is set on the copy only.
                NDArray copy = parameter.getArray().duplicate();
                copy.attach(manager);
                NDScope.unregister(copy);
                copy.setRequiresGradient(true);
                copies.add(copy);
                byParameter.put(parameter, copy);
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        store = new ParameterStore(manager, false) {
            @Override
            public NDArray getValue(Parameter parameter, Device device, boolean training) {
                if (parameter == null) {
                    return null; // an absent optional parameter: a bias-free layer asks for its bias
                }
                NDArray copy = byParameter.get(parameter);
                return copy != null ? copy : parameter.getArray();
            }
        };
    }

    List<String> names() {
        return List.copyOf(names);
    }

    List<NDArray> arrays() {
        return copies;
    }

    int dimension() {
        return offsets[offsets.length - 1];
    }

    int offset(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("parameter '" + name + "' is not selected; selected: " + names);
        }
        return offsets[i];
    }

    DataType dataType() {
        return dataType;
    }

    NDManager manager() {
        return manager;
    }

    /** The store that substitutes the copies for the selected parameters. */
    ParameterStore store() {
        return store;
    }

    /** The copies' values, flattened. Exact: float32 values widen to double and narrow back unchanged. */
    double[] values() {
        double[] values = new double[dimension()];
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < copies.size(); i++) {
                double[] part = copies.get(i).toType(DataType.FLOAT64, false).toDoubleArray();
                System.arraycopy(part, 0, values, offsets[i], part.length);
            }
        }
        return values;
    }

    /** Overwrites the copies (never the model). */
    void set(double[] values) {
        requireLength(values, "parameter values");
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int i = 0; i < copies.size(); i++) {
                double[] part = Arrays.copyOfRange(values, offsets[i], offsets[i + 1]);
                if (dataType == DataType.FLOAT64) {
                    copies.get(i).set(DoubleBuffer.wrap(part));
                } else {
                    copies.get(i).set(FloatBuffer.wrap(narrow(part)));
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Copies the model's current values into the copies again. */
    void reload() {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < copies.size(); i++) {
                NDArray original = originals.get(i).getArray();
                if (dataType == DataType.FLOAT64) {
                    copies.get(i).set(DoubleBuffer.wrap(original.toDoubleArray()));
                } else {
                    copies.get(i).set(FloatBuffer.wrap(original.toType(DataType.FLOAT32, false).toFloatArray()));
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** A flattened vector as one array per copy, in the copies' shapes and precision, on {@code on}. */
    List<NDArray> unflatten(double[] vector, NDManager on) {
        requireLength(vector, "vector");
        List<NDArray> arrays = new ArrayList<>();
        for (int i = 0; i < copies.size(); i++) {
            Shape shape = copies.get(i).getShape();
            double[] part = Arrays.copyOfRange(vector, offsets[i], offsets[i + 1]);
            arrays.add(dataType == DataType.FLOAT64 ? on.create(part, shape) : on.create(narrow(part), shape)
                    .toType(dataType, false));
        }
        return arrays;
    }

    /** {@code target += weight * arrays}, the arrays in the copies' order. */
    void accumulate(NDList arrays, double weight, double[] target) {
        for (int i = 0; i < arrays.size(); i++) {
            double[] values = arrays.get(i).toType(DataType.FLOAT64, false).toDoubleArray();
            int from = offsets[i];
            for (int j = 0; j < values.length; j++) {
                target[from + j] += weight * values[j];
            }
        }
    }

    Map<String, float[]> split(double[] vector) {
        requireLength(vector, "vector");
        Map<String, float[]> parts = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parts.put(names.get(i), narrow(Arrays.copyOfRange(vector, offsets[i], offsets[i + 1])));
        }
        return parts;
    }

    private void requireLength(double[] vector, String what) {
        if (vector.length != dimension()) {
            throw new IllegalArgumentException(what + ": expected " + dimension() + " values (the selected parameters "
                    + names + "), got " + vector.length);
        }
    }

    private static float[] narrow(double[] values) {
        float[] narrow = new float[values.length];
        for (int j = 0; j < values.length; j++) {
            narrow[j] = (float) values[j];
        }
        return narrow;
    }

    @Override
    public void close() {
        manager.close();
    }
}
