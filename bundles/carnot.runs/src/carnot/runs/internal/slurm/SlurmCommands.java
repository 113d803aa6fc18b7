package carnot.runs.internal.slurm;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The SLURM client commands ({@code sbatch}, {@code scontrol}, {@code scancel}) as this executor
 * uses them, from a folder of the settings or the {@code PATH}. Only what SLURM's own controller
 * answers is used: no {@code sacct} (it needs the accounting daemon, which many clusters restrict).
 */
final class SlurmCommands {

    /** Job states after which a task runs no more unless someone requeues it (squeue(1), JOB STATE CODES). */
    static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL",
            "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED", "REVOKED", "SPECIAL_EXIT");

    private static final long TIMEOUT_SECONDS = 60;

    /**
     * Job states in which SLURM itself ended a task that had not finished its work (squeue(1), JOB
     * STATE CODES): a time limit, preemption, the memory limit, a lost node, {@code scancel}. The
     * point did not fail: its process was stopped (SIGTERM, then SIGKILL after KillWait), and it
     * continues from its last saved epoch when it is run again.
     */
    static final Set<String> STOPPED_BY_SCHEDULER = Set.of("CANCELLED", "TIMEOUT", "PREEMPTED", "OUT_OF_MEMORY",
            "NODE_FAIL", "BOOT_FAIL", "DEADLINE");

    /** One array task as the controller reports it; {@code node} is where it runs or ran, if known. */
    record Task(int index, String state, String reason, String exitCode, int restarts, String node) {

        boolean ended() {
            return ENDED.contains(state);
        }

        /** Whether SLURM stopped it before its point ended ({@link #STOPPED_BY_SCHEDULER}). */
        boolean stoppedByScheduler() {
            return STOPPED_BY_SCHEDULER.contains(state);
        }

        /**
         * For listings, e.g. {@code PENDING (BeginTime), restart 1}, {@code RUNNING on node1} or
         * {@code FAILED exit 1:0}.
         */
        String describe() {
            StringBuilder text = new StringBuilder(state);
            if (!reason.isEmpty() && !reason.equals("None")) {
                text.append(" (").append(reason).append(')');
            }
            if (state.equals("RUNNING") && !node.isEmpty() && !node.equals("(null)")) {
                text.append(" on ").append(node);
            }
            if (ended() && !exitCode.isEmpty() && !exitCode.equals("0:0")) {
                text.append(" exit ").append(exitCode);
            }
            if (restarts > 0) {
                text.append(", restart ").append(restarts);
            }
            return text.toString();
        }
    }

    /** What a command printed and how it ended. */
    record Result(int code, String out, String err) {
        String problem() {
            String text = (err.isBlank() ? out : err).strip();
            return text.isEmpty() ? "exit " + code : text.replace('\n', ' ');
        }
    }

    private final String bin;

    /** @param bin the folder of the SLURM commands; empty: the {@code PATH} */
    SlurmCommands(String bin) {
        this.bin = bin;
    }

    /** The command's file, if it is there and executable. */
    Optional<Path> find(String name) {
        if (!bin.isEmpty()) {
            Path file = Path.of(bin, name);
            return Files.isExecutable(file) ? Optional.of(file) : Optional.empty();
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    /** Runs {@code name args...}; an absent command is an IOException naming where it was looked for. */
    Result run(String name, String... args) throws IOException {
        Path command = find(name).orElseThrow(() -> new IOException("no " + name + " "
                + (bin.isEmpty() ? "on the PATH" : "in " + bin) + ": is this a SLURM submit host?"));
        List<String> line = new ArrayList<>();
        line.add(command.toString());
        line.addAll(List.of(args));
        Process process = new ProcessBuilder(line).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(name + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(name + " interrupted", e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /**
     * Submits a batch script and returns the job id.
     *
     * @param output the tasks' log pattern ({@code %A_%a}), on the command line since it may hold spaces
     *
     * @throws IOException with sbatch's own message (an unknown partition, an unreachable controller)
     */
    String submit(Path script, Path output) throws IOException {
        Result result = run("sbatch", "--parsable", "--output=" + output, script.toString());
        String id = result.out().strip().split(";", 2)[0];
        if (result.code() != 0 || !id.matches("\\d+")) {
            throw new IOException("sbatch refused " + script + ": " + result.problem());
        }
        return id;
    }

    /**
     * Every array task of the job as the controller reports it ({@code scontrol -o show job}); a
     * pending range such as {@code 2-3%2} stands for each of its tasks.
     *
     * @return empty if the controller no longer knows the job (it forgets ended jobs after MinJobAge)
     * @throws IOException if the controller cannot be asked
     */
    Optional<Map<Integer, Task>> tasks(String job) throws IOException {
        Result result = run("scontrol", "-o", "show", "job", job);
        if (result.code() != 0) {
            if (result.problem().toLowerCase(Locale.ROOT).contains("invalid job id")) {
                return Optional.empty();
            }
            throw new IOException("scontrol show job " + job + ": " + result.problem());
        }
        Map<Integer, Task> tasks = new HashMap<>();
        for (String line : result.out().split("\n")) {
            Map<String, String> fields = fields(line);
            String ids = fields.get("ArrayTaskId");
            if (ids == null) {
                continue;
            }
            int restarts = fields.getOrDefault("Restarts", "0").matches("\\d+")
                    ? Integer.parseInt(fields.get("Restarts")) : 0;
            for (int index : expand(ids)) {
                tasks.put(index, new Task(index, fields.getOrDefault("JobState", "UNKNOWN"),
                        fields.getOrDefault("Reason", ""), fields.getOrDefault("ExitCode", ""), restarts,
                        fields.getOrDefault("BatchHost", fields.getOrDefault("NodeList", ""))));
            }
        }
        return Optional.of(tasks);
    }

    /** {@code Key=Value} pairs of one line of {@code scontrol -o}. */
    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String token : line.strip().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return fields;
    }

    /** The task ids of {@code 0-3%2}, {@code 1,3}, {@code 5}. */
    static List<Integer> expand(String ids) {
        List<Integer> list = new ArrayList<>();
        String body = ids.split("%", 2)[0];
        for (String part : body.split(",")) {
            if (part.matches("\\d+")) {
                list.add(Integer.parseInt(part));
            } else if (part.matches("\\d+-\\d+")) {
                String[] ends = part.split("-");
                for (int i = Integer.parseInt(ends[0]); i <= Integer.parseInt(ends[1]); i++) {
                    list.add(i);
                }
            }
        }
        return list;
    }

    /** Cancels the job's tasks that have not ended ({@code scancel}: SIGTERM, then SIGKILL after KillWait). */
    void cancel(String job) throws IOException {
        Result result = run("scancel", job);
        if (result.code() != 0) {
            throw new IOException("scancel " + job + ": " + result.problem());
        }
    }

    /**
     * Why a job cannot be submitted here, checked before anything is written: no controller answers,
     * or the partition does not exist.
     *
     * @return empty if both are fine
     */
    Optional<String> unusable(String partition) throws IOException {
        Result ping = run("scontrol", "ping");
        if (ping.code() != 0 || !ping.out().contains("UP")) {
            return Optional.of("the SLURM controller does not answer (scontrol ping: " + ping.problem() + ")");
        }
        if (!partition.isEmpty()) {
            Result part = run("scontrol", "show", "partition", partition);
            if (part.code() != 0) {
                return Optional.of("partition '" + partition + "': " + part.problem());
            }
        }
        return Optional.empty();
    }
}
