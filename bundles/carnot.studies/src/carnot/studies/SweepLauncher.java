package carnot.studies;

import carnot.api.component.ProgressMonitor;
import java.nio.file.Path;

/**
 * The one step of the measure study that trains networks: run (or continue) every point of a sweep
 * file and say where its sweep folder is. Front ends implement it with the run machinery they
 * have (the command line with {@code carnot run}'s sweep path; later the run service's executors),
 * so the study itself never starts a run.
 */
@FunctionalInterface
public interface SweepLauncher {

    /**
     * @param sweepFile a sweep file (an experiment with a {@code "sweep"} grid)
     * @return the sweep folder, whose points completed or failed (a failed point is left out of the
     *         study with its reason)
     * @throws IllegalArgumentException         the file or its components are invalid (the message names them)
     * @throws carnot.api.component.CancelledException the sweep was cancelled
     * @throws Exception                        the sweep could not be run
     */
    Path run(Path sweepFile, ProgressMonitor monitor) throws Exception;
}
