package carnot.headless.internal;

import carnot.api.component.CancelledException;
import carnot.api.component.ProgressMonitor;
import carnot.studies.MeasureStudy;
import carnot.studies.SweepLauncher;
import carnot.studies.measures.MeasureStatistics;
import carnot.studies.measures.MeasureStudyRecords;
import carnot.studies.measures.MeasureStudyResult;
import carnot.studies.measures.MeasureTable;
import carnot.studies.measures.PaperComparison;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.RunRecorder;
import carnot.workspace.SweepRecords;
import carnot.workspace.Sweeps;
import carnot.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code carnot measures}: the measure study of Jiang et al. (2020) on a sweep folder, or on a sweep
 * file whose sweep is run first ({@code carnot run}'s sweep path, continuing an unfinished sweep of
 * the same file). Prints the table of measures and writes the study folder with its report.
 */
@Command(name = "measures", description = "Which measures predict generalization (Jiang, Neyshabur, Mobahi, "
        + "Krishnan & Bengio, ICLR 2020): Kendall's tau between every recorded measure and the generalization gap, "
        + "the granulated psi per hyper-parameter axis and Psi, the conditional mutual information minimized over "
        + "conditioning sets of up to two axes, on a sweep of networks trained to a stopping criterion. Study and "
        + "report in <workspace>/studies/<name>-measures/<time>/.")
final class MeasuresCommand extends Subcommand {

