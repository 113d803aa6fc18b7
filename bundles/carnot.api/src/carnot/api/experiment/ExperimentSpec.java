package carnot.api.experiment;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A saved experiment: data, never code. It names components by id; the workspace writes its
 * runs under {@code runs/<name>/} inside the workspace, so {@code name} is restricted to
 * letters, digits, dot, dash and underscore.
 *
 * @param format       file format version (currently {@value #FORMAT})
 * @param name         experiment name, used as a folder name
 * @param description  free text
 * @param seed         fixes data derivation, initialization, minibatch order and analyses
 * @param dataset      the dataset provider
 * @param perturbations perturbations applied to the loaded data in order, possibly none
 * @param model        the architecture provider
 * @param optimizer    the optimizer provider
 * @param loss         the loss provider
 * @param regularizers explicit regularizers, possibly none
 * @param training     epochs and batch sizes
 * @param analyses     analyses with their schedules, possibly none
 */
public record ExperimentSpec(int format, String name, String description, long seed, ComponentSpec dataset,
        List<ComponentSpec> perturbations, ComponentSpec model, ComponentSpec optimizer, ComponentSpec loss, List<ComponentSpec> regularizers,
        TrainingSpec training, List<AnalysisSpec> analyses) {

    /** The experiment file format this API reads and writes. */
    public static final int FORMAT = 1;

    /** Allowed experiment names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public ExperimentSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match " + NAME.pattern() + ": " + name);
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(training, "training");
        perturbations = List.copyOf(perturbations == null ? List.of() : perturbations);
        regularizers = List.copyOf(regularizers == null ? List.of() : regularizers);
        analyses = List.copyOf(analyses == null ? List.of() : analyses);
    }

    /** An experiment without perturbations. */
    public ExperimentSpec(int format, String name, String description, long seed, ComponentSpec dataset,
            ComponentSpec model, ComponentSpec optimizer, ComponentSpec loss, List<ComponentSpec> regularizers,
            TrainingSpec training, List<AnalysisSpec> analyses) {
        this(format, name, description, seed, dataset, List.of(), model, optimizer, loss, regularizers, training,
                analyses);
    }

    /** This experiment with another seed. */
    public ExperimentSpec withSeed(long newSeed) {
        return new ExperimentSpec(format, name, description, newSeed, dataset, perturbations, model, optimizer, loss,
                regularizers, training, analyses);
    }
}
