package carnot.analysis.linear.internal;

import carnot.api.analysis.AnalysisTarget;
import carnot.api.models.LayerKind;
import carnot.api.models.ModelStructure;
import java.util.Optional;

/** The refusals the linear-model analyses share: they are defined for one linear layer f(x) = Wx + b. */
final class LinearTargets {

    private LinearTargets() {
    }

    /** Refuses a network that is not one linear layer (flattening aside). */
    static Optional<String> oneLinearLayer(String id, AnalysisTarget target) {
        ModelStructure model = target.model();
        boolean linear = model.layers().stream().allMatch(l -> l.kind() == LayerKind.LINEAR
                || l.kind() == LayerKind.RESHAPE) && model.weightLayers() == 1;
        if (ModelStructure.UNKNOWN.equals(model.activation()) || linear) {
            return Optional.empty();
        }
        return Optional.of(id + " needs a network that is one linear layer f(x) = Wx + b (model 'linear'); model '"
                + target.spec().model().id() + "' has " + model.weightLayers() + " weight layers and activation '"
                + model.activation() + "'");
    }
}
