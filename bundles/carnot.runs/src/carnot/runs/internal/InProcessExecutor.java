package carnot.runs.internal;

import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.runs.Execution;
import carnot.api.runs.ExecutionContext;
import carnot.api.runs.Executor;
import carnot.api.runs.RunPoint;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Runs points one after another in this process, on this process' engine: no process start-up,
 * every step and epoch reported as it happens. The default executor.
 */
@Component(service = Executor.class, property = Provider.ID + "=in-process")
public final class InProcessExecutor implements Executor {

    public static final String ID = "in-process";

    @Override
    public String title() {
        return "In this process";
    }

    @Override
    public String description() {
        return "Runs one point after another in the process that asked (the command line, the shell, the "
                + "workbench), on its engine; every step is reported as it happens.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SettingsSchema.empty();
    }

    @Override
    public Execution submit(List<RunPoint> points, Settings settings, ExecutionContext context) {
        PointsExecution execution = new PointsExecution(ID, points, context, context.observer());
        execution.start(1, (point, cancelled) -> context.runHere(point, execution.observing(point), cancelled));
        return execution;
    }
}
