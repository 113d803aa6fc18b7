package carnot.runs.internal.slurm;

import carnot.api.component.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The batch script of one array job: task {@code i} runs point {@code i} with the installed
 * launcher, as the {@code local} executor's child processes do ({@code carnot run POINT.json --into
 * FOLDER}), with {@code CARNOT_THREADS} = the CPUs of the task. A task of a sweep then asks
 * {@code carnot status} about the sweep folder, so the last point to end writes the sweep's summary.
 */
public final class SlurmJobScript {

    private SlurmJobScript() {
    }

    /**
     * @param name      job name (the experiment's)
     * @param folder    the run or sweep folder the job belongs to (its {@code slurm/} holds script and logs)
     * @param commands  the command line of each point, task {@code i} running {@code commands.get(i)}
     * @param settle    the command a task runs after its point (a sweep's {@code carnot status}), if any
     * @param memory    what each task asks for ({@code --mem}) and its Java heap ({@code CARNOT_HEAP})
     */
    public static String write(String name, Path folder, List<List<String>> commands, Optional<List<String>> settle,
            Settings settings, SlurmMemory memory) {
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("# Written by Carnot's slurm executor; array task i runs point i of ../" + carnot.api.runs.Executor.RECORD
                + ".");
        int throttle = settings.getInt(SlurmExecutor.THROTTLE);
        lines.add("#SBATCH --job-name=" + ("carnot-" + name).replaceAll("[^A-Za-z0-9._-]", "_"));
        lines.add("#SBATCH --array=0-" + (commands.size() - 1) + (throttle > 0 ? "%" + throttle : ""));
        // --output is given on sbatch's command line (SlurmCommands.submit): a directive cannot hold a space.
        lines.add("#SBATCH --open-mode=append");
        lines.add("#SBATCH --cpus-per-task=" + settings.getInt(SlurmExecutor.CPUS));
        // memory.why() in words: where the figure comes from (the memory estimate, the setting).
        lines.add("# memory: " + memory.why().replace('\n', ' '));
        option(lines, "--mem", memory.request());
        option(lines, "--time", settings.getString(SlurmExecutor.TIME));
        option(lines, "--partition", settings.getString(SlurmExecutor.PARTITION));
        option(lines, "--account", settings.getString(SlurmExecutor.ACCOUNT));
        option(lines, "--gres", settings.getString(SlurmExecutor.GRES));
        // A preempted or requeued task starts again and continues its point from the last saved epoch.
        lines.add(settings.getBoolean(SlurmExecutor.REQUEUE) ? "#SBATCH --requeue" : "#SBATCH --no-requeue");
        for (String extra : SlurmExecutor.extraLines(settings)) {
            lines.add("#SBATCH " + extra);
        }
        lines.add("set -u");
        lines.add("export CARNOT_THREADS=" + settings.getInt(SlurmExecutor.CPUS));
        lines.add("export CARNOT_HEAP=" + memory.heap());
        lines.add("case \"${SLURM_ARRAY_TASK_ID:?not a SLURM array task}\" in");
        for (int task = 0; task < commands.size(); task++) {
            lines.add("  " + task + ") point=(" + quoted(commands.get(task)) + ") ;;");
        }
        lines.add("  *) echo \"carnot: no point for array task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;");
        lines.add("esac");
        lines.add("echo \"carnot: job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} on $(hostname), start "
                + "$((${SLURM_RESTART_COUNT:-0} + 1)) (a restart continues from the last saved epoch)\"");
        lines.add("\"${point[@]}\"");
        lines.add("code=$?");
        settle.ifPresent(command -> lines.add(quoted(command) + " > /dev/null 2>&1 || true"));
        lines.add("exit $code");
        return String.join("\n", lines) + "\n";
    }

    private static void option(List<String> lines, String option, String value) {
        if (!value.isEmpty()) {
            lines.add("#SBATCH " + option + "=" + value);
        }
    }

    /**
     * The Java heap of a point process in a task of {@code memory} (SLURM's {@code --mem}, megabytes
     * unless suffixed): two thirds of it, the rest left to libtorch's native tensors and the JVM; 4g
     * when the cluster's default applies.
     */
    public static String heap(String memory) {
        if (memory.isEmpty()) {
            return "4g";
        }
        long megabytes = megabytes(memory);
        return Math.max(256, megabytes * 2 / 3) + "m";
    }

    /** SLURM's memory figure ({@code 4096}, {@code 4G}, {@code 512M}) in megabytes. */
    public static long megabytes(String memory) {
        String upper = memory.toUpperCase(Locale.ROOT);
        char last = upper.charAt(upper.length() - 1);
        boolean suffixed = Character.isLetter(last);
        long value = Long.parseLong(suffixed ? upper.substring(0, upper.length() - 1) : upper);
        char unit = suffixed ? last : 'M';
        return switch (unit) {
            case 'K' -> Math.max(1, value / 1024);
            case 'G' -> value * 1024;
            case 'T' -> value * 1024 * 1024;
            default -> value;
        };
    }

    /** Words for bash, each in single quotes. */
    static String quoted(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String word : words) {
            out.add("'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", out);
    }
}
