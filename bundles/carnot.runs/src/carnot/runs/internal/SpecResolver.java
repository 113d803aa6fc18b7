package carnot.runs.internal;

import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.InvalidSettingsException;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment with every default filled in, from the installed providers' settings schemas alone:
 * what {@code spec.json} of its run records, known before any data is loaded. The run service uses
 * it to recognize a folder of the same experiment (to continue it) and to check every point of a
 * sweep before anything runs; loading the data and building the network stay with
 * {@link carnot.api.experiment.ExperimentRunner#prepare}.
 */
final class SpecResolver {

    private final ComponentRegistry registry;

    SpecResolver(ComponentRegistry registry) {
        this.registry = registry;
    }

    /**
     * Every component found by id and its settings validated against its schema.
     *
     * @throws InvalidExperimentException naming the field (e.g. {@code model.settings.hidden}) and
     *                                    what is allowed, or the installed ids for an unknown one
     */
    ExperimentSpec resolve(ExperimentSpec spec) throws InvalidExperimentException {
        ComponentSpec dataset = component(ComponentKind.DATASET, spec.dataset(), "dataset");
        List<ComponentSpec> perturbations = new ArrayList<>();
        for (int i = 0; i < spec.perturbations().size(); i++) {
            perturbations.add(component(ComponentKind.PERTURBATION, spec.perturbations().get(i),
                    "perturbations[" + i + "]"));
        }
        ComponentSpec model = component(ComponentKind.ARCHITECTURE, spec.model(), "model");
        ComponentSpec optimizer = component(ComponentKind.OPTIMIZER, spec.optimizer(), "optimizer");
        ComponentSpec loss = component(ComponentKind.LOSS, spec.loss(), "loss");
        List<ComponentSpec> regularizers = new ArrayList<>();
        for (int i = 0; i < spec.regularizers().size(); i++) {
            regularizers.add(component(ComponentKind.REGULARIZER, spec.regularizers().get(i),
                    "regularizers[" + i + "]"));
        }
        List<AnalysisSpec> analyses = new ArrayList<>();
        for (int i = 0; i < spec.analyses().size(); i++) {
            AnalysisSpec a = spec.analyses().get(i);
            ComponentSpec resolved = component(ComponentKind.ANALYSIS, new ComponentSpec(a.id(), a.settings()),
                    "analyses[" + i + "]");
            analyses.add(new AnalysisSpec(a.id(), resolved.settings(), a.every(), a.atInit()));
        }
        return spec.toBuilder().format(ExperimentSpec.FORMAT).dataset(dataset).perturbations(perturbations).model(model)
                .optimizer(optimizer).loss(loss).regularizers(regularizers).analyses(analyses).build();
    }

    /** A provider of {@code kind} by id, with its settings validated under {@code field}. */
    Settings settings(ComponentKind kind, String id, java.util.Map<String, Object> raw, String field)
            throws InvalidExperimentException {
        Provider provider = registry.find(kind, id, Provider.class).orElse(null);
        if (provider == null) {
            List<String> installed = registry.ids(kind);
            throw new InvalidExperimentException(field + ".id", "unknown " + kind.label() + " '" + id
                    + "'; installed: " + (installed.isEmpty() ? "(none)" : String.join(", ", installed)));
        }
        try {
            return provider.settingsSchema().validate(raw, field + ".settings");
        } catch (InvalidSettingsException e) {
            throw new InvalidExperimentException(e.field(), e.getMessage().substring(e.field().length() + 2), e);
        }
    }

    private ComponentSpec component(ComponentKind kind, ComponentSpec component, String field)
            throws InvalidExperimentException {
        return new ComponentSpec(component.id(), settings(kind, component.id(), component.settings(), field).asMap());
    }
}
