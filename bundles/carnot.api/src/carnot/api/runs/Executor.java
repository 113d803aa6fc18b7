package carnot.api.runs;

import carnot.api.component.InvalidSettingsException;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import java.util.List;

/**
 * Carries out runs: in this process, in child processes, on a cluster. A component like any other:
 * a DS service with a stable {@value carnot.api.component.Provider#ID} ({@code in-process},
 * {@code local}, ...) and a settings schema, chosen per invocation ({@code carnot run --executor ID},
 * the workspace default in {@code .carnot/executor.json}, the workbench's Run menu). A third-party
 * bundle adds one by registering this service.
 *
 * <p>An executor submits points and later reports their state. It never chooses, creates or reads
 * folders itself beyond what {@link ExecutionContext} offers: the run service has chosen each
 * point's folder, and a point in another process (or on another machine that shares the workspace
 * folder) follows the same folder protocol as one in this process.
 */
public interface Executor extends Provider {

    /**
     * Starts the points and returns at once; the returned execution reports their state, waits for
     * them and cancels them.
     *
     * @param points   the points, each with its folder
     * @param settings this executor's validated settings
     * @param context  how to run a point here or elsewhere
     */
    Execution submit(List<RunPoint> points, Settings settings, ExecutionContext context);

    /**
     * Checks what the schema cannot (a launcher to start processes with, a scheduler on the PATH)
     * before anything is submitted.
     *
     * @throws InvalidSettingsException naming the setting (e.g. {@code executor.settings.parallel})
     *                                  and what is allowed
     */
    default void check(Settings settings, ExecutionContext context) throws InvalidSettingsException {
    }
}
