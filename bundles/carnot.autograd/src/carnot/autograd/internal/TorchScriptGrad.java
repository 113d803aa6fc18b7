package carnot.autograd.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code torch.autograd.grad} for DJL, through a TorchScript module (the bundle resource
 * {@code resources/autograd.pt}, written by {@code releng/torchscript/autograd.py}).
 *
 * <p>Why: DJL 0.35 binds only {@code Tensor.backward}, which accumulates into each leaf's
 * {@code .grad}. With {@code create_graph} that gradient holds the graph that holds the leaf: a
 * reference cycle that only resetting {@code .grad} breaks, which DJL cannot do, so every
 * double-backward Hessian-vector product leaked 25-33 MB. {@code torch.autograd.grad} returns
 * the gradients instead of writing {@code .grad}; the graph then lives exactly as long as the
 * returned tensors (see docs/design/hvp-without-leaks.md).
 *
 * <p>The module must be called with grad mode on and DJL's {@code isTrain = true}: otherwise
 * DJL's native {@code moduleForward} runs it under a no-grad guard and autograd reports that
 * the outputs do not require grad. Tensors are passed as named lists ({@code name[]}), which
 * renames the arrays for the call; names are restored afterwards.
 */
public final class TorchScriptGrad implements AutoCloseable {

    private final PtSymbolBlock module;
    private final NDManager manager;

    /** Loads the module into a sub-manager of {@code parent}. */
    public TorchScriptGrad(NDManager parent) {
        manager = parent.newSubManager();
        try (InputStream in = TorchScriptGrad.class.getResourceAsStream("/resources/autograd.pt")) {
            if (in == null) {
                throw new IllegalStateException("resources/autograd.pt is missing from carnot.autograd");
            }
            module = JniUtils.loadModule((PtNDManager) manager, in, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load resources/autograd.pt", e);
        }
    }

    /**
     * {@code torch.autograd.grad(outputs, inputs, gradOutputs, retain_graph, create_graph)}, with
     * zeros for inputs the outputs do not depend on. Runs with grad mode on; the results belong
     * to the manager of {@code outputs.get(0)}.
     *
     * @param outputs     tensors to differentiate; not modified
     * @param inputs      leaves (parameters) that require grad; not modified
     * @param gradOutputs one seed per output (the vector in a vector-Jacobian product)
     * @param retainGraph keep the graph for further calls
     * @param createGraph record the gradient computation itself, for a second derivative
     */
    public NDList grad(List<NDArray> outputs, List<NDArray> inputs, List<NDArray> gradOutputs, boolean retainGraph,
            boolean createGraph) {
        NDList call = new NDList();
        String[] outputNames = rename(outputs, "outputs[]", call);
        String[] inputNames = rename(inputs, "inputs[]", call);
        String[] seedNames = rename(gradOutputs, "grad_outputs[]", call);
        boolean gradMode = JniUtils.isGradMode();
        try (NDArray flags = outputs.get(0).getManager().create(new long[] {retainGraph ? 1 : 0, createGraph ? 1 : 0})) {
            flags.setName("flags");
            call.add(flags);
            JniUtils.setGradMode(true);
            return IValueUtils.forward(module, call, true);
        } finally {
            JniUtils.setGradMode(gradMode);
            restore(outputs, outputNames);
            restore(inputs, inputNames);
            restore(gradOutputs, seedNames);
        }
    }

    private static String[] rename(List<NDArray> arrays, String name, NDList call) {
        String[] previous = new String[arrays.size()];
        for (int i = 0; i < previous.length; i++) {
            previous[i] = arrays.get(i).getName();
            arrays.get(i).setName(name);
            call.add(arrays.get(i));
        }
        return previous;
    }

    private static void restore(List<NDArray> arrays, String[] names) {
        for (int i = 0; i < names.length; i++) {
            arrays.get(i).setName(names[i]);
        }
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
