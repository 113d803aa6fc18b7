package carnot.api.experiment;

import carnot.api.component.ProgressMonitor;
import java.util.OptionalLong;

/** Runs experiments with the components installed now. A DS service of the engine bundle. */
public interface ExperimentRunner {

    /**
     * Resolves every component by id, validates all settings and loads the data.
     *
     * @throws InvalidExperimentException naming the field when anything is wrong; nothing has
     *                                    been written anywhere then
     */
    PreparedRun prepare(ExperimentSpec spec, ProgressMonitor monitor) throws InvalidExperimentException;

    /**
     * The memory a new process could have on this machine now, in bytes: what the operating system
     * reports as available, capped by this process' control group's limit less its usage. Executors
     * that start processes size how many run at once from it and the memory model's estimates.
     *
     * @return empty when the machine does not say (the default)
     */
    default OptionalLong availableMemory() {
        return OptionalLong.empty();
    }

    /**
     * Everything {@link #prepare} checks, with the same errors, but as cheaply as the components allow:
     * the engine reads only the data's headers ({@code DatasetProvider.summary}) and takes the network's
     * shapes without building it in the native engine where it can. Nothing is written anywhere. The
     * default prepares the run and closes it.
     *
     * @throws InvalidExperimentException naming the field when anything is wrong
     * @since 0.2.0
     */
    default ExperimentCheck check(ExperimentSpec spec, ProgressMonitor monitor) throws InvalidExperimentException {
        try (PreparedRun prepared = prepare(spec, monitor)) {
            return ExperimentCheck.of(prepared);
        }
    }
}
