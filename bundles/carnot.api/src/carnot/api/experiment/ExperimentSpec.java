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

    /**
     * Checks the name and the required components; absent lists become empty and a {@code null}
     * description the empty text.
     *
     * @throws NullPointerException     naming the missing component
     * @throws IllegalArgumentException when {@code name} does not match {@link #NAME}
     */
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

    /**
     * A builder for an experiment named {@code name}: format {@value #FORMAT}, seed 0, no
     * perturbations, regularizers or analyses, and the default {@link TrainingSpec}; the dataset,
     * model, optimizer and loss must be set before {@link Builder#build()}.
     */
    public static Builder builder(String name) {
        return new Builder().name(name);
    }

    /** A builder holding this experiment's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().format(format).name(name).description(description).seed(seed).dataset(dataset)
                .perturbations(perturbations).model(model).optimizer(optimizer).loss(loss).regularizers(regularizers)
                .training(training).analyses(analyses);
    }

    /** This experiment with another seed. */
    public ExperimentSpec withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    /**
     * Builds an {@link ExperimentSpec} by name rather than by position, as DJL's builders do;
     * {@link #build()} applies the record's checks.
     */
    public static final class Builder {
        private int format = FORMAT;
        private String name;
        private String description = "";
        private long seed;
        private ComponentSpec dataset;
        private List<ComponentSpec> perturbations = List.of();
        private ComponentSpec model;
        private ComponentSpec optimizer;
        private ComponentSpec loss;
        private List<ComponentSpec> regularizers = List.of();
        private TrainingSpec training = TrainingSpec.builder().build();
        private List<AnalysisSpec> analyses = List.of();

        private Builder() {
        }

        /** The file format version; {@value ExperimentSpec#FORMAT} unless copying an older file's. */
        public Builder format(int format) {
            this.format = format;
            return this;
        }

        /** The experiment name, used as a folder name: must match {@link ExperimentSpec#NAME}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Free text; {@code null} means none. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The seed of data derivation, initialization, minibatch order and analyses. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The dataset provider (required). */
        public Builder dataset(ComponentSpec dataset) {
            this.dataset = dataset;
            return this;
        }

        /** Perturbations applied to the loaded data, in order. */
        public Builder perturbations(List<ComponentSpec> perturbations) {
            this.perturbations = perturbations;
            return this;
        }

        /** The architecture provider (required). */
        public Builder model(ComponentSpec model) {
            this.model = model;
            return this;
        }

        /** The optimizer provider (required). */
        public Builder optimizer(ComponentSpec optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** The loss provider (required). */
        public Builder loss(ComponentSpec loss) {
            this.loss = loss;
            return this;
        }

        /** Explicit regularizers. */
        public Builder regularizers(List<ComponentSpec> regularizers) {
            this.regularizers = regularizers;
            return this;
        }

        /** Epochs, batch sizes and stopping; the schema's defaults unless set. */
        public Builder training(TrainingSpec training) {
            this.training = training;
            return this;
        }

        /** Analyses with their schedules. */
        public Builder analyses(List<AnalysisSpec> analyses) {
            this.analyses = analyses;
            return this;
        }

        /**
         * The experiment.
         *
         * @throws NullPointerException     naming a required component that was not set
         * @throws IllegalArgumentException when the name does not match {@link ExperimentSpec#NAME}
         */
        public ExperimentSpec build() {
            return new ExperimentSpec(format, name, description, seed, dataset, perturbations, model, optimizer, loss,
                    regularizers, training, analyses);
        }
    }
}