    @Parameters(paramLabel = "SWEEP", description = "a sweep folder (runs/<name>/sweep-<time>) or a sweep file, "
            + "which is run first")
    Path sweep;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "workspace folder (default: $CARNOT_WORKSPACE, else the current folder)")
    Path workspace;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "when running a sweep file: N points at a time, as `carnot run --parallel` (default 1)")
    int parallel;

    @Option(names = "--fresh", description = "when running a sweep file: start a new sweep folder instead of "
            + "continuing an unfinished one")
    boolean fresh;

    @Option(names = "--resamples", paramLabel = "B", defaultValue = "1000",
            description = "bootstrap resamples of the interval of tau (default ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--bootstrap-seed", paramLabel = "S", defaultValue = "1",
            description = "seed of the bootstrap resampling (default ${DEFAULT-VALUE})")
    long bootstrapSeed;

    MeasuresCommand(CarnotCommand parent) {
        super(parent);
    }

    @Override
    int execute() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        Workspace ws = CarnotCommand.openWorkspace(workspace, err);
        if (ws == null) {
            return CarnotCommand.BAD_INPUT;
        }
        if (!Files.exists(sweep)) {
            err.println("carnot: " + sweep + ": no such file or folder");
            return CarnotCommand.BAD_INPUT;
        }
        MeasureStatistics.Options options;
        try {
            options = new MeasureStatistics.Options(resamples, 0.95, bootstrapSeed);
            if (!Files.isDirectory(sweep) && !Sweeps.isSweep(sweep)) {
                err.println("carnot: " + sweep + ": not a sweep file (no \"sweep\" object): the measure study "
                        + "compares networks across a grid of hyper-parameters");
                return CarnotCommand.BAD_INPUT;
            }
        } catch (IllegalArgumentException e) {
            err.println("carnot: --resamples: " + e.getMessage());
            return CarnotCommand.BAD_INPUT;
        } catch (ExperimentFileException e) {
            err.println("carnot: " + e.getMessage());
            return CarnotCommand.BAD_INPUT;
        }
        MeasureStudy.Report report;
        try {
            report = parent.services.get(MeasureStudy.class).run(sweep, ws, launcher(ws, out), options,
                    monitor(), line -> {
                        out.println("carnot: " + line);
                        out.flush();
                    });
        } catch (IllegalArgumentException e) {
            err.println("carnot: " + e.getMessage());
            return CarnotCommand.BAD_INPUT;
        } catch (CancelledException e) {
            err.println("carnot: measures cancelled");
            return CarnotCommand.CANCELLED;
        } catch (IllegalStateException e) {
            err.println("carnot: measures failed: " + e.getMessage());
            return CarnotCommand.RUN_FAILED;
        }
        print(report.study(), out);
        Path page;
        try {
            page = carnot.report.Reports.write(report.folder(), report.folder().resolve("report"));
        } catch (carnot.report.Reports.ReportException e) {
            err.println("carnot: " + e.getMessage());
            return CarnotCommand.INTERNAL;
        }
        out.println("carnot: report in " + page);
        out.println("carnot: results in " + report.folder());
        return CarnotCommand.OK;
    }

    private ProgressMonitor monitor() {
        return new ProgressMonitor() {
            @Override
            public void worked(String task, long done, long total) {
                // The sweep's own progress lines are printed by the run command.
            }

            @Override
            public boolean isCancelled() {
                return parent.cancelled.get();
            }
        };
    }

    /**
     * Runs a sweep file through {@code carnot run} (the sweep path every front end shares until the run
     * service takes it over) and finds the sweep folder it wrote: the folder of the same sweep under
     * {@code runs/<name>/} whose status changed since the launch.
     */
    private SweepLauncher launcher(Workspace ws, PrintWriter out) {
        return (file, monitor) -> {
            Sweeps.Plan plan;
            try {
                plan = Sweeps.read(file);
            } catch (ExperimentFileException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            FileTime launched = FileTime.fromMillis(System.currentTimeMillis() - 1000);
            List<String> args = new ArrayList<>(List.of("run", file.toString(), "--workspace", ws.root().toString(),
                    "--parallel", Integer.toString(parallel)));
            if (fresh) {
                args.add("--fresh");
            }
            CommandLine top = spec.commandLine().getParent();
            int code = top.execute(args.toArray(String[]::new));
            out.flush();
            if (code == CarnotCommand.CANCELLED || parent.cancelled.get()) {
                throw new CancelledException();
            }
            if (code != CarnotCommand.OK && code != CarnotCommand.RUN_FAILED) {
                throw new IllegalArgumentException(file + ": the sweep could not be run (exit " + code
                        + ", see above)");
            }
            return sweepFolder(ws, plan, launched);
        };
    }

    /** The folder of {@code plan} under {@code runs/<name>/} whose status was written after {@code since}. */
    static Path sweepFolder(Workspace ws, Sweeps.Plan plan, FileTime since) throws IOException {
        Path experiment = ws.inside(ws.runsFolder().resolve(plan.name()));
        Path newest = null;
        FileTime newestTime = since;
        try (Stream<Path> children = Files.list(experiment)) {
            for (Path candidate : children.filter(p -> Files.isRegularFile(p.resolve(SweepRecords.SWEEP))).toList()) {
                Path status = candidate.resolve(RunRecorder.STATUS);
                if (sameSweep(candidate, plan) && Files.exists(status)
                        && Files.getLastModifiedTime(status).compareTo(newestTime) >= 0) {
                    newest = candidate;
                    newestTime = Files.getLastModifiedTime(status);
                }
            }
        }
        if (newest == null) {
            throw new IllegalStateException("the sweep of " + plan.file() + " left no sweep folder under " + experiment);
        }
        return newest;
    }

    private static boolean sameSweep(Path folder, Sweeps.Plan plan) {
        try {
            return Sweeps.read(folder.resolve(SweepRecords.SWEEP)).fingerprint().equals(plan.fingerprint());
        } catch (ExperimentFileException e) {
            return false;
        }
    }

    /** The table, sorted by tau, and the paper's findings beside it. */
    static void print(MeasureStudyResult study, PrintWriter out) {
        MeasureTable table = study.table();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-44s %7s %17s %7s", "measure",
                "tau", "95% bootstrap", "Psi"));
        table.axes().forEach(a -> header.append(String.format(Locale.ROOT, " %9s", clip("psi " + a.name(), 9))));
        header.append(String.format(Locale.ROOT, " %7s  %s", "CMI K", "K given"));
        out.println("carnot: " + table.runs().size() + " runs trained to " + table.stopping() + "; measures sorted "
                + "by tau with the gap (a complexity should rise with the gap: margins and sigma enter inverted)");
        out.println(header);
        for (MeasureStatistics s : study.statistics()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-44s %7s   [%6s, %6s] %7s",
                    clip((s.sign() < 0 ? "-" : "") + s.measure(), 44), fmt(s.tau()), fmt(s.tauLower()),
                    fmt(s.tauUpper()), fmt(s.overallPsi())));
            for (double psi : s.psi()) {
                row.append(String.format(Locale.ROOT, " %9s", fmt(psi)));
            }
            row.append(String.format(Locale.ROOT, " %7s  %s", fmt(s.robustCmi()),
                    s.robustCmiGiven().isEmpty() ? "(none)" : String.join(",", s.robustCmiGiven())));
            out.println(row);
        }
        if (!study.paper().isEmpty()) {
            out.println("carnot: beside Jiang et al. (2020):");
            for (PaperComparison p : study.paper()) {
                MeasureStatistics s = study.statistics(p.measure());
                out.println(String.format(Locale.ROOT, "  %-44s tau %6s, Psi %6s, K %6s | theirs: %s: %s",
                        clip(p.measure(), 44), fmt(s.tau()), fmt(s.overallPsi()), fmt(s.robustCmi()), p.paperMeasure(),
                        p.finding()));
            }
        }
        if (!table.excludedRuns().isEmpty()) {
            out.println("carnot: " + table.excludedRuns().size() + " runs left out, e.g. "
                    + table.excludedRuns().get(0).folder() + ": " + table.excludedRuns().get(0).reason());
        }
        out.println("carnot: table in " + MeasureStudyRecords.STATISTICS_CSV + " and " + MeasureStudyRecords.RUNS_CSV);
        out.flush();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
