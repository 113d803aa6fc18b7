package carnot.workspace;

import carnot.api.analysis.AnalysisResult;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import java.nio.file.Path;
import java.util.Map;

/** Run folders written by the real {@link RunRecorder} from a sequence of run events. */
final class RecordedRuns {

    private RecordedRuns() {
    }

    static ExperimentSpec spec(String name, long seed, double learningRate) throws ExperimentFileException {
        return ExperimentFiles.parse(Path.of(name + ".json"), """
                {"format": 1, "name": "%s", "seed": %d,
                 "dataset": {"id": "gaussian-mixture", "settings": {"trainSize": 300}},
                 "model": {"id": "mlp", "settings": {"hidden": [16]}},
                 "optimizer": {"id": "sgd", "settings": {"learningRate": %s}},
                 "loss": "cross-entropy", "training": {"epochs": 3}}
                """.formatted(name, seed, learningRate));
    }

    /**
     * Records {@code epochs} epochs whose test error is {@code base / (epoch + 1)} and a
     * {@code margins.mean} of {@code epoch / 10} after each; finished with {@code status}.
     */
    static Path record(Path folder, ExperimentSpec spec, int epochs, double base, RunStatus status) throws Exception {
        RunRecorder recorder = new RunRecorder(folder);
        recorder.onEvent(new RunEvent.Started(spec, Map.of("trainSize", 300, "parameterCount", 1000L), 10, 1000));
        EpochMetrics last = null;
        for (int epoch = 0; epoch <= epochs; epoch++) {
            last = new EpochMetrics(epoch, epoch * 10L, 1.0 / (epoch + 1), base / (epoch + 2), 1.1 / (epoch + 1),
                    base / (epoch + 1), 0.1, 0.5);
            recorder.onEvent(new RunEvent.EpochEnd(last));
            recorder.onEvent(new RunEvent.AnalysisDone("margins", 0, epoch,
                    AnalysisResult.builder().scalar("mean", epoch / 10.0).build(), 0.01));
        }
        recorder.onEvent(new RunEvent.Finished(new RunOutcome(status, epochs, last, "")));
        return folder;
    }
}
