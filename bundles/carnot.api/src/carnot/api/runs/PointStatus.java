package carnot.api.runs;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A point of an {@link Execution} as its executor and its folder report it.
 *
 * @param index         the point's position in the execution
 * @param label         the point's human description
 * @param folder        its run folder
 * @param state         where it is: {@link RunState#QUEUED} until its executor starts it, then what
 *                      the folder says
 * @param run           what its folder says, once it has a status
 * @param executorState what the executor adds, e.g. a scheduler's job state or a process' exit code;
 *                      empty if nothing
 */
public record PointStatus(int index, String label, Path folder, RunState state, Optional<RunInfo> run,
        String executorState) {

    /** Absent optional parts become empty. */
    public PointStatus {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(state, "state");
        label = Objects.requireNonNullElse(label, "");
        run = Objects.requireNonNullElse(run, Optional.empty());
        executorState = Objects.requireNonNullElse(executorState, "");
    }
}
