package carnot.headless.internal;

import carnot.api.component.CancelledException;
import carnot.api.component.ComponentRegistry;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.runs.AnalysisFailedException;
import carnot.api.runs.Reanalysis;
import carnot.api.runs.RunConflictException;
import carnot.api.runs.RunObserver;
import carnot.api.runs.RunService;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecorder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carnot analyze}: a client of the run service's re-analysis. */
@Command(name = "analyze", description = "Run an analysis on a saved run's checkpoints, without retraining; "
        + "results are added to the run folder under a new analysis index. Refused while a process trains in it.")
final class AnalyzeCommand extends Subcommand {

    @Parameters(paramLabel = "RUN_FOLDER", description = "a run folder (runs/<name>/<run>)")
    Path folder;

    @Option(names = "--analysis", required = true, paramLabel = "ID", description = "analysis id")
    String id;

    @Option(names = "--settings", paramLabel = "JSON", description = "the analysis' settings, e.g. '{\"bins\": 20}'")
    String settings;

    @Option(names = "--epoch", paramLabel = "N", description = "only this checkpoint (default: every checkpoint)")
    Integer epoch;

    AnalyzeCommand(CarnotCommand parent) {
        super(parent);
    }

    @Override
    int execute() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        Map<String, Object> raw;
        try {
            raw = settings == null ? Map.of() : ExperimentFiles.parseSettings(settings, "--settings");
        } catch (ExperimentFileException e) {
            err.println("carnot: " + e.getMessage());
            return CarnotCommand.BAD_INPUT;
        }
        RunService service = parent.services.get(RunService.class);
        awaitPlugins(service, raw);
        // Analyses that name files of the workspace (interpolation's checkpoint) resolve them there.
        System.setProperty("carnot.workspace", carnot.workspace.WorkspacePaths.workspaceOf(folder).toString());
        RunObserver lines = new RunObserver() {
            @Override
            public void onMessage(String line) {
                out.println("carnot: " + line);
                out.flush();
            }
        };
        try {
            Reanalysis done = service.reanalyze(folder, new ComponentSpec(id, raw),
                    Optional.ofNullable(epoch), "carnot analyze " + folder + " --analysis " + id, lines,
                    new TerminalProgress.Quiet(parent.cancelled));
            out.println("carnot: results in " + done.folder().resolve(RunRecorder.ANALYSIS_RESULTS)
                    .resolve(done.index() + "-" + done.id()));
            return CarnotCommand.OK;
        } catch (InvalidExperimentException | RunConflictException e) {
            err.println("carnot: " + e.getMessage());
            return CarnotCommand.BAD_INPUT;
        } catch (AnalysisFailedException e) {
            err.println("carnot: " + e.getMessage());
            return CarnotCommand.RUN_FAILED;
        } catch (CancelledException e) {
            err.println("carnot: analysis cancelled");
            return CarnotCommand.CANCELLED;
        }
    }

    /** Components from the workspace's plugins may still be installing: wait for those the analysis needs. */
    private void awaitPlugins(RunService service, Map<String, Object> raw) throws InterruptedException {
        ExperimentSpec run;
        try {
            run = service.open(folder).spec().orElse(null);
        } catch (java.io.IOException e) {
            // The service names what is wrong with the folder.
            return;
        }
        if (run != null) {
            HotDeployedComponents.await(parent.services.get(ComponentRegistry.class), run.toBuilder()
                    .analyses(List.of(new AnalysisSpec(id, raw, 0, false))).build());
        }
    }
}
