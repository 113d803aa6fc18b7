package carnot.api.runs;

import carnot.api.component.InvalidSettingsException;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
     * The file in a run or sweep folder where an executor whose points outlive the process that
     * submitted them (a cluster scheduler) records what it submitted: at least
     * {@code {"executor": "<its carnot.id>", ...}}, so that another process can
     * {@link #reattach} to it.
     */
    String RECORD = "execution.json";

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

    /**
     * The execution this executor recorded in {@code folder} ({@value #RECORD}), as its scheduler and
     * the point folders report it now, seen from another process than the one that submitted it
     * (e.g. {@code carnot status} after {@code carnot run --detach}). Cancelling it cancels the
     * submitted points.
     *
     * @param folder the run or sweep folder holding the record
     * @return empty if this executor keeps nothing beyond the process that submitted the points
     * @throws IOException if the record cannot be read
     */
    default Optional<Execution> reattach(Path folder, ExecutionContext context) throws IOException {
        return Optional.empty();
    }
}
