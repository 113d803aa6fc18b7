package carnot.testkit;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.PreparedRun;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.TrainingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tiny experiment the testkit trains with the real engine, deterministic for its seed: a
 * 3-class Gaussian mixture in 8 dimensions (120 training, 60 test examples), an 8-16-3 MLP (model
 * settings may be changed, e.g. {@code bias: false} for analyses that need a homogeneous network),
 * 3 epochs of SGD with momentum 0.9 in batches of 20, seed 1.
 */
final class TinyExperiment {

    static final String DESCRIPTION = "gaussian-mixture (3 classes, d = 8, n = 120/60), mlp [16]";
    static final String TRAINING = "3 epochs of SGD (lr 0.05, momentum 0.9, batch 20), seed 1";

    /**
     * What a training run did, for bit-for-bit comparison.
     *
     * @param steps    every minibatch loss, in order
     * @param epochs   the metrics of every epoch (0 = at initialization)
     * @param epoch    the epoch of the final checkpoint
     * @param weights  the final checkpoint (DJL's parameter format)
     * @param failures analysis failures reported during the run
     * @param outcome  how it ended
     * @param resolved the experiment with every default filled in
     */
    record Trace(List<Double> steps, List<EpochMetrics> epochs, int epoch, byte[] weights, List<String> failures,
            RunOutcome outcome, ExperimentSpec resolved) {
    }

    private TinyExperiment() {
    }

    static String describe(Map<String, Object> modelSettings) {
        return DESCRIPTION + (modelSettings.isEmpty() ? "" : " with " + modelSettings) + "; " + TRAINING;
    }

    static ExperimentSpec spec(Map<String, Object> modelSettings, List<AnalysisSpec> analyses) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("hidden", List.of(16));
        model.putAll(modelSettings);
        return ExperimentSpec.builder("conformance").description(describe(modelSettings)).seed(1)
                .dataset(new ComponentSpec("gaussian-mixture", Map.of("classes", 3, "dimension", 8, "trainSize", 120,
                        "testSize", 60)))
                .model(new ComponentSpec("mlp", model))
                .optimizer(new ComponentSpec("sgd", Map.of("learningRate", 0.05, "momentum", 0.9)))
                .loss(ComponentSpec.of("cross-entropy"))
                .training(TrainingSpec.builder().epochs(3).batchSize(20).evalBatchSize(1000).shuffle(true).build())
                .analyses(analyses).build();
    }

    /** Prepares and trains; bad input (a refusal) is thrown before anything trains. */
    static Trace train(ExperimentRunner runner, ExperimentSpec spec) throws InvalidExperimentException {
        List<Double> steps = new ArrayList<>();
        List<EpochMetrics> epochs = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        RunEvent.Checkpoint[] checkpoint = new RunEvent.Checkpoint[1];
        try (PreparedRun prepared = runner.prepare(spec, ProgressMonitor.NONE)) {
            RunOutcome outcome = prepared.execute(event -> {
                if (event instanceof RunEvent.Step step) {
                    steps.add(step.loss());
                } else if (event instanceof RunEvent.EpochEnd end) {
                    epochs.add(end.metrics());
                } else if (event instanceof RunEvent.AnalysisFailed failed) {
                    failures.add("epoch " + failed.epoch() + ": " + failed.message());
                } else if (event instanceof RunEvent.Checkpoint c) {
                    checkpoint[0] = c;
                }
            }, ProgressMonitor.NONE);
            return new Trace(steps, epochs, checkpoint[0] == null ? -1 : checkpoint[0].epoch(),
                    checkpoint[0] == null ? new byte[0] : checkpoint[0].parameters(), failures, outcome,
                    prepared.resolvedSpec());
        }
    }
}
