package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.PreparedRun;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import carnot.workspace.Workspace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;

/** Runs an experiment file's text through the real runner into a workspace, as {@code carnot run} does. */
final class ExperimentRuns {

    private ExperimentRuns() {
    }

    /** A completed run: its outcome, folder and recorded metrics (epoch 0 first). */
    record Finished(RunOutcome outcome, Path folder, List<EpochMetrics> metrics) {

        EpochMetrics last() {
            return metrics.get(metrics.size() - 1);
        }

        JsonNode provenance() throws java.io.IOException {
            return new ObjectMapper().readTree(folder.resolve("provenance.json").toFile());
        }
    }

    /** Runs {@code json} and asserts that it completed. */
    static Finished complete(Path workspace, String json) throws Exception {
        ExperimentSpec spec = ExperimentFiles.parse(Path.of("experiment.json"), json);
        try (PreparedRun prepared = Osgi.service(ExperimentRunner.class).prepare(spec, ProgressMonitor.NONE)) {
            Path folder = new Workspace(workspace).createRunFolder(prepared.resolvedSpec());
            RunOutcome outcome = prepared.execute(new RunRecorder(folder), ProgressMonitor.NONE);
            assertEquals(RunStatus.COMPLETED, outcome.status(), () -> outcome.message() + " in " + json);
            return new Finished(outcome, folder, RunRecords.metrics(folder));
        }
    }
}
