package carnot.engine.internal;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import carnot.api.experiment.EpochMetrics;
import carnot.api.optim.ResumableOptimizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's weights and optimizer state as bytes, and back: the checkpoints and the resume points
 * ({@link ResumeState}) a run writes after an epoch, and restoring one into the run's network.
 */
final class ResumePoints {

    private ResumePoints() {
    }

    /** The network's parameters in DJL's parameter format. */
    static byte[] parameters(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    /** The resume point after {@code epoch}: the weights and the optimizer's state, which must be resumable. */
    static byte[] capture(int epoch, long step, EpochMetrics last, Block block, Optimizer optimizer)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ((ResumableOptimizer) optimizer).saveState(out);
        }
        return new ResumeState(epoch, step, last, parameters(block), bytes.toByteArray()).encode();
    }

    /**
     * Puts the weights and the optimizer's state of a resume point in place.
     *
     * @param optimizerId the optimizer's id, for the message when it cannot resume
     * @param epochs      the run's epochs: a resume point after them is refused
     * @return the decoded state (epoch, step and last metrics)
     */
    static ResumeState restore(byte[] bytes, Block block, NDManager manager, Optimizer optimizer,
            String optimizerId, int epochs) throws IOException {
        ResumeState state = ResumeState.decode(bytes);
        if (!(optimizer instanceof ResumableOptimizer resumable)) {
            throw new IllegalStateException("the optimizer '" + optimizerId + "' cannot resume");
        }
        if (state.epoch() > epochs) {
            throw new IllegalStateException("the resume state is after epoch " + state.epoch() + ", but the run has "
                    + epochs + " epochs");
        }
        List<NDArray> replaced = new ArrayList<>();
        block.getParameters().values().forEach(p -> replaced.add(p.getArray()));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.parameters()))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("the resume state's parameters do not fit the network: " + e.getMessage(), e);
        }
        // DJL's Parameter.load swaps in new arrays without gradients: attach them where training needs them.
        for (Pair<String, Parameter> entry : block.getParameters()) {
            if (entry.getValue().requiresGradient()) {
                entry.getValue().getArray().setRequiresGradient(true);
            }
        }
        List<NDArray> current = block.getParameters().values().stream().map(Parameter::getArray).toList();
        replaced.stream().filter(a -> a != null && current.stream().noneMatch(c -> c == a)).forEach(NDArray::close);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.optimizer()))) {
            resumable.loadState(in, manager);
        }
        return state;
    }
}
