package carnot.runs.internal.slurm;

import carnot.api.component.InvalidSettingsException;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.runs.Execution;
import carnot.api.runs.ExecutionContext;
import carnot.api.runs.Executor;
import carnot.api.runs.RunPoint;
import carnot.workspace.AtomicFiles;
import carnot.workspace.SweepRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Runs the points as ONE SLURM array job ({@code sbatch --array=0-(n-1)%throttle}): a single run, a
 * sweep's points or a study member. Every array task runs one point with the installed
 * {@code carnot} launcher on the shared workspace folder, as the {@code local} executor's child
 * processes do, so a point on a cluster node follows the same folder protocol (lock,
 * {@code status.json}, resume state) and gives the same metrics and weights for the same seed and
 * thread count. The job script ({@code slurm/job.sh}), the task logs ({@code slurm/%A_%a.out}) and
 * the job's record ({@link Executor#RECORD}) are written into the run or sweep folder, so that a
 * later process reattaches to the job after the one that submitted it is gone.
 */
@Component(service = Executor.class, property = Provider.ID + "=slurm")
public final class SlurmExecutor implements Executor {

    public static final String ID = "slurm";

    /** The job's script and task logs, in the run or sweep folder. */
    public static final String FOLDER = "slurm";
    /** The batch script, in {@link #FOLDER}. */
    public static final String SCRIPT = "job.sh";

