package carnot.engine.internal;

import ai.djl.nn.Block;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Split;
import carnot.api.component.CancelledException;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunListener;
import carnot.api.experiment.TrainingSpec;
import carnot.api.optim.LearningRateSchedule;
import carnot.engine.internal.DefaultExperimentRunner.ScheduledAnalysis;
import carnot.engine.internal.ModelEvaluator.Evaluation;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * When a run evaluates its splits and runs its analyses, and how an analysis runs: on its own
 * thread (so that a cancelled one can be abandoned), on the live network, which it must leave as
 * it found it. A failing analysis is recorded and never takes the run down.
 */
final class AnalysisScheduler {

    private final List<ScheduledAnalysis> analyses;
    private final TrainingSpec training;
    private final ModelEvaluator evaluator;
    private final Block block;
    private final LearningRateSchedule schedule;
    private final TrainingRun.EpochClock clock;
    private final boolean earlyStopping;
    private final AnalysisThread analysisThread = new AnalysisThread();

    AnalysisScheduler(List<ScheduledAnalysis> analyses, TrainingSpec training, ModelEvaluator evaluator, Block block,
            LearningRateSchedule schedule, TrainingRun.EpochClock clock, boolean earlyStopping) {
        this.analyses = analyses;
        this.training = training;
        this.evaluator = evaluator;
        this.block = block;
        this.schedule = schedule;
        this.clock = clock;
        this.earlyStopping = earlyStopping;
    }

    /** A cancelled analysis still computing on the network, or null. */
    Thread abandoned() {
        return analysisThread.abandoned();
    }

    /**
     * Whether the splits are evaluated after {@code epoch}: training.evaluateEvery says so, an
     * analysis is due, or early stopping may end the run after any epoch.
     */
    boolean evaluationDue(int epoch) {
        return training.evaluatesAfter(epoch) || earlyStopping
                || analyses.stream().anyMatch(a -> a.spec().dueAfter(epoch, training.epochs()));
    }

    /** Evaluates the splits after {@code epoch}, reports the metrics and runs the analyses due then. */
    EpochMetrics evaluateAndAnalyse(int epoch, long step, double seconds, RunListener listener,
            ProgressMonitor monitor) throws Exception {
        Map<Split, Evaluation> evaluations = evaluator.evaluateForMetrics(monitor);
        Evaluation train = evaluations.get(Split.TRAIN);
        Evaluation test = evaluations.get(Split.TEST);
        // The learning rate of the epoch's last step (the schedule's start at epoch 0).
        EpochMetrics metrics = new EpochMetrics(epoch, step, train.meanLoss(), train.error(), test.meanLoss(),
                test.error(), schedule.at(clock.epochs()), seconds);
        listener.onEvent(new RunEvent.EpochEnd(metrics));
        // The last epoch is the planned one, or an earlier one whose train error or loss reached the
        // target: analyses scheduled "after the last epoch" run on the weights the run ends with.
        int lastEpoch = epoch > 0 && training.targetReached(metrics.trainError(), metrics.trainLoss()) ? epoch
                : training.epochs();
        Predicate<AnalysisSpec> due = spec -> spec.dueAfter(epoch, lastEpoch);
        // Analyses see the whole splits even when the metrics are of subsets.
        boolean anyDue = analyses.stream().anyMatch(a -> due.test(a.spec()));
        analyse(epoch, anyDue && evaluator.evaluatesSubsets() ? evaluator.evaluateSplits(monitor) : evaluations, due,
                listener, monitor);
        return metrics;
    }

    /**
     * After early stopping: the analyses due "after the last epoch" run on the weights the run ends
     * with (the best epoch's when they were restored, else the last trained epoch's), recorded at that
     * epoch; those that already ran on exactly these weights during training are not repeated.
     */
    void analyseFinalWeights(int epoch, RunListener listener, ProgressMonitor monitor) throws Exception {
        Map<Split, Evaluation> evaluations = evaluator.evaluateSplits(monitor);
        analyse(epoch, evaluations, spec -> !spec.dueAfter(epoch, training.epochs()), listener, monitor);
    }

    private void analyse(int epoch, Map<Split, Evaluation> evaluations, Predicate<AnalysisSpec> due,
            RunListener listener, ProgressMonitor monitor) throws Exception {
        for (int i = 0; i < analyses.size(); i++) {
            ScheduledAnalysis scheduled = analyses.get(i);
            if (!due.test(scheduled.spec())) {
                continue;
            }
            monitor.checkCancelled();
            long start = System.nanoTime();
            AnalysisResult result;
            // An analysis gets the live network: it must leave the weights as it found them and must not
            // leave gradients behind (DJL's GradientCollector accumulates into the model's own buffers).
            Map<String, float[]> weights = ModelEvaluator.snapshot(block);
            try {
                result = analysisThread.call(() -> evaluator.analyze(scheduled.analysis(), epoch, evaluations, monitor),
                        monitor);
            } catch (CancelledException e) {
                throw e;
            } catch (Exception | LinkageError | AssertionError e) {
                // A failing analysis (or a bundle removed under it) never takes the run down.
                NetworkGuard.restoreIfChanged(block, weights);
                listener.onEvent(new RunEvent.AnalysisFailed(scheduled.spec().id(), i, epoch,
                        FailureMessages.describe(e)));
                continue;
            } finally {
                if (analysisThread.abandoned() == null) {
                    NetworkGuard.zeroGradients(EpochTrainer.trainableParameters(block));
                }
            }
            // Analyses that perturb the weights and undo it (sharpness, interpolation) may leave rounding
            // behind: training always continues from the weights exactly as they were.
            NetworkGuard.restoreIfChanged(block, weights);
            listener.onEvent(new RunEvent.AnalysisDone(scheduled.spec().id(), i, epoch, result,
                    (System.nanoTime() - start) / 1e9));
        }
    }
}
