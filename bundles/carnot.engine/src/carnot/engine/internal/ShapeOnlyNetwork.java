package carnot.engine.internal;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrayAdapter;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A network's parameter shapes, the values its forward pass produces and the size of its checkpoint,
 * found without libtorch: the architecture's block, as built, is walked the way DJL initializes it
 * ({@code beforeInitialize} gives every layer its input shape and the layer sets its parameters'
 * shapes, pure Java for DJL's linear, convolution, normalization and dropout layers), and every
 * parameter gets an array that has a shape and no values. The layers that DJL can only follow by
 * computing ({@link LambdaBlock}s other than flatten, identity and the element-wise activations,
 * {@link ParallelBlock}s, a block whose shapes need values) make the walk give up: the engine then
 * probes the network in libtorch as before. {@code carnot validate} uses this so that checking an
 * experiment does not load libtorch (about 0.7 s of its start-up).
 */
public final class ShapeOnlyNetwork {

    /** DJL's names of its parameterless blocks whose output has the shape of their input. */
    private static final Set<String> ELEMENTWISE = Set.of("relu", "relu6", "sigmoid", "tanh", "softplus", "softsign",
            "leakyrelu", "elu", "selu", "gelu", "swish", "mish", "identity");
    private static final String FLATTEN = "batchflatten";

    /** What the walk found: the network, its parameters holding shape-only arrays. */
    public record Shapes(Block network, long parameters, long trainable, long activationsPerExample, long checkpointBytes) {
    }

    private ShapeOnlyNetwork() {
    }

    /**
     * The shapes of a freshly built, uninitialized network for examples of this shape, or null when
     * the walk cannot follow it without computing (then nothing is left half-done that matters: the
     * block is thrown away).
     */
    public static Shapes of(Block network, int[] exampleShape) {
        Shape input = BatchEvaluation.batchShape(1, exampleShape);
        long[] activations = {input.size()};
        try {
            walk(network, input, activations);
            NDManager manager = new ShapeManager();
            long parameters = 0;
            long trainable = 0;
            long dataBytes = 0;
            for (Pair<String, Parameter> entry : network.getParameters()) {
                Parameter parameter = entry.getValue();
                if (parameter.getShape() == null) {
                    return null;
                }
                parameter.setInitializer((m, shape, type) -> new ShapeOnlyArray(m, shape, type));
                parameter.initialize(manager, DataType.FLOAT32);
                long size = parameter.getShape().size();
                parameters += size;
                trainable += parameter.requiresGradient() ? size : 0;
                dataBytes += size * DataType.FLOAT32.getNumOfBytes();
            }
            return new Shapes(network, parameters, trainable, activations[0], checkpointBytes(network, dataBytes));
        } catch (RuntimeException | ReflectiveOperationException | IOException e) {
            return null;
        }
    }

    /**
     * Gives every block its input shapes as DJL's initialization does, and adds to {@code activations}
     * the values each layer outputs, by {@link RunMemoryModel}'s rule: a sequential chain counts each
     * child's output, flatten and identity (views of their input) count nothing.
     *
     * @return the block's output shape
     */
    private static Shape walk(Block block, Shape input, long[] activations)
            throws ReflectiveOperationException {
        if (block instanceof ParallelBlock) {
            throw new UnsupportedOperationException("parallel branches are joined by a function");
        }
        beforeInitialize(block, input);
        if (block instanceof SequentialBlock) {
            Shape current = input;
            for (Pair<String, Block> child : block.getChildren()) {
                current = walk(child.getValue(), current, activations);
            }
            return current;
        }
        if (!block.getChildren().isEmpty()) {
            throw new UnsupportedOperationException("a composite block other than a sequential one");
        }
        Shape output;
        if (block instanceof LambdaBlock lambda) {
            String name = lambda.getName().toLowerCase(Locale.ROOT);
            if (name.equals(FLATTEN)) {
                return new Shape(input.get(0), input.size() / input.get(0));
            } else if (name.equals("identity")) {
                return input;
            } else if (!ELEMENTWISE.contains(name)) {
                throw new UnsupportedOperationException("lambda block " + name);
            }
            output = input;
        } else {
            output = block.getOutputShapes(new Shape[] {input})[0];
        }
        activations[0] += output.size();
        return output;
    }

    /**
     * DJL's own two steps of {@code AbstractBaseBlock.initialize} before it allocates: record the input
     * shapes, then let the block set its parameters' shapes.
     */
    private static void beforeInitialize(Block block, Shape input) throws ReflectiveOperationException {
        for (String step : new String[] {"beforeInitialize", "prepare"}) {
            Method method = find(block.getClass(), step);
            method.setAccessible(true);
            try {
                method.invoke(block, (Object) new Shape[] {input});
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    private static Method find(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name, Shape[].class);
            } catch (NoSuchMethodException e) {
                // declared further up
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name + "(Shape[])");
    }

    /**
     * The bytes of {@code Block.saveParameters} (the checkpoint format): the structure and headers DJL
     * writes, counted with arrays that hold no values, plus the values' bytes.
     */
    private static long checkpointBytes(Block network, long dataBytes) throws IOException {
        CountingStream counter = new CountingStream();
        try (DataOutputStream out = new DataOutputStream(counter)) {
            network.saveParameters(out);
        }
        return counter.count + dataBytes;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** An engine that computes nothing: only so that the shape-only manager has one to name. */
    private static final class ShapeOnlyEngine extends Engine {
        static final ShapeOnlyEngine INSTANCE = new ShapeOnlyEngine();

        @Override
        public Engine getAlternativeEngine() {
            return null;
        }

        @Override
        public String getEngineName() {
            return "carnot-shapes";
        }

        @Override
        public int getRank() {
            return Integer.MAX_VALUE;
        }

        @Override
        public String getVersion() {
            return "0";
        }

        @Override
        public boolean hasCapability(String capability) {
            return false;
        }

        @Override
        public Model newModel(String name, Device device) {
            throw new UnsupportedOperationException("shapes only");
        }

        @Override
        public NDManager newBaseManager() {
            return new ShapeManager();
        }

        @Override
        public NDManager newBaseManager(Device device) {
            return new ShapeManager();
        }
    }

    /** Creates arrays that have a shape and no values; every computation is refused. */
    private static final class ShapeManager extends BaseNDManager {
        ShapeManager() {
            super(null, Device.cpu());
        }

        @Override
        public Engine getEngine() {
            return ShapeOnlyEngine.INSTANCE;
        }

        @Override
        public ByteBuffer allocateDirect(int capacity) {
            throw new UnsupportedOperationException("shapes only");
        }

        @Override
        public NDArray from(NDArray array) {
            throw new UnsupportedOperationException("shapes only");
        }

        @Override
        public NDManager newSubManager(Device device) {
            return new ShapeManager();
        }

        @Override
        public NDArray create(Shape shape, DataType dataType) {
            return new ShapeOnlyArray(this, shape, dataType);
        }

        @Override
        public NDArray create(Buffer data, Shape shape, DataType dataType) {
            throw new UnsupportedOperationException("shapes only");
        }
    }

    /** A parameter's array for counting: its shape, no values (it serializes as zero bytes of data). */
    private static final class ShapeOnlyArray extends NDArrayAdapter {
        ShapeOnlyArray(NDManager manager, Shape shape, DataType dataType) {
            super(manager, null, shape, dataType, UUID.randomUUID().toString());
        }

        @Override
        public ByteBuffer toByteBuffer(boolean tryDirect) {
            return ByteBuffer.allocate(0).order(ByteOrder.nativeOrder());
        }

        @Override
        public ByteBuffer toByteBuffer() {
            return toByteBuffer(false);
        }

        @Override
        public List<NDArray> getResourceNDArrays() {
            return List.of();
        }

        @Override
        public void detach() {
            // holds nothing
        }

        @Override
        public void intern(NDArray replaced) {
            throw new UnsupportedOperationException("shapes only");
        }

        @Override
        public void setRequiresGradient(boolean requiresGrad) {
            // no values, no gradient
        }

        @Override
        public void close() {
            // holds nothing
        }
    }
}
