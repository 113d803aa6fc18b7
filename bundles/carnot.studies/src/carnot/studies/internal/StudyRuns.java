package carnot.studies.internal;

import carnot.api.analysis.AnalysisResult;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import carnot.api.runs.AnalysisRecord;
import carnot.api.runs.Execution;
import carnot.api.runs.PointStatus;
import carnot.api.runs.RunFolder;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunRequest;
import carnot.api.runs.RunService;
import carnot.api.runs.RunState;
import carnot.workspace.AtomicFiles;
import carnot.workspace.Workspace;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs the members of a study as ordinary runs of the workspace, through the run service. */
public final class StudyRuns {

    /** What a study keeps of one completed run. */
    public record Member(Path folder, ExperimentSpec resolved, RunOutcome outcome, byte[] checkpoint, int checkpointEpoch,
            Map<String, Object> provenance, List<AnalysisResult> analyses) {
    }

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StudyRuns() {
    }

    /**
     * Trains {@code specs} through the run service as ONE execution, each into a new run folder (which
     * the service locks and records, resume state included): their executor gets them as one list of
     * points, so the {@code slurm} executor submits one array job, whose record and logs go to
     * {@code group}. Reads back what the study needs from each folder, in the order given; throws
     * unless every one completes, naming each that did not. Progress: members ended of all.
     *
     * @param group the folder of what belongs to them all (the study's folder)
     * @param task  the progress task's name
     */
    public static List<Member> runAll(RunService runs, Workspace workspace, Path group, List<ExperimentSpec> specs,
            ProgressMonitor monitor, String task, Consumer<String> log) throws Exception {
        Execution execution = runs.start(RunRequest.builder().setWorkspace(workspace.root()).setMembers(specs)
                .optInto(group).optFresh(true).optClient("study " + workspace.root().relativize(group))
                .optMonitor(monitor).build());
        log.accept(specs.size() + " runs submitted together through the " + execution.executor() + " executor");
        long reported = -1;
        while (!execution.await(1, TimeUnit.SECONDS)) {
            long ended = execution.points().stream().filter(p -> p.state().isFinal()).count();
            if (ended != reported) {
                monitor.worked(task, ended, specs.size());
                reported = ended;
            }
        }
        monitor.checkCancelled();
        List<PointStatus> points = execution.points();
        List<String> problems = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Path folder = points.get(i).folder();
            RunInfo info = runs.open(folder).info();
            if (info.state() != RunState.COMPLETED || info.last().isEmpty()) {
                problems.add(folder + " " + info.state().label() + (info.message().isEmpty() ? "" : ": "
                        + info.message()));
            } else {
                members.add(member(runs, folder, specs.get(i), log));
            }
        }
        if (reported != specs.size()) {
            monitor.worked(task, specs.size(), specs.size());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.size() + " of " + specs.size() + " study runs did not complete: "
                    + String.join("; ", problems) + (execution.message().isEmpty() ? "" : " (" + execution.message()
                    + ")"));
        }
        return members;
    }

    /** What the study needs of a completed run's folder. */
    private static Member member(RunService runs, Path folder, ExperimentSpec spec, Consumer<String> log)
            throws IOException {
        RunFolder record = runs.open(folder);
        RunInfo info = record.info();
        List<Integer> epochs = record.checkpointEpochs();
        int epoch = epochs.get(epochs.size() - 1);
        List<AnalysisResult> analyses = new ArrayList<>();
        for (AnalysisRecord call : record.analyses()) {
            analyses.add(record.analysisResult(call));
        }
        RunOutcome outcome = new RunOutcome(RunStatus.COMPLETED, info.epochsCompleted(), info.last().get(),
                info.message());
        log.accept(String.format(java.util.Locale.ROOT, "%s: train loss %.4f, test loss %.4f, test error %.4f -> %s",
                spec.name(), outcome.last().trainLoss(), outcome.last().testLoss(), outcome.last().testError(),
                folder));
        return new Member(folder, record.spec().orElseThrow(), outcome, record.checkpoint(epoch), epoch,
                record.provenance(), analyses);
    }

    /** {@code base} named {@code name}, with {@code extra} perturbations appended and the analyses replaced. */
    public static ExperimentSpec derive(ExperimentSpec base, String name, long seed, List<ComponentSpec> extra,
            ComponentSpec model, List<AnalysisSpec> analyses) {
        List<ComponentSpec> perturbations = new ArrayList<>(base.perturbations());
        perturbations.addAll(extra);
        return base.toBuilder().name(name).seed(seed).perturbations(perturbations).model(model).analyses(analyses)
                .build();
    }

    /** A run name from the study's base name and a suffix, within the 100 characters names allow. */
    public static String name(ExperimentSpec base, String suffix) {
        String stem = base.name();
        int room = 100 - suffix.length() - 1;
        return (stem.length() > room ? stem.substring(0, room) : stem) + "-" + suffix;
    }

    /** A fresh folder {@code <workspace>/studies/<name>/<timestamp>}. */
    public static Path studyFolder(Workspace workspace, String name) throws IOException {
        Path parent = workspace.inside(workspace.root().resolve("studies").resolve(name));
        Files.createDirectories(parent);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        for (int attempt = 0; attempt < 1000; attempt++) {
            Path candidate = parent.resolve(attempt == 0 ? stamp : stamp + "-" + attempt);
            try {
                return Files.createDirectory(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another study of the same name in the same second
            }
        }
        throw new IOException("cannot create a study folder under " + parent);
    }

    public static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsString(value));
    }
}
