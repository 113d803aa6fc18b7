package carnot.engine.internal;

import ai.djl.nn.Block;
import carnot.api.datasets.Dataset;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunListener;
import carnot.engine.internal.ModelEvaluator.Evaluation;
import java.util.Map;

/**
 * Early stopping during a run (Prechelt 1998; Goodfellow, Bengio &amp; Courville 2016, Section 7.8):
 * the held-out validation split evaluated after every epoch, the best epoch's weights kept when they
 * are to be restored, and what the run ends with when it stops.
 */
final class ValidationStopping {

    /**
     * How a run with early stopping ends.
     *
     * @param weightsEpoch        the epoch whose weights the run ends with
     * @param reached             why training ended, as the outcome says it
     * @param analyseFinalWeights whether the analyses due "after the last epoch" must still run on
     *                            those weights (training stopped before the planned last epoch)
     */
    record Ending(int weightsEpoch, String reached, boolean analyseFinalWeights) {
    }

    private final EarlyStopper stopper;
    private final Dataset validation;
    private final ModelEvaluator evaluator;
    private final Block block;
    private Map<String, float[]> best;

    ValidationStopping(ValidationSplit split, ModelEvaluator evaluator, Block block) {
        this.stopper = new EarlyStopper(split.rule());
        this.validation = split.validation();
        this.evaluator = evaluator;
        this.block = block;
    }

    /** Evaluates the validation split after {@code epoch}, reports it, and keeps the weights of a new best. */
    void observe(int epoch, RunListener listener) throws Exception {
        Evaluation evaluation = evaluator.evaluate(validation);
        listener.onEvent(new RunEvent.Validation(epoch, validation.size(), evaluation.meanLoss(), evaluation.error()));
        boolean improved = stopper.observe(epoch, evaluation.meanLoss(), evaluation.error());
        if (improved && stopper.rule().restoreBest()) {
            best = ModelEvaluator.snapshot(block);
        }
    }

    /** Why training stops after {@code epoch}, or the empty text when it goes on. */
    String stopMessage(int epoch) {
        if (!stopper.shouldStop()) {
            return "";
        }
        return "early stopping after epoch " + epoch + ": " + stopper.rule().metric() + " has not improved for "
                + stopper.rule().patience() + " epochs; best epoch " + stopper.bestEpoch() + " ("
                + stopper.bestValue() + ")";
    }

    /**
     * Ends the run after {@code completed} of {@code epochs} epochs: restores the best weights when the
     * rule asks for it and they are not the last epoch's, and reports the early stop.
     *
     * @param reached why training ended so far (empty when it ran its epochs)
     */
    Ending finish(int completed, int epochs, String reached, RunListener listener) throws Exception {
        int weightsEpoch = completed;
        String because = reached;
        boolean restore = stopper.rule().restoreBest() && stopper.bestEpoch() != completed;
        if (restore) {
            ModelEvaluator.restore(block, best);
            weightsEpoch = stopper.bestEpoch();
            because += (because.isEmpty() ? "" : "; ") + "the weights of epoch " + weightsEpoch + " (best "
                    + stopper.rule().metric() + ") were restored";
        }
        boolean stoppedEarly = because.startsWith("early stopping");
        listener.onEvent(new RunEvent.EarlyStopped(stoppedEarly, completed, stopper.rule().metric(),
                stopper.bestEpoch(), stopper.bestValue(), restore));
        return new Ending(weightsEpoch, because, (stoppedEarly || restore) && weightsEpoch < epochs);
    }
}
