package carnot.runs.internal;

import carnot.api.analysis.AnalysisResult;
import carnot.api.component.CancelledException;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.CheckpointAnalyzer;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.RunEvent;
import carnot.api.runs.AnalysisFailedException;
import carnot.api.runs.AnalysisRecord;
import carnot.api.runs.Reanalysis;
import carnot.api.runs.RunConflictException;
import carnot.api.runs.RunObserver;
import carnot.workspace.internal.FolderLock;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An analysis re-run on a saved run's checkpoints without retraining (the loop of developing a
 * metric): on this process' engine, holding the run folder's lock, each result recorded under a new
 * analysis index by the run's recorder as it comes.
 */
final class Reanalyzer {

    private final CheckpointAnalyzer analyzer;
    private final EngineTurns engine;

    Reanalyzer(CheckpointAnalyzer analyzer, EngineTurns engine) {
        this.analyzer = analyzer;
        this.engine = engine;
    }

    Reanalysis run(Path folder, ComponentSpec analysis, Optional<Integer> epoch, String client, RunObserver observer,
            ProgressMonitor monitor)
            throws InvalidExperimentException, RunConflictException, AnalysisFailedException, IOException {
        if (!Files.isDirectory(folder)) {
            throw new InvalidExperimentException(null, folder + ": no such run folder");
        }
        ExperimentSpec spec;
        try {
            spec = RunRecords.spec(folder).orElseThrow(() -> new InvalidExperimentException(null, folder + ": no "
                    + RunRecorder.SPEC + ": only run folders written by Carnot can be analyzed again"));
        } catch (IOException e) {
            throw new InvalidExperimentException(null, e.getMessage(), e);
        }
        // The lock first: a folder a live process works in is refused whatever it holds now.
        try (FolderLock lock = lock(folder, client); EngineTurns.Turn turn = engine.take()) {
            TreeMap<Integer, Path> checkpoints = RunRecords.checkpoints(folder);
            epoch.ifPresent(e -> checkpoints.keySet().retainAll(List.of(e)));
            if (checkpoints.isEmpty()) {
                throw new InvalidExperimentException(null, folder.resolve(RunRecorder.CHECKPOINTS) + ": no checkpoint"
                        + epoch.map(e -> " of epoch " + e).orElse("") + "; a run saves its final weights there when "
                        + "it completes");
            }
            int index = RunRecorder.nextAnalysisIndex(folder);
            RunRecorder recorder = RunRecorder.appendingTo(folder);
            List<AnalysisRecord> results = new ArrayList<>();
            for (Map.Entry<Integer, Path> checkpoint : checkpoints.entrySet()) {
                monitor.checkCancelled();
                long start = System.nanoTime();
                AnalysisResult result;
                try {
                    result = analyzer.analyze(spec, checkpoint.getKey(), Files.readAllBytes(checkpoint.getValue()),
                            keptBefore(folder, checkpoint.getKey()), analysis, monitor);
                } catch (InvalidExperimentException e) {
                    throw new InvalidExperimentException(null, folder + ": " + e.getMessage(), e);
                } catch (CancelledException e) {
                    throw e;
                } catch (Exception e) {
                    throw new AnalysisFailedException("analysis " + analysis.id() + " failed on epoch "
                            + checkpoint.getKey() + ": " + e, checkpoint.getKey(), e);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                recorder.onEvent(new RunEvent.AnalysisDone(analysis.id(), index, checkpoint.getKey(), result, seconds));
                results.add(new AnalysisRecord(analysis.id(), index, checkpoint.getKey(), result.scalars()));
                observer.onMessage(String.format(Locale.ROOT, "%s on epoch %d (%.1f s): %s", analysis.id(),
                        checkpoint.getKey(), seconds, result.scalars()));
            }
            return new Reanalysis(folder, analysis.id(), index, results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    /** The run's checkpoints before {@code epoch}, read: the optimization path up to it (for trajectory analyses). */
    private static java.util.SortedMap<Integer, byte[]> keptBefore(Path folder, int epoch) throws IOException {
        java.util.SortedMap<Integer, byte[]> kept = new TreeMap<>();
        for (Map.Entry<Integer, Path> e : RunRecords.checkpoints(folder).headMap(epoch).entrySet()) {
            kept.put(e.getKey(), Files.readAllBytes(e.getValue()));
        }
        return kept;
    }

    private static FolderLock lock(Path folder, String client) throws IOException, RunConflictException {
        try {
            return FolderLock.acquire(folder, client);
        } catch (FolderLock.HeldException e) {
            throw SweepLaunch.inUse(folder, e);
        }
    }
}
