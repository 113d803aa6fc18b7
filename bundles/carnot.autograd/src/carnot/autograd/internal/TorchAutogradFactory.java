package carnot.autograd.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import carnot.api.autograd.Autograd;
import carnot.api.autograd.AutogradFactory;
import carnot.api.losses.LossFunction;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@link AutogradFactory} on libtorch's {@code torch.autograd.grad} ({@link TorchAutograd}). */
@Component(service = AutogradFactory.class)
public final class TorchAutogradFactory implements AutogradFactory {

    @Override
    public Autograd open(Block model, LossFunction loss, List<String> parameters, int chunkSize, NDManager parent) {
        return new TorchAutograd(model, loss, parameters, chunkSize, parent);
    }
}
