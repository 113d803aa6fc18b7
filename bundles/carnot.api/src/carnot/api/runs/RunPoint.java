package carnot.api.runs;

import carnot.api.experiment.ExperimentSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One run an executor is asked to carry out: a single run, a sweep point or a study member. Its
 * folder is chosen (and, for a new run, created) by the run service before the executor sees it;
 * the executor runs it in this process ({@link ExecutionContext#runHere}) or starts another process
 * with {@link ExecutionContext#pointCommand}, which is told the folder and follows the folder
 * protocol.
 *
 * @param index  position among the points handed over together (0 for a single run)
 * @param label  human description, e.g. {@code probability=0.5, hidden=[64] seed 3}
 * @param folder the run folder (inside the workspace)
 * @param spec   the experiment this point runs (as written, before defaults are filled in)
 */
public record RunPoint(int index, String label, Path folder, ExperimentSpec spec) {

    /** A missing label becomes the empty text. */
    public RunPoint {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(spec, "spec");
        label = Objects.requireNonNullElse(label, "");
    }
}