    static final String PARTITION = "partition";
    static final String ACCOUNT = "account";
    static final String TIME = "time";
    static final String CPUS = "cpus";
    static final String MEMORY = "memory";
    static final String GRES = "gres";
    static final String THROTTLE = "throttle";
    static final String REQUEUE = "requeue";
    static final String EXTRA = "extra";
    static final String BIN = "bin";
    static final String LAUNCHER = "launcher";

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.text(PARTITION, "", "partition (sbatch --partition); empty: the cluster's default"),
            Setting.text(ACCOUNT, "", "account to charge (sbatch --account); empty: your default"),
            Setting.text(TIME, "", "time limit per point (sbatch --time: MM, HH:MM:SS, D-HH:MM:SS); empty: the "
                    + "partition's"),
            Setting.integer(CPUS, 1, "CPUs per task (sbatch --cpus-per-task); also the point's libtorch threads "
                    + "(CARNOT_THREADS)").min(1).max(1024),
            Setting.text(MEMORY, SlurmMemory.AUTO, "memory per task (sbatch --mem, e.g. 6G or 4096M; the point's Java "
                    + "heap is two thirds of it); auto: the memory estimate of the largest point + "
                    + SlurmMemory.MARGIN_PERCENT + "%, its heap from the estimate; empty: the cluster's default"),
            Setting.text(GRES, "", "generic resources per task (sbatch --gres, e.g. gpu:1); empty: none"),
            Setting.integer(THROTTLE, 0, "at most this many points at once (the %N of --array); 0: as many as "
                    + "the cluster gives").min(0).max(100000),
            Setting.bool(REQUEUE, true, "let SLURM requeue a preempted task (sbatch --requeue); it continues its "
                    + "point from the last saved epoch"),
            Setting.text(EXTRA, "", "more #SBATCH options, separated by ';', e.g. --qos=long; --constraint=avx512"),
            Setting.text(BIN, "", "folder of sbatch, scontrol and scancel; empty: the PATH"),
            Setting.text(LAUNCHER, "", "the carnot launcher the tasks run (on a path every node sees); empty: "
                    + "this installation's"));

    @Override
    public String title() {
        return "SLURM cluster (one array job)";
    }

    @Override
    public String description() {
        return "Submits the points as one sbatch array job; every task runs one point with the installed carnot "
                + "launcher on the shared workspace. `carnot status` shows the scheduler's state beside each run's; "
                + "a preempted or requeued task continues from its last saved epoch.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public void check(Settings settings, ExecutionContext context) throws InvalidSettingsException {
        matches(settings, TIME, "\\d+(-\\d{1,2})?(:\\d{2}){0,2}", "a SLURM time such as 90, 02:00:00 or 1-12:00:00");
        if (!settings.getString(MEMORY).equalsIgnoreCase(SlurmMemory.AUTO)) {
            matches(settings, MEMORY, "\\d+[KMGTkmgt]?", "auto or a SLURM memory size such as 6G or 4096M");
        }
        for (String key : List.of(PARTITION, ACCOUNT, GRES)) {
            matches(settings, key, "[A-Za-z0-9_.:,=+-]+", "one word of letters, digits and _.:,=+-");
        }
        for (String extra : extraLines(settings)) {
            if (!extra.startsWith("-") || extra.contains("\n")) {
                throw new InvalidSettingsException("executor.settings." + EXTRA, "expected sbatch options such "
                        + "as --qos=long separated by ';', got \"" + extra + "\"");
            }
        }
        if (launcher(settings, context).isEmpty()) {
            throw new InvalidSettingsException("executor.settings." + LAUNCHER, settings.getString(LAUNCHER)
                    .isEmpty() ? "this process was not started from the carnot launcher (CARNOT_LAUNCHER is not "
                    + "set): name the launcher the tasks run" : "not an executable file: "
                    + settings.getString(LAUNCHER));
        }
        SlurmCommands commands = new SlurmCommands(settings.getString(BIN));
        for (String command : List.of("sbatch", "scontrol", "scancel")) {
            if (commands.find(command).isEmpty()) {
                throw new InvalidSettingsException("executor.settings." + BIN, "no " + command + " " + (settings
                        .getString(BIN).isEmpty() ? "on the PATH" : "in " + settings.getString(BIN))
                        + ": run on a SLURM submit host, or name the folder of the SLURM commands");
            }
        }
        try {
            Optional<String> why = commands.unusable(settings.getString(PARTITION));
            if (why.isPresent()) {
                throw new InvalidSettingsException(why.get().startsWith("partition") ? "executor.settings."
                        + PARTITION : "executor", why.get());
            }
        } catch (IOException e) {
            throw new InvalidSettingsException("executor", "cannot ask the SLURM controller: " + e.getMessage());
        }
    }

    private static void matches(Settings settings, String key, String pattern, String expected)
            throws InvalidSettingsException {
        String value = settings.getString(key);
        if (!value.isEmpty() && !value.matches(pattern)) {
            throw new InvalidSettingsException("executor.settings." + key, "expected " + expected + ", got \""
                    + value + "\"");
        }
    }

    static List<String> extraLines(Settings settings) {
        return Arrays.stream(settings.getString(EXTRA).split(";")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }

    private static Optional<Path> launcher(Settings settings, ExecutionContext context) {
        String named = settings.getString(LAUNCHER);
        if (named.isEmpty()) {
            return context.launcher();
        }
        Path path = Path.of(named);
        return Files.isExecutable(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
    }

    @Override
    public Execution submit(List<RunPoint> points, Settings settings, ExecutionContext context) {
        Path folder = context.group().orElseGet(() -> recordFolder(points));
        SlurmCommands commands = new SlurmCommands(settings.getString(BIN));
        Path launcher = launcher(settings, context).orElseThrow();
        SlurmRecord planned = new SlurmRecord(folder, SlurmExecution.NOT_SUBMITTED, context.workspace(),
                settings.asMap(), points, Map.of());
        Path script = folder.resolve(FOLDER).resolve(SCRIPT);
        try {
            if (settings.getString(MEMORY).equalsIgnoreCase(SlurmMemory.AUTO)) {
                context.observer().onMessage("slurm: estimating the memory per task (preparing the point"
                        + (points.size() == 1 ? "" : "s") + " here; memory=6G or similar skips this)");
            }
            SlurmMemory memory = SlurmMemory.of(settings.getString(MEMORY), points, context);
            List<List<String>> lines = new ArrayList<>();
            for (RunPoint point : points) {
                List<String> command = new ArrayList<>(context.pointCommand(point));
                command.set(0, launcher.toString());
                lines.add(command);
            }
            Optional<List<String>> settle = SweepRecords.isSweepFolder(folder) ? Optional.of(List.of(
                    launcher.toString(), "status", folder.toString(), "--workspace", context.workspace().toString()))
                    : Optional.empty();
            Files.createDirectories(folder.resolve(FOLDER));
            String name = points.get(0).spec().name();
            AtomicFiles.write(context.workspace(), script, SlurmJobScript.write(name, folder, lines, settle, settings,
                    memory));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            String job = commands.submit(script, folder.resolve(FOLDER).resolve("%A_%a.out"));
            SlurmRecord record = new SlurmRecord(folder, job, context.workspace(), settings.asMap(), points,
                    memory.record());
            record.write();
            context.observer().onMessage("slurm: memory per task: " + memory.why());
            context.observer().onMessage("slurm: submitted batch job " + job + ": " + points.size() + " array task"
                    + (points.size() == 1 ? "" : "s") + (settings.getInt(THROTTLE) > 0 ? ", at most "
                    + settings.getInt(THROTTLE) + " at once" : "") + "; script " + script + ", logs "
                    + folder.resolve(FOLDER).resolve(job + "_<task>.out"));
            return new SlurmExecution(record, commands, context, context.observer()).followed();
        } catch (IOException | RuntimeException e) {
            String why = "slurm: nothing was submitted: " + e.getMessage() + " (script " + script + ")";
            context.observer().onProblem(why);
            return SlurmExecution.refused(planned, commands, context, why);
        }
    }

    /**
     * The folder that holds the job when the request has no group folder (a study's members have one,
     * {@link ExecutionContext#group()}): the sweep folder for sweep points (even one point of it), else
     * the run folder of a single run, else the folder holding every point's.
     */
    static Path recordFolder(List<RunPoint> points) {
        Path first = points.get(0).folder();
        Path parent = first.getParent();
        if (parent != null && parent.getFileName().toString().equals(SweepRecords.POINTS)
                && SweepRecords.isSweepFolder(parent.getParent())) {
            return parent.getParent();
        }
        if (points.size() == 1) {
            return first;
        }
        Path common = parent;
        for (RunPoint p : points) {
            while (common != null && !p.folder().startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }

    @Override
    public Optional<Execution> reattach(Path folder, ExecutionContext context) throws IOException {
        if (!SlurmRecord.exists(folder)) {
            return Optional.empty();
        }
        SlurmRecord record = SlurmRecord.read(folder);
        Object bin = record.settings().getOrDefault(BIN, "");
        return Optional.of(new SlurmExecution(record, new SlurmCommands(String.valueOf(bin)), context,
                context.observer()));
    }
}
