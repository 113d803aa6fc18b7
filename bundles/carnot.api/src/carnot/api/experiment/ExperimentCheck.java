package carnot.api.experiment;

import java.util.Objects;

/**
 * What checking an experiment found, without preparing it to run ({@link ExperimentRunner#check}): the
 * experiment with every default filled in, the network's trainable parameter count, the memory and
 * the checkpoint disk the run would need. {@code carnot validate} prints it.
 *
 * @param resolvedSpec       the experiment with every default filled in
 * @param parameterCount     the network's trainable parameters
 * @param memoryEstimate     what the run would need in memory
 * @param checkpointEstimate what its checkpoints would need on disk
 * @since 0.2.0
 */
public record ExperimentCheck(ExperimentSpec resolvedSpec, long parameterCount, MemoryEstimate memoryEstimate,
        CheckpointEstimate checkpointEstimate) {

    /** Checks that nothing is missing. */
    public ExperimentCheck {
        Objects.requireNonNull(resolvedSpec, "resolvedSpec");
        Objects.requireNonNull(memoryEstimate, "memoryEstimate");
        Objects.requireNonNull(checkpointEstimate, "checkpointEstimate");
    }

    /** What a prepared run tells. */
    public static ExperimentCheck of(PreparedRun prepared) {
        return new ExperimentCheck(prepared.resolvedSpec(), prepared.parameterCount(), prepared.memoryEstimate(),
                prepared.checkpointEstimate());
    }
}
