package carnot.api.autograd;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import carnot.api.losses.LossFunction;
import java.util.List;

/**
 * Makes {@link Autograd}s for a network: the service behind {@code AnalysisContext.autograd()},
 * for engines and for services that take a network directly. Analyses use the context instead.
 */
public interface AutogradFactory {

    /**
     * @param model      an initialized network; never modified
     * @param loss       the per-example loss
     * @param parameters structural names to differentiate with respect to, in any order (the
     *                   result uses the network's order); empty = every parameter
     * @param chunkSize  examples per forward pass, at least 1
     * @param parent     the manager whose sub-manager holds the copies; closing it frees them
     * @throws IllegalArgumentException naming the unknown parameter, or when the network has none
     */
    Autograd open(Block model, LossFunction loss, List<String> parameters, int chunkSize, NDManager parent);
}
