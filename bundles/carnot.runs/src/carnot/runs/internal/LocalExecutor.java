package carnot.runs.internal;

import carnot.api.component.InvalidSettingsException;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.experiment.MemoryEstimate;
import carnot.api.runs.Execution;
import carnot.api.runs.ExecutionContext;
import carnot.api.runs.Executor;
import carnot.api.runs.ExitCode;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunPoint;
import carnot.workspace.RunRecorder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.osgi.service.component.annotations.Component;

/**
 * Runs each point in a {@code carnot} process of its own, {@code parallel} at a time, each with an
 * equal share of the machine's cores as libtorch threads, so that the points do not oversubscribe
 * it. Without {@code parallel}, as many at once as the cores and the physical memory allow, from the
 * memory estimate of the largest point; each process gets its Java heap from that estimate too
 * ({@link LocalParallelism}). A point process is told its folder and its experiment file
 * ({@code point.json}) and follows the folder protocol; this process follows it by reading the
 * folder, never its output (which goes to the point's {@code console.log}). A point process watches
 * this one and records that it was cancelled when this one disappears, even after a {@code kill -9}.
 */
@Component(service = Executor.class, property = Provider.ID + "=local")
public final class LocalExecutor implements Executor {

    public static final String ID = "local";

    /** Each point process' output, in its folder. */
    public static final String CONSOLE_LOG = "console.log";

    private static final long POLL_MILLIS = 500;
    private static final long GRACE_SECONDS = 60;

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("parallel", LocalParallelism.AUTOMATIC, "points running at once, each in its own process; "
                    + "0 = as many as the cores and the memory estimate of the largest point allow").min(0).max(256),
            Setting.integer("threads", 0, "libtorch threads per point process; 0 = the cores (or CARNOT_THREADS) "
                    + "divided by parallel").min(0).max(1024),
            Setting.text("heap", "", "Java heap of each point process, e.g. 4g; empty = this process' CARNOT_HEAP, "
                    + "else the largest point's estimate with a margin"));

    @Override
    public String title() {
        return "Child processes on this machine";
    }

    @Override
    public String description() {
        return "Runs each point in a carnot process of its own, `parallel` at a time (by default as many as the "
                + "cores and the largest point's memory estimate allow), each with cores/parallel libtorch threads "
                + "and a heap from that estimate; the points follow the run-folder protocol and this process follows "
                + "their folders.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public void check(Settings settings, ExecutionContext context) throws InvalidSettingsException {
        if (context.launcher().isEmpty()) {
            throw new InvalidSettingsException("executor", "'" + ID + "' (--parallel N > 1) starts point processes "
                    + "with the carnot launcher, which this process was not started from (CARNOT_LAUNCHER is not set); "
                    + "use the " + InProcessExecutor.ID + " executor (--parallel 1), or start Carnot with its carnot "
                    + "script");
        }
        if (!settings.getString("heap").matches("(\\d+[kKmMgG]?)?")) {
            throw new InvalidSettingsException("executor.settings.heap", "expected a Java heap size such as 4g or "
                    + "512m, got \"" + settings.getString("heap") + "\"");
        }
    }

    @Override
    public Execution submit(List<RunPoint> points, Settings settings, ExecutionContext context) {
        String heapSetting = settings.getString("heap").isEmpty() ? System.getenv().getOrDefault("CARNOT_HEAP", "")
                : settings.getString("heap");
        LocalParallelism decision = LocalParallelism.choose(settings.getInt("parallel"), context.threadBudget(),
                points.size(), largestEstimate(points, context), parseHeapOrZero(heapSetting), context.availableMemory());
        if (decision.lowered()) {
            context.observer().onProblem(decision.message());
        } else {
            context.observer().onMessage(decision.message());
        }
        int parallel = decision.points();
        int threads = settings.getInt("threads") > 0 ? settings.getInt("threads") : threadsPerProcess(
                context.threadBudget(), parallel);
        String heap = heapSetting.isEmpty() ? decision.heapSetting() : heapSetting;
        PointsExecution execution = new PointsExecution(ID, points, context, context.observer());
        execution.start(parallel, (point, cancelled) -> runProcess(point, threads, heap, context, execution,
                cancelled));
        return execution;
    }

    /**
     * The estimate of the point that needs the most memory, through the run service's context
     * (each distinct experiment prepared once); {@link MemoryEstimate#NONE} when none can be
     * prepared here (each point's own process then reports why).
     */
    public static MemoryEstimate largestEstimate(List<RunPoint> points, ExecutionContext context) {
        return LargestPoint.of(points, context).map(LargestPoint::estimate).orElse(MemoryEstimate.NONE);
    }

    private static long parseHeapOrZero(String heap) {
        try {
            return LocalParallelism.parseHeap(heap);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** libtorch threads of each of {@code parallel} processes sharing {@code budget} cores. */
    static int threadsPerProcess(int budget, int parallel) {
        return Math.max(1, budget / Math.max(1, parallel));
    }

    private static ExitCode runProcess(RunPoint point, int threads, String heap, ExecutionContext context,
            PointsExecution execution, BooleanSupplier cancelled) {
        Process process;
        try {
            List<String> command = new ArrayList<>(context.pointCommand(point));
            command.add("--parent");
            command.add(Long.toString(ProcessHandle.current().pid()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("CARNOT_THREADS", Integer.toString(threads));
            builder.environment().put("CARNOT_WORKSPACE", context.workspace().toString());
            builder.environment().put("CARNOT_HEAP", heap);
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(point.folder().resolve(CONSOLE_LOG).toFile()));
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            execution.observing(point).onProblem(point.folder() + ": the point process could not start: "
                    + e.getMessage());
            return ExitCode.INTERNAL;
        }
        execution.detail(point, "pid " + process.pid());
        int epochs = -1;
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    // SIGTERM: the point's shutdown hook cancels its run and records where it stopped.
                    process.destroy();
                    if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        process.waitFor();
                    }
                    break;
                }
                epochs = followFolder(point, context, execution, epochs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return ExitCode.CANCELLED;
        }
        ExitCode code = ExitCode.of(process.exitValue());
        execution.detail(point, "exit " + process.exitValue() + (code == ExitCode.OK ? "" : " (" + code.name()
                .toLowerCase(java.util.Locale.ROOT) + "); see " + point.folder().resolve(CONSOLE_LOG)));
        if (code != ExitCode.OK && code != ExitCode.CANCELLED
                && !Files.isRegularFile(point.folder().resolve(RunRecorder.STATUS))) {
            // It ended before its run recorded anything (bad input, no engine): say why, from its log.
            execution.observing(point).onProblem(point.folder() + ": the point process ended with exit "
                    + process.exitValue() + ": " + tail(point.folder().resolve(CONSOLE_LOG)));
        }
        return code;
    }

    /** The last lines of a log, joined, for a message. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no " + CONSOLE_LOG + ": " + e.getMessage() + ")";
        }
    }

    /** Tells the observer when the point's folder records another epoch. */
    private static int followFolder(RunPoint point, ExecutionContext context, PointsExecution execution,
            int reported) {
        try {
            RunInfo info = context.inspect(point.folder());
            if (info.epochsCompleted() != reported) {
                execution.notifyChanged(point);
                return info.epochsCompleted();
            }
        } catch (IOException e) {
            // The point process is writing its status right now; the next poll reads it.
        }
        return reported;
    }
}
