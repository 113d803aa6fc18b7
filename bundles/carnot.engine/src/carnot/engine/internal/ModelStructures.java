package carnot.engine.internal;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.api.models.Layer;
import carnot.api.models.LayerKind;
import carnot.api.models.ModelParameter;
import carnot.api.models.ModelStructure;
import carnot.api.models.ParameterRole;
import carnot.engine.internal.DefaultExperimentRunner.Resolved;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The structure of an initialized network: the one its architecture declares, when it declares one
 * that lists exactly the network's parameters; otherwise one derived from the parameters alone (one
 * layer per top-level block, roles from DJL's parameter types, activation unknown, not homogeneous),
 * so that every analysis gets a structure and a plugin that declares nothing is never taken for
 * homogeneous.
 */
final class ModelStructures {

    private ModelStructures() {
    }

    static ModelStructure of(Resolved<ArchitectureProvider> model, ArchitectureContext context, Block initialized) {
        Optional<ModelStructure> declared;
        try {
            declared = model.provider().structure(model.settings(), context, initialized);
        } catch (RuntimeException e) {
            declared = Optional.empty();
        }
        if (declared.isPresent() && names(declared.get()).equals(names(initialized))) {
            return declared.get();
        }
        return derive(initialized);
    }

    /** The structure DJL alone tells: parameters with roles by type, grouped by top-level block. */
    static ModelStructure derive(Block initialized) {
        List<Layer> layers = new ArrayList<>();
        List<ModelParameter> own = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (Pair<String, Block> child : initialized.getChildren()) {
            List<ModelParameter> parameters = new ArrayList<>();
            for (Pair<String, Parameter> entry : child.getValue().getParameters()) {
                String name = child.getKey() + "_" + entry.getKey();
                parameters.add(parameter(name, entry.getValue()));
                covered.add(name);
            }
            layers.add(new Layer(child.getKey(), LayerKind.OTHER, child.getValue().getClass().getSimpleName(),
                    parameters));
        }
        for (Pair<String, Parameter> entry : initialized.getParameters()) {
            if (!covered.contains(entry.getKey())) {
                own.add(parameter(entry.getKey(), entry.getValue()));
            }
        }
        if (!own.isEmpty()) {
            layers.add(0, new Layer(initialized.getClass().getSimpleName(), LayerKind.OTHER, "parameters of the "
                    + "network itself", own));
        }
        return new ModelStructure(layers, ModelStructure.UNKNOWN, 0);
    }

    private static ModelParameter parameter(String name, Parameter parameter) {
        ParameterRole role = ParameterRole.of(parameter.getType());
        return new ModelParameter(name, role, parameter.getArray().getShape().getShape(),
                parameter.requiresGradient());
    }

    private static List<String> names(ModelStructure structure) {
        return structure.parameters().stream().map(ModelParameter::name).toList();
    }

    private static List<String> names(Block block) {
        return block.getParameters().keys();
    }
}
