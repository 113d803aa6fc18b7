package carnot.workspace;

import carnot.api.analysis.AnalysisResult;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.runs.AnalysisRecord;
import carnot.api.runs.RunFolder;
import carnot.api.runs.RunInfo;
import carnot.api.runs.ValidationRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The API's run-folder reader over {@link RunRecords}: the one parser of the format, served to every front end. */
public final class RunFolderReader implements RunFolder {

    private final Path folder;

    public RunFolderReader(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    @Override
    public Path path() {
        return folder;
    }

    @Override
    public RunInfo info() throws IOException {
        return RunRecords.info(folder);
    }

    @Override
    public Optional<ExperimentSpec> spec() throws IOException {
        return RunRecords.spec(folder);
    }

    @Override
    public Map<String, Object> provenance() throws IOException {
        return RunRecords.provenance(folder);
    }

    @Override
    public List<EpochMetrics> metrics() throws IOException {
        return RunRecords.metrics(folder);
    }

    @Override
    public List<ValidationRecord> validation() throws IOException {
        return RunRecords.validation(folder);
    }

    @Override
    public List<AnalysisRecord> analyses() throws IOException {
        return RunRecords.analyses(folder);
    }

    @Override
    public AnalysisResult analysisResult(AnalysisRecord call) throws IOException {
        return RunRecords.analysisResult(folder, call);
    }

    @Override
    public List<Integer> checkpointEpochs() throws IOException {
        return new ArrayList<>(RunRecords.checkpoints(folder).keySet());
    }

    @Override
    public byte[] checkpoint(int epoch) throws IOException {
        Path file = RunRecords.checkpoints(folder).get(epoch);
        if (file == null) {
            throw new NoSuchFileException(folder.resolve(RunRecorder.CHECKPOINTS).toString(), null,
                    "no checkpoint of epoch " + epoch);
        }
        return Files.readAllBytes(file);
    }

    @Override
    public List<String> log() throws IOException {
        return RunRecords.log(folder);
    }

    @Override
    public String toString() {
        return folder.toString();
    }
}
