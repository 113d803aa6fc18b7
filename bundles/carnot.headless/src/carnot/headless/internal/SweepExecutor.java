package carnot.headless.internal;

import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.InvalidSettingsException;
import carnot.api.component.Provider;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.workspace.FolderLock;
import carnot.workspace.RunRecords;
import carnot.workspace.SweepRecords;
import carnot.workspace.Sweeps;
import carnot.workspace.Workspace;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every point of a sweep, each as its own run folder inside the sweep folder, and writes the
 * summary over seeds. With {@code --parallel 1} the points run one after another in this process;
 * with N > 1 each point runs in a {@code carnot run} process of its own (DJL allows one gradient
 * collector per process, and separate processes keep libtorch's thread pools apart), N at a time,
 * each with {@code CARNOT_THREADS / N} libtorch threads. A point process watches this process and
 * cancels itself (recording where it stopped) when this one disappears, even after a kill -9, so
 * the next {@code carnot run} of the same file finds the sweep folder unlocked and continues it.
 */
final class SweepExecutor {

    /** Runs one point in this process. */
    interface InProcessPoint {
        /** @return the exit code of a {@code carnot run} of that point */
        int run(ExperimentSpec spec, Path folder);
    }

    private final ComponentRegistry registry;
    private final AtomicBoolean cancelled;
    private final PrintWriter out;
    private final PrintWriter err;

    SweepExecutor(ComponentRegistry registry, AtomicBoolean cancelled, PrintWriter out, PrintWriter err) {
        this.registry = registry;
        this.cancelled = cancelled;
        this.out = out;
        this.err = err;
    }

    /**
     * Checks that every point names installed components with valid settings (the data is loaded
     * by each point's run).
     *
     * @return an error message naming the point and field, or null
     */
    String validate(Sweeps.Plan plan) {
        for (Sweeps.Point point : plan.points()) {
            String problem = validate(point.spec());
            if (problem != null) {
                return plan.file() + ": " + (point.values().isEmpty() ? "" : "sweep point " + point.label() + ": ")
                        + problem;
            }
        }
        return null;
    }

    private String validate(ExperimentSpec spec) {
        List<Object[]> components = new ArrayList<>();
        components.add(new Object[] {ComponentKind.DATASET, spec.dataset(), "dataset"});
        for (int i = 0; i < spec.perturbations().size(); i++) {
            components.add(new Object[] {ComponentKind.PERTURBATION, spec.perturbations().get(i), "perturbations[" + i + "]"});
        }
        components.add(new Object[] {ComponentKind.ARCHITECTURE, spec.model(), "model"});
        components.add(new Object[] {ComponentKind.OPTIMIZER, spec.optimizer(), "optimizer"});
        components.add(new Object[] {ComponentKind.LOSS, spec.loss(), "loss"});
        for (int i = 0; i < spec.regularizers().size(); i++) {
            components.add(new Object[] {ComponentKind.REGULARIZER, spec.regularizers().get(i), "regularizers[" + i + "]"});
        }
        for (int i = 0; i < spec.analyses().size(); i++) {
            AnalysisSpec a = spec.analyses().get(i);
            components.add(new Object[] {ComponentKind.ANALYSIS, new ComponentSpec(a.id(), a.settings()), "analyses[" + i + "]"});
        }
        for (Object[] c : components) {
            ComponentKind kind = (ComponentKind) c[0];
            ComponentSpec component = (ComponentSpec) c[1];
            String field = (String) c[2];
            Provider provider = registry.find(kind, component.id(), Provider.class).orElse(null);
            if (provider == null) {
                List<String> installed = registry.ids(kind);
                return field + ".id: unknown " + kind.label() + " '" + component.id() + "'; installed: "
                        + (installed.isEmpty() ? "(none)" : String.join(", ", installed));
            }
            try {
                provider.settingsSchema().validate(component.settings(), field + ".settings");
            } catch (InvalidSettingsException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    /**
     * Runs the sweep's unfinished points and writes the summary.
     *
     * @param launcher the {@code carnot} launcher script for point processes (null: in this process)
     * @return the exit code: 0 when every point completed
     */
    int execute(Workspace workspace, Sweeps.Plan plan, int parallel, boolean fresh, Path launcher,
            InProcessPoint inProcess) throws IOException {
        Path folder = SweepRecords.folderFor(workspace, plan, fresh);
        try (FolderLock lock = FolderLock.acquire(folder)) {
            List<Sweeps.Point> pending = new ArrayList<>();
            for (Sweeps.Point point : plan.points()) {
                Path pointFolder = SweepRecords.pointFolder(folder, point);
                if (!SweepRecords.pointCompleted(pointFolder)) {
                    pending.add(point);
                }
            }
            int total = plan.points().size();
            out.println(String.format(Locale.ROOT, "carnot: sweep %s: %d points (%d cells x %d seeds), %d to run, %s",
                    plan.name(), total, plan.cells(), plan.seeds().size(), pending.size(),
                    launcher == null ? "in this process" : parallel + " processes at a time"));
            out.println("carnot: sweep folder " + folder);
            out.flush();
            SweepRecords.writeStatus(folder, "running", total, total - pending.size(), 0, "");
            AtomicInteger done = new AtomicInteger(total - pending.size());
            AtomicInteger failed = new AtomicInteger();
            if (launcher == null) {
                for (Sweeps.Point point : pending) {
                    if (cancelled.get()) {
                        break;
                    }
                    Path pointFolder = SweepRecords.pointFolder(folder, point);
                    int code = inProcess.run(point.spec(), pointFolder);
                    finished(point, pointFolder, code, done, failed, total);
                }
            } else {
                runInProcesses(folder, pending, parallel, launcher, workspace, done, failed, total);
            }
            List<SweepRecords.Cell> cells = SweepRecords.writeSummary(folder, plan);
            printSummary(plan, cells);
            String status;
            int code;
            if (cancelled.get()) {
                status = "cancelled";
                code = CarnotCommand.CANCELLED;
            } else if (failed.get() > 0 || done.get() < total) {
                status = "failed";
                code = CarnotCommand.RUN_FAILED;
            } else {
                status = "completed";
                code = CarnotCommand.OK;
            }
            SweepRecords.writeStatus(folder, status, total, done.get(), failed.get(),
                    failed.get() > 0 ? failed.get() + " point(s) failed; see their run.log / console.log" : "");
            out.println("carnot: sweep " + status + ": " + done.get() + " of " + total + " points completed");
            out.println("carnot: summary in " + folder.resolve(SweepRecords.SUMMARY_CSV));
            out.println("carnot: results in " + folder);
            out.flush();
            return code;
        }
    }

    private void runInProcesses(Path folder, List<Sweeps.Point> pending, int parallel, Path launcher,
            Workspace workspace, AtomicInteger done, AtomicInteger failed, int total) {
        ConcurrentLinkedQueue<Sweeps.Point> queue = new ConcurrentLinkedQueue<>(pending);
        int threads = threadsPerProcess(parallel);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(parallel, pending.size()); w++) {
            Thread worker = new Thread(() -> {
                Sweeps.Point point;
                while (!cancelled.get() && (point = queue.poll()) != null) {
                    try {
                        Path pointFolder = SweepRecords.pointFolder(folder, point);
                        int code = runProcess(launcher, workspace, pointFolder, threads);
                        finished(point, pointFolder, code, done, failed, total);
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        line("carnot: point " + point.folder() + " could not start: " + e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "carnot-sweep-worker-" + w);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled.set(true);
            }
        }
    }

    private int runProcess(Path launcher, Workspace workspace, Path pointFolder, int threads)
            throws IOException, InterruptedException {
        List<String> command = List.of(launcher.toString(), "run", pointFolder.resolve(SweepRecords.POINT).toString(),
                "--into", pointFolder.toString(), "--quiet", "--workspace", workspace.root().toString(),
                "--parent", Long.toString(ProcessHandle.current().pid()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CARNOT_THREADS", Integer.toString(threads));
        builder.environment().put("CARNOT_WORKSPACE", workspace.root().toString());
        builder.environment().putIfAbsent("CARNOT_HEAP", "4g");
        builder.redirectErrorStream(true);
        File log = pointFolder.resolve("console.log").toFile();
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        while (!process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (cancelled.get()) {
                // SIGTERM: the point's shutdown hook cancels its run and records where it stopped.
                process.destroy();
                process.waitFor();
                break;
            }
        }
        return process.exitValue();
    }

    /** libtorch threads per point process: the budget (CARNOT_THREADS, else the cores) split N ways. */
    static int threadsPerProcess(int parallel) {
        int budget = Runtime.getRuntime().availableProcessors();
        String env = System.getenv("CARNOT_THREADS");
        if (env != null && env.matches("\\d+")) {
            budget = Integer.parseInt(env);
        }
        return Math.max(1, budget / Math.max(1, parallel));
    }

    private void finished(Sweeps.Point point, Path pointFolder, int code, AtomicInteger done, AtomicInteger failed,
            int total) {
        String text;
        try {
            if (SweepRecords.pointCompleted(pointFolder)) {
                int n = done.incrementAndGet();
                SweepRecords.PointResult result = SweepRecords.pointResult(pointFolder.getParent().getParent(), point);
                text = String.format(Locale.ROOT, "[%d/%d] %s seed %d: completed after %.0f epochs: train error %.4f, "
                        + "test error %.4f", n, total, point.label(), point.seed(), result.finals().get("epochs"),
                        result.finals().get("trainError"), result.finals().get("testError"));
            } else {
                RunRecords.Status status = java.nio.file.Files.exists(pointFolder.resolve("status.json"))
                        ? RunRecords.status(pointFolder) : null;
                if (code == CarnotCommand.CANCELLED || cancelled.get()) {
                    text = point.label() + " seed " + point.seed() + ": cancelled"
                            + (status == null ? "" : " after " + status.epochsCompleted() + " epochs");
                } else {
                    failed.incrementAndGet();
                    text = point.label() + " seed " + point.seed() + ": failed (exit " + code + ")"
                            + (status == null ? "" : ": " + status.message()) + "; see " + pointFolder;
                }
            }
        } catch (IOException e) {
            failed.incrementAndGet();
            text = point.label() + " seed " + point.seed() + ": cannot read its results: " + e.getMessage();
        }
        line("carnot: " + text);
    }

    private void printSummary(Sweeps.Plan plan, List<SweepRecords.Cell> cells) {
        if (plan.axes().isEmpty() && plan.seeds().size() == 1) {
            return;
        }
        out.println("carnot: final errors over seeds (mean +- sample std):");
        for (SweepRecords.Cell cell : cells) {
            SweepRecords.Spread train = cell.metrics().get("trainError");
            SweepRecords.Spread test = cell.metrics().get("testError");
            String label = cell.points().get(0).point().label();
            if (train == null || test == null) {
                out.println(String.format(Locale.ROOT, "  %-40s no completed point", label));
            } else {
                out.println(String.format(Locale.ROOT, "  %-40s train %.4f +- %.4f   test %.4f +- %.4f   (%d seeds)",
                        label, train.mean(), train.std(), test.mean(), test.std(), test.n()));
            }
        }
        out.flush();
    }

    private synchronized void line(String text) {
        out.println(text);
        out.flush();
    }

    /** A point process: cancel when the sweep process that started it is gone. */
    static void watchParent(long pid, AtomicBoolean cancelled) {
        Thread watcher = new Thread(() -> {
            while (!cancelled.get()) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                } else {
                    cancelled.set(true);
                }
            }
        }, "carnot-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The launcher script ({@code carnot} exports it as CARNOT_LAUNCHER), or null when started otherwise. */
    static Path launcher() {
        String env = System.getenv("CARNOT_LAUNCHER");
        return env == null || env.isBlank() ? null : Path.of(env);
    }
}
