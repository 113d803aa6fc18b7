package carnot.api.experiment;

import carnot.api.analysis.AnalysisResult;
import carnot.api.component.ProgressMonitor;

/**
 * Runs an analysis on a saved run's checkpoint without retraining: the natural loop while
 * developing a new metric. A DS service of the engine bundle.
 */
public interface CheckpointAnalyzer {

    /**
     * Rebuilds the run's network from its resolved spec, loads the checkpoint's parameters, reloads
     * the data with the recorded settings and seed, evaluates both splits and runs the analysis
     * exactly as during training (same context, same seed).
     *
     * @param spec       the run's resolved experiment ({@code spec.json})
     * @param epoch      the checkpoint's epoch, passed to the analysis
     * @param parameters the checkpoint in DJL's parameter format ({@code checkpoints/epoch-NNNN.params})
     * @param analysis   the analysis id and raw settings
     * @throws InvalidExperimentException a component is not installed, a setting or the checkpoint
     *                                    does not fit; names the field
     * @throws Exception                  what the analysis itself threw
     */
    AnalysisResult analyze(ExperimentSpec spec, int epoch, byte[] parameters, ComponentSpec analysis,
            ProgressMonitor monitor) throws Exception;

    /**
     * As {@link #analyze(ExperimentSpec, int, byte[], ComponentSpec, ProgressMonitor)}, with the run's
     * other kept checkpoints ({@code training.checkpointEvery}) given to the analysis as its
     * {@code AnalysisContext.keptParameters()}: what an analysis of the optimization path reads.
     *
     * @param kept the checkpoints of the epochs up to {@code epoch}, by epoch, in the same format
     */
    default AnalysisResult analyze(ExperimentSpec spec, int epoch, byte[] parameters,
            java.util.SortedMap<Integer, byte[]> kept, ComponentSpec analysis, ProgressMonitor monitor)
            throws Exception {
        return analyze(spec, epoch, parameters, analysis, monitor);
    }
}
