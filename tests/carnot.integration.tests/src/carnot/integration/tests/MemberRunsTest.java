package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.runs.Execution;
import carnot.api.runs.ExitCode;
import carnot.api.runs.PointStatus;
import carnot.api.runs.RunRequest;
import carnot.api.runs.RunService;
import carnot.api.runs.RunState;
import carnot.workspace.ExperimentFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several experiments run through the run service as ONE execution (a study's members,
 * {@code RunRequest.members}): each in a new run folder of the workspace, all handed to the executor
 * as one list of points, the execution's folder the group folder the request names; a bad member is
 * bad input naming it, and nothing is written.
 */
class MemberRunsTest {

    @TempDir
    Path workspace;

    private static final String EXPERIMENT = """
            {"name": "%s", "seed": %d,
             "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 8, "trainSize": 60,
                         "testSize": 30}},
             "model": "linear", "optimizer": {"id": "sgd", "settings": {"learningRate": %s}},
             "loss": "cross-entropy", "training": {"epochs": 2, "batchSize": 8}}
            """;

    private ExperimentSpec spec(String name, long seed, String learningRate) throws Exception {
        return ExperimentFiles.parse(workspace.resolve(name + ".json"), String.format(EXPERIMENT, name, seed,
                learningRate));
    }

    @Test
    void membersRunAsOneExecutionEachInItsOwnRunFolder() throws Exception {
        RunService runs = Osgi.service(RunService.class);
        List<ExperimentSpec> members = List.of(spec("member-a", 1, "0.1"), spec("member-b", 2, "0.1"),
                spec("member-c", 1, "0.05"));
        Path group = workspace.resolve("studies/s/1");
        Execution execution = runs.start(RunRequest.builder().setWorkspace(workspace).setMembers(members)
                .optInto(group).optClient("member test").build());
        assertTrue(execution.await(5, TimeUnit.MINUTES), "the members end");
        assertEquals(ExitCode.OK, execution.exitCode().orElseThrow(), execution::message);
        assertEquals(group, execution.folder());
        assertEquals("in-process", execution.executor());
        List<PointStatus> points = execution.points();
        assertEquals(3, points.size(), "one execution of every member");
        for (int i = 0; i < members.size(); i++) {
            PointStatus point = points.get(i);
            assertEquals(RunState.COMPLETED, point.state(), point::toString);
            assertEquals(workspace.resolve("runs").resolve(members.get(i).name()), point.folder().getParent(),
                    "a member is an ordinary run of the workspace, in the order given");
            assertEquals(members.get(i).seed(), runs.open(point.folder()).spec().orElseThrow().seed());
            assertEquals(2, runs.status(point.folder()).epochsCompleted());
            assertTrue(runs.status(point.folder()).schedulerState().isEmpty(), "no scheduler follows an in-process run");
        }
    }

    @Test
    void aBadMemberIsBadInputNamingItAndNothingIsWritten() throws Exception {
        RunService runs = Osgi.service(RunService.class);
        ExperimentSpec bad = ExperimentFiles.parse(workspace.resolve("bad.json"), String.format(EXPERIMENT, "bad", 1,
                "0.1").replace("\"linear\"", "\"no-such-model\""));
        InvalidExperimentException e = assertThrows(InvalidExperimentException.class, () -> runs.start(
                RunRequest.builder().setWorkspace(workspace).setMembers(List.of(spec("good", 1, "0.1"), bad))
                        .optInto(workspace.resolve("studies/s/2")).build()));
        assertTrue(e.getMessage().contains("members[1] (bad)"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
        assertFalse(Files.exists(workspace.resolve("runs")), "nothing was written");
        assertFalse(Files.exists(workspace.resolve("studies/s/2")), "nothing was written");
        assertThrows(IllegalArgumentException.class, () -> RunRequest.builder().setWorkspace(workspace)
                .setMembers(List.of(spec("good", 1, "0.1"))).build(), "members need the folder of them all");
    }
}
