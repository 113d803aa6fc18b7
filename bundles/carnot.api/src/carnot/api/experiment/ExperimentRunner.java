package carnot.api.experiment;

import carnot.api.component.ProgressMonitor;

/** Runs experiments with the components installed now. A DS service of the engine bundle. */
public interface ExperimentRunner {

    /**
     * Resolves every component by id, validates all settings and loads the data.
     *
     * @throws InvalidExperimentException naming the field when anything is wrong; nothing has
     *                                    been written anywhere then
     */
    PreparedRun prepare(ExperimentSpec spec, ProgressMonitor monitor) throws InvalidExperimentException;
}
