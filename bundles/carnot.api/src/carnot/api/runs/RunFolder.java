package carnot.api.runs;

import carnot.api.analysis.AnalysisResult;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one run folder: the only reader of the run-folder format, so that the workbench, the
 * reports and the command line never parse its files themselves. Every call reads the folder as it
 * is now (a run in progress keeps writing it); nothing is cached. Files not written yet read as
 * empty; files that exist but cannot be parsed throw an {@link IOException} naming the file.
 */
public interface RunFolder {

    /** The folder. */
    Path path();

    /** Status with liveness. */
    RunInfo info() throws IOException;

    /** The experiment as the run resolved it (every default filled in), if the run got that far. */
    Optional<ExperimentSpec> spec() throws IOException;

    /** Seeds, dataset hashes, component bundles and versions, engine and JVM (JSON values). */
    Map<String, Object> provenance() throws IOException;

    /** One row per evaluated epoch, epoch 0 (initialization) first. */
    List<EpochMetrics> metrics() throws IOException;

    /** Early stopping's validation split, one row per epoch; empty without early stopping. */
    List<ValidationRecord> validation() throws IOException;

    /** Every analysis call with its scalars, in the order recorded. */
    List<AnalysisRecord> analyses() throws IOException;

    /** The full result (scalars, series, histograms) of one recorded analysis call. */
    AnalysisResult analysisResult(AnalysisRecord call) throws IOException;

    /** Epochs with a saved checkpoint, ascending (a completed run has at least its final one). */
    List<Integer> checkpointEpochs() throws IOException;

    /** The network's parameters after {@code epoch} in DJL's format; throws if there is no such checkpoint. */
    byte[] checkpoint(int epoch) throws IOException;

    /** The human-readable log, in order. */
    List<String> log() throws IOException;
}
