package carnot.api.runs;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.ExperimentSpec;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to run, where and how: the argument of {@link RunService#start}. Build it with
 * {@link #builder()}; {@code set...} for required values, {@code opt...} for optional ones.
 *
 * <p>The source is one of: an experiment or sweep file ({@link Builder#setFile}); an experiment
 * given as a value, e.g. a study member ({@link Builder#setSpec}); several experiments run together
 * as one execution, e.g. a study's members ({@link Builder#setMembers}: each gets a new run folder,
 * their executor gets them as one list of points, so the {@code slurm} executor submits them as one
 * array job); or a run folder alone ({@link Builder#optInto} without a file or spec), which
 * continues that folder's run from its saved resume point.
 *
 * @param workspace        the workspace whose {@code runs/} receives the run
 * @param file             experiment or sweep file, if the source is a file
 * @param spec             the experiment, if the source is a value
 * @param into             run into this folder (inside the workspace) instead of choosing one
 * @param seed             overrides the experiment's seed (not for sweeps)
 * @param fresh            start in a new folder even if an unfinished run of the same experiment exists
 * @param executor         {@code carnot.id} of the executor; empty: the workspace default, else
 *                         {@code in-process}
 * @param executorSettings the executor's raw settings (validated against its schema)
 * @param client           who asks, for the lock file and messages, e.g. {@code carnot run exp.json}
 * @param observer         follows the execution
 * @param monitor          progress of preparation (data loading) and cancellation
 * @param members          experiments run together, each in a new run folder, as one execution (a
 *                         study's members); with members, {@code into} is the folder that holds what
 *                         belongs to them all (an executor's record and logs, e.g. the study's folder)
 *                         and is required; empty otherwise (since 0.1.2)
 */
public record RunRequest(Path workspace, Optional<Path> file, Optional<ExperimentSpec> spec, Optional<Path> into,
        Optional<Long> seed, boolean fresh, Optional<String> executor, Map<String, Object> executorSettings,
        String client, RunObserver observer, ProgressMonitor monitor, List<ExperimentSpec> members) {

    /**
     * Fills in the defaults (client {@code carnot}, no observer, no monitor) and checks that the
     * request names one thing to run.
     *
     * @throws NullPointerException     without a workspace
     * @throws IllegalArgumentException with both a file and a spec, or with none of a file, a spec and a folder
     */
    public RunRequest {
        Objects.requireNonNull(workspace, "workspace");
        file = Objects.requireNonNullElse(file, Optional.empty());
        spec = Objects.requireNonNullElse(spec, Optional.empty());
        into = Objects.requireNonNullElse(into, Optional.empty());
        seed = Objects.requireNonNullElse(seed, Optional.empty());
        executor = Objects.requireNonNullElse(executor, Optional.empty());
        executorSettings = Collections.unmodifiableMap(new LinkedHashMap<>(
                executorSettings == null ? Map.of() : executorSettings));
        client = Objects.requireNonNullElse(client, "carnot");
        observer = Objects.requireNonNullElse(observer, RunObserver.NONE);
        monitor = Objects.requireNonNullElse(monitor, ProgressMonitor.NONE);
        members = List.copyOf(members == null ? List.of() : members);
        if (file.isPresent() && spec.isPresent()) {
            throw new IllegalArgumentException("a run request has a file or a spec, not both");
        }
        if (!members.isEmpty() && (file.isPresent() || spec.isPresent() || into.isEmpty() || seed.isPresent())) {
            throw new IllegalArgumentException("a run request with members has no file, spec or seed, and names the "
                    + "folder of them all (into)");
        }
        if (file.isEmpty() && spec.isEmpty() && into.isEmpty()) {
            throw new IllegalArgumentException("a run request needs a file, a spec or a folder to continue");
        }
    }

    /** A request of one source (the form before 0.1.2). */
    public RunRequest(Path workspace, Optional<Path> file, Optional<ExperimentSpec> spec, Optional<Path> into,
            Optional<Long> seed, boolean fresh, Optional<String> executor, Map<String, Object> executorSettings,
            String client, RunObserver observer, ProgressMonitor monitor) {
        this(workspace, file, spec, into, seed, fresh, executor, executorSettings, client, observer, monitor,
                List.of());
    }

    /** An empty builder: set the workspace and a file, a spec or a folder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RunRequest}. */
    public static final class Builder {
        private Path workspace;
        private Path file;
        private ExperimentSpec spec;
        private Path into;
        private Long seed;
        private boolean fresh;
        private String executor;
        private Map<String, Object> executorSettings = Map.of();
        private String client;
        private RunObserver observer;
        private ProgressMonitor monitor;
        private List<ExperimentSpec> members = List.of();

        private Builder() {
        }

        /** The workspace the run folders are in (required). */
        public Builder setWorkspace(Path workspace) {
            this.workspace = workspace;
            return this;
        }

        /** An experiment file, or a sweep file (with a {@code "sweep"} grid). */
        public Builder setFile(Path file) {
            this.file = file;
            return this;
        }

        /** An experiment given as a value (a study member). */
        public Builder setSpec(ExperimentSpec spec) {
            this.spec = spec;
            return this;
        }

        /**
         * Experiments to run together as one execution, each in a new run folder (a study's members);
         * {@link #optInto} then names the folder that holds what belongs to them all.
         *
         * @since 0.1.2
         */
        public Builder setMembers(List<ExperimentSpec> members) {
            this.members = members == null ? List.of() : members;
            return this;
        }

        /** Run into this folder; alone (no file, no spec), continue that folder's run. */
        public Builder optInto(Path folder) {
            this.into = folder;
            return this;
        }

        /** Another seed than the experiment's. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Start over in a new folder instead of continuing or refusing after a failed run. */
        public Builder optFresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        /** The executor's id and raw settings. */
        public Builder optExecutor(String id, Map<String, Object> settings) {
            this.executor = id;
            this.executorSettings = settings == null ? Map.of() : settings;
            return this;
        }

        /** Who asks (a front end's name), recorded with the run; {@code carnot} unless set. */
        public Builder optClient(String client) {
            this.client = client;
            return this;
        }

        /** Told of the run's events as they are recorded. */
        public Builder optObserver(RunObserver observer) {
            this.observer = observer;
            return this;
        }

        /** Progress and cancellation. */
        public Builder optMonitor(ProgressMonitor monitor) {
            this.monitor = monitor;
            return this;
        }

        /**
         * The request, checked as {@link RunRequest#RunRequest} does.
         *
         * @throws NullPointerException     without a workspace
         * @throws IllegalArgumentException with both a file and a spec, or with none of a file, a spec and a folder
         */
        public RunRequest build() {
            return new RunRequest(workspace, Optional.ofNullable(file), Optional.ofNullable(spec),
                    Optional.ofNullable(into), Optional.ofNullable(seed), fresh, Optional.ofNullable(executor),
                    executorSettings, client, observer, monitor, members);
        }
    }
}
