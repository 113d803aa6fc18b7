package carnot.headless.internal;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.PreparedRun;
import carnot.studies.BiasVarianceStudy;
import carnot.studies.StabilityStudy;
import carnot.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carnot stability} and {@code carnot bias-variance}: studies over families of runs. */
final class StudyCommands {

    private StudyCommands() {
    }

    /**
     * Reads and validates the base experiment (all components, settings and data) as {@code carnot run}
     * does; its resolved form (every default filled in), or null after an error was printed.
     */
    private static ExperimentSpec read(CarnotCommand parent, Path file, Long seed, PrintWriter err) {
        try (PreparedRun prepared = parent.prepare(file, seed, err)) {
            return prepared == null ? null : prepared.resolvedSpec();
        }
    }

    /** Prints each progress line of a study as it comes. */
    private static java.util.function.Consumer<String> lines(PrintWriter out) {
        return line -> {
            out.println("carnot: " + line);
            out.flush();
        };
    }

    private static ProgressMonitor monitor(CarnotCommand parent, PrintWriter out) {
        return new ProgressMonitor() {
            @Override
            public void worked(String task, long done, long total) {
                if (task.equals("stability") || task.equals("bias-variance")) {
                    out.println("carnot: " + task + " " + done + "/" + total);
                    out.flush();
                }
            }

            @Override
            public boolean isCancelled() {
                return parent.cancelled.get();
            }
        };
    }

    abstract static class StudyCommand extends Subcommand {

        @Parameters(paramLabel = "EXPERIMENT", description = "the base experiment file (JSON)")
        Path file;

        @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
                description = "workspace folder (default: $CARNOT_WORKSPACE, else the current folder)")
        Path workspace;

        @Option(names = "--seed", description = "override the experiment's seed")
        Long seed;

        StudyCommand(CarnotCommand parent) {
            super(parent);
        }

        abstract String name();

        abstract Path study(ExperimentSpec experiment, Workspace ws, ProgressMonitor monitor, PrintWriter out)
                throws Exception;

        @Override
        int execute() throws Exception {
            PrintWriter out = out();
            PrintWriter err = err();
            Workspace ws = CarnotCommand.openWorkspace(workspace, err);
            if (ws == null) {
                return CarnotCommand.BAD_INPUT;
            }
            ExperimentSpec experiment = read(parent, file, seed, err);
            if (experiment == null) {
                return CarnotCommand.BAD_INPUT;
            }
            Path folder;
            try {
                folder = study(experiment, ws, monitor(parent, out), out);
            } catch (IllegalArgumentException e) {
                err.println("carnot: " + file + ": " + e.getMessage());
                return CarnotCommand.BAD_INPUT;
            } catch (InvalidExperimentException e) {
                err.println("carnot: " + file + ": " + e.getMessage());
                return CarnotCommand.BAD_INPUT;
            } catch (carnot.api.component.CancelledException e) {
                err.println("carnot: " + name() + " cancelled");
                return CarnotCommand.CANCELLED;
            } catch (IllegalStateException e) {
                err.println("carnot: " + name() + " failed: " + e.getMessage());
                return CarnotCommand.RUN_FAILED;
            }
            out.println("carnot: results in " + folder);
            return CarnotCommand.OK;
        }
    }

    @Command(name = "stability", description = "Replace-one or leave-one-out retraining with matched seeds and "
            + "minibatch orders (Hardt, Recht & Singer 2016): parameter distance, loss change on the changed example "
            + "and the generalization gap as n grows; summary in <workspace>/studies/.")
    static final class Stability extends StudyCommand {

        @Option(names = "--sizes", split = ",", paramLabel = "N,N,...", description = "training-set sizes "
                + "(default: ${DEFAULT-VALUE})", defaultValue = "100,200,400")
        int[] sizes;

        @Option(names = "--pairs", paramLabel = "K", description = "matched pairs per size (default: ${DEFAULT-VALUE})",
                defaultValue = "3")
        int pairs;

        @Option(names = "--perturbation", paramLabel = "ID", description = "replace-example or remove-example "
                + "(default: ${DEFAULT-VALUE})", defaultValue = "replace-example")
        String perturbation;

        Stability(CarnotCommand parent) {
            super(parent);
        }

        @Override
        String name() {
            return "stability";
        }

        @Override
        Path study(ExperimentSpec experiment, Workspace ws, ProgressMonitor monitor, PrintWriter out) throws Exception {
            StabilityStudy.Design design = new StabilityStudy.Design(perturbation, sizes, pairs);
            StabilityStudy.Report report = parent.services.get(StabilityStudy.class).run(experiment, design, ws, monitor,
                    lines(out));
            for (StabilityStudy.Summary s : report.summaries()) {
                out.println(String.format(Locale.ROOT,
                        "carnot: n %d: distance %.4g, loss change on z_i %.4g (|.| %.4g), loss gap %.4g, error gap %.4f",
                        s.n(), s.distance(), s.lossChange(), s.absLossChange(), s.lossGap(), s.errorGap()));
            }
            return report.folder();
        }
    }

    @Command(name = "bias-variance", description = "Bias-variance decomposition (squared loss and Domingos' 0-1) of "
            + "the test error over resampled training sets, as the width grows; summary in <workspace>/studies/.")
    static final class BiasVariance extends StudyCommand {

        @Option(names = "--widths", split = ",", paramLabel = "W,W,...", description = "model widths "
                + "(default: ${DEFAULT-VALUE})", defaultValue = "4,16,64")
        int[] widths;

        @Option(names = "--draws", paramLabel = "K", description = "training sets per width (default: ${DEFAULT-VALUE})",
                defaultValue = "4")
        int draws;

        @Option(names = "--train-size", paramLabel = "N", description = "examples per training set "
                + "(default: ${DEFAULT-VALUE})", defaultValue = "500")
        int trainSize;

        @Option(names = "--bootstrap", description = "draw training sets with replacement")
        boolean bootstrap;

        @Option(names = "--width-setting", paramLabel = "KEY", description = "the model setting that sets the width "
                + "(default: ${DEFAULT-VALUE})", defaultValue = "hidden")
        String widthSetting;

        BiasVariance(CarnotCommand parent) {
            super(parent);
        }

        @Override
        String name() {
            return "bias-variance";
        }

        @Override
        Path study(ExperimentSpec experiment, Workspace ws, ProgressMonitor monitor, PrintWriter out) throws Exception {
            BiasVarianceStudy.Design design = new BiasVarianceStudy.Design(widths, draws, trainSize, bootstrap,
                    widthSetting);
            return parent.services.get(BiasVarianceStudy.class).run(experiment, design, ws, monitor, lines(out)).folder();
        }
    }
}
