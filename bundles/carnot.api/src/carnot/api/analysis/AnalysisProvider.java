package carnot.api.analysis;

import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.experiment.MemoryEstimate;
import java.util.Optional;

/** Provides an analysis (a measure computed on a model and its data). */
public interface AnalysisProvider extends Provider {

    /**
     * An analysis configured by {@code settings}, validated against {@link #settingsSchema()}; called once per run, before training.
     */
    Analysis create(Settings settings);

    /**
     * Refuses an experiment this analysis cannot measure, before anything trains or is written:
     * {@code carnot validate} and {@code carnot run} print the reason after the analysis's field
     * ({@code analyses[2]: ...}) and exit with the bad-input code. Say what is needed, what the
     * experiment has and which setting changes it, e.g.
     * {@code fisher-rao needs a bias-free positively homogeneous network; model 'mlp' has biases (set
     * model.settings.bias=false)}. The default accepts every experiment.
     *
     * @param settings the analysis's validated settings
     * @param target   the experiment, the network's structure and the data's shape
     * @return the reason, or empty to accept
     */
    default Optional<String> refusal(Settings settings, AnalysisTarget target) {
        return Optional.empty();
    }

    /**
     * The memory one call of this analysis needs beyond what the run already holds (its data,
     * weights and the evaluation's predictions), for the run's {@link MemoryEstimate}: Hessian-vector
     * product graphs, Lanczos vectors, copies of the weights, kernel matrices, plane grids. The
     * engine puts the parts in a phase of their own (analyses run one at a time). Build it from
     * {@link AnalysisMemory}'s pieces, e.g.
     * {@code AnalysisMemory.weightCopies(target, 3).plus(AnalysisMemory.backwardGraph(target, chunk))}.
     * The default claims nothing, which is right for analyses that only read the predictions.
     *
     * @param settings the analysis's validated settings
     * @param target   the experiment, the network's structure and the data's shape
     */
    default MemoryEstimate memoryEstimate(Settings settings, AnalysisTarget target) {
        return MemoryEstimate.NONE;
    }
}
