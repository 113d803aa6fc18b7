package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import carnot.api.runs.Execution;
import carnot.api.runs.RunFolder;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunRequest;
import carnot.api.runs.RunService;
import carnot.workspace.ExperimentFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an experiment through the real run service into a workspace, as {@code carnot run} does. */
final class ExperimentRuns {

    private ExperimentRuns() {
    }

    /** A run that ended: its outcome as its folder records it, its folder and recorded metrics (epoch 0 first). */
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
        Finished finished = run(workspace, ExperimentFiles.parse(Path.of("experiment.json"), json), ProgressMonitor.NONE);
        assertEquals(RunStatus.COMPLETED, finished.outcome().status(), () -> finished.outcome().message() + " in " + json);
        return finished;
    }

    /** Runs {@code spec} in a new folder through the run service (in this process) and waits for its end. */
    static Finished run(Path workspace, ExperimentSpec spec, ProgressMonitor monitor) throws Exception {
        RunService service = Osgi.service(RunService.class);
        Execution execution = service.start(RunRequest.builder().setWorkspace(workspace).setSpec(spec).optFresh(true)
                .optClient("integration test").optMonitor(monitor).build());
        assertTrue(execution.await(30, TimeUnit.MINUTES), "the run ends");
        RunFolder folder = service.open(execution.folder());
        RunInfo info = folder.info();
        RunStatus status = switch (info.state()) {
            case COMPLETED -> RunStatus.COMPLETED;
            case CANCELLED -> RunStatus.CANCELLED;
            case FAILED -> RunStatus.FAILED;
            default -> RunStatus.RUNNING;
        };
        return new Finished(new RunOutcome(status, info.epochsCompleted(), info.last().orElse(null),
                info.message().isEmpty() ? execution.message() : info.message()), execution.folder(), folder.metrics());
    }
}
