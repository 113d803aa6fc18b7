package carnot.api.experiment;

import carnot.api.analysis.AnalysisResult;
import java.util.Map;

/** Events a run emits, in order, on the thread that executes it. */
public sealed interface RunEvent {

    /**
     * Training is about to start.
     *
     * @param spec           the experiment with every default filled in
     * @param provenance     seeds, dataset hashes, bundle versions, engine and JVM (JSON-ready)
     * @param stepsPerEpoch  minibatches per epoch
     * @param parameterCount trainable parameters p
     */
    record Started(ExperimentSpec spec, Map<String, Object> provenance, int stepsPerEpoch, long parameterCount)
            implements RunEvent {
    }

    /** One optimizer step finished. {@code loss} is the minibatch loss incl. penalties. */
    record Step(int epoch, int step, int stepsPerEpoch, double loss) implements RunEvent {
    }

    /** An epoch (or the initial evaluation, epoch 0) was evaluated. */
    record EpochEnd(EpochMetrics metrics) implements RunEvent {
    }

    /** An analysis finished after {@code epoch}. */
    record AnalysisDone(String id, int index, int epoch, AnalysisResult result, double seconds) implements RunEvent {
    }

    /** An analysis threw; the run goes on. */
    record AnalysisFailed(String id, int index, int epoch, String message) implements RunEvent {
    }

    /**
     * The network's parameters after {@code epoch}, in DJL's parameter format
     * ({@code Block.saveParameters}); rebuild the architecture from the spec and load them to
     * analyse a saved run without retraining.
     */
    record Checkpoint(int epoch, byte[] parameters) implements RunEvent {
    }

    /**
     * Everything needed to continue after {@code epoch} in another process (weights, optimizer
     * state, position), in the engine's own format: hand it to {@link PreparedRun#resume}. Emitted
     * after each epoch's evaluation and analyses, when the optimizer is resumable.
     */
    record ResumePoint(int epoch, byte[] state) implements RunEvent {
    }

    /** The run ended. */
    record Finished(RunOutcome outcome) implements RunEvent {
    }
}
