package carnot.ui.internal.explorer;

import carnot.api.analysis.AnalysisResult;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecorder;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run folders written by the real {@link RunRecorder} from run events, with the resolved
 * experiment it records ({@code spec.json}), so that runs have a seed and a configuration.
 */
public final class RecordedRuns {

    private RecordedRuns() {
    }

    /** An experiment that differs only in its seed and learning rate. */
    public static ExperimentSpec spec(String name, long seed, double learningRate) throws Exception {
        return ExperimentFiles.parse(Path.of(name + ".json"), """
                {"format": 1, "name": "%s", "seed": %d,
                 "dataset": {"id": "gaussian-mixture", "settings": {"trainSize": 300}},
                 "model": {"id": "mlp", "settings": {"hidden": [16]}},
                 "optimizer": {"id": "sgd", "settings": {"learningRate": %s}},
                 "loss": "cross-entropy", "training": {"epochs": 40}}
                """.formatted(name, seed, learningRate));
    }

    /**
     * Records epochs 0..{@code epochs} with test error {@code finalError + 0.5 / (epoch + 1) - 0.5 / (epochs + 1)}
     * (so the last is {@code finalError}) and a {@code margins.mean} of {@code epoch / 10}; then the outcome.
     */
    public static Path record(Path folder, ExperimentSpec spec, int epochs, double finalError, RunStatus status)
            throws Exception {
        RunRecorder recorder = new RunRecorder(folder);
        recorder.onEvent(new RunEvent.Started(spec, Map.of("trainSize", 300, "parameterCount", 1000L), 10, 1000));
        EpochMetrics last = null;
        for (int epoch = 0; epoch <= epochs; epoch++) {
            double test = finalError + 0.5 / (epoch + 1) - 0.5 / (epochs + 1);
            last = new EpochMetrics(epoch, epoch * 10L, 1.0 / (epoch + 1), test / 2, 1.1 / (epoch + 1), test, 0.1, 0.5);
            recorder.onEvent(new RunEvent.EpochEnd(last));
            recorder.onEvent(new RunEvent.AnalysisDone("margins", 0, epoch,
                    AnalysisResult.builder().scalar("mean", epoch / 10.0).build(), 0.01));
        }
        recorder.onEvent(new RunEvent.Finished(new RunOutcome(status, epochs, last, "")));
        return folder;
    }
}
