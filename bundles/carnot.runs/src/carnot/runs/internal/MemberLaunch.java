package carnot.runs.internal;

import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.runs.Execution;
import carnot.api.runs.RunPoint;
import carnot.api.runs.RunRequest;
import carnot.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several experiments run together as one execution ({@link RunRequest#members()}, a study's pairs
 * or draws): each gets a new run folder of the workspace, as a single run would, and the executor
 * gets them all as one list of points, so that a scheduler sees one job (the {@code slurm}
 * executor submits one array job whose record and logs go to the request's group folder).
 */
final class MemberLaunch {

    private MemberLaunch() {
    }

    /**
     * Checks every member before anything is written, then creates their folders and submits them.
     *
     * @throws InvalidExperimentException naming the member (its index and name) and the field
     */
    static ServiceExecution start(SpecResolver resolver, Workspace workspace, Path group, RunRequest request,
            ExecutorChoice choice, ServiceContext context) throws InvalidExperimentException, IOException {
        List<ExperimentSpec> resolved = new ArrayList<>();
        for (int i = 0; i < request.members().size(); i++) {
            ExperimentSpec member = request.members().get(i);
            try {
                resolved.add(resolver.resolve(member));
            } catch (InvalidExperimentException e) {
                throw new InvalidExperimentException(e.field(), "members[" + i + "] (" + member.name() + "): "
                        + e.getMessage(), e);
            }
        }
        Files.createDirectories(group);
        List<RunPoint> points = new ArrayList<>();
        for (int i = 0; i < resolved.size(); i++) {
            Path folder = workspace.createRunFolder(resolved.get(i));
            points.add(new RunPoint(i, request.members().get(i).name(), folder, request.members().get(i)));
        }
        Execution execution = choice.executor().submit(points, choice.settings(), context);
        return ServiceExecution.follow(choice.id(), group, execution, request.monitor(), ended -> {
            for (RunPoint point : points) {
                RunFolderChoice.removeIfNeverStarted(point.folder());
            }
            return new ServiceExecution.Outcome(ended.exitCode().orElseThrow(), ended.message());
        });
    }
}
