package carnot.studies;

import carnot.studies.internal.StudyRuns;

import carnot.api.analysis.AnalysisResult;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.CheckpointAnalyzer;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.runs.RunService;
import carnot.workspace.AtomicFiles;
import carnot.workspace.SampleStatistics;
import carnot.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Algorithmic stability measured by retraining (Hardt, Recht and Singer 2016, "Train faster,
 * generalize better"). For every training-set size n and pair j: the experiment trained on a
 * training set S of n examples (a {@code subsample} of the experiment's data, seed s_j) and on its
 * neighbour, S with example i replaced by a fresh test example ({@code replace-example}) or removed
 * ({@code remove-example}), with the same seed, hence the same initialization and the same
 * minibatch order (matched runs). Reported per pair: the parameter distance
 * {@code ||theta(S) - theta(S')||}, the loss change on the replaced example
 * {@code l(theta(S'); z_i) - l(theta(S); z_i)}, and the run's measured generalization gap in loss
 * (test loss - train loss). Per n: their means with standard errors. Theorem 2.2 of the paper: the
 * expected loss change on z_i (with replacement, the on-average stability) equals the expected
 * generalization gap, E[R[A(S)] - R_S[A(S)]] = E[l(A(S^(i)); z_i) - l(A(S); z_i)]; for convex,
 * L-Lipschitz, beta-smooth losses and plain SGD with step lr <= 2/beta for T steps, Theorem 3.8
 * bounds the loss change by 2 L^2 T lr / n (the parameter distance by 2 L T lr / n).
 *
 * <p>Every run is a recorded run folder ({@code runs/<name>-stab-n<n>-p<j>-{base,perturbed}}); the
 * summary goes to {@code studies/<name>-stability/<timestamp>/stability.json} and {@code .csv}.
 */
@Component(service = StabilityStudy.class)
public final class StabilityStudy {

    /** Perturbations that define the neighbouring training set. */
    public static final List<String> PERTURBATIONS = List.of("replace-example", "remove-example");

    /**
     * @param perturbation {@code replace-example} or {@code remove-example}
     * @param sizes        training-set sizes n, each at most the experiment's training set
     * @param pairs        pairs per size (different seeds, different S and i)
     */
    public record Design(String perturbation, int[] sizes, int pairs) {
        public Design {
            if (!PERTURBATIONS.contains(perturbation)) {
                throw new IllegalArgumentException("perturbation: expected one of " + String.join(", ", PERTURBATIONS)
                        + ", got '" + perturbation + "'");
            }
            if (sizes.length == 0 || java.util.Arrays.stream(sizes).anyMatch(n -> n < 2)) {
                throw new IllegalArgumentException("sizes: expected one or more sizes >= 2, got "
                        + java.util.Arrays.toString(sizes));
            }
            if (pairs < 1) {
                throw new IllegalArgumentException("pairs: expected an integer >= 1, got " + pairs);
            }
            sizes = sizes.clone();
        }
    }

    /** One matched pair. */
    public record Pair(int n, int pair, long seed, int index, int replacement, long steps, double distance,
            double lossBefore, double lossAfter, double lossChange, double trainLoss, double testLoss,
            double lossGap, double errorGap, String baseRun, String perturbedRun) {
    }

    /** Means (and standard errors, NaN for one pair: {@link SampleStatistics}) over the pairs of one n. */
    public record Summary(int n, int pairs, double distance, double distanceError, double lossChange,
            double lossChangeError, double absLossChange, double lossGap, double lossGapError, double errorGap) {
    }

    /** The whole study. */
    public record Report(Path folder, List<Pair> pairs, List<Summary> summaries) {
    }

    @Reference
    private RunService runService;

    @Reference
    private CheckpointAnalyzer analyzer;

    /** For tests outside DS. */
    public StabilityStudy() {
    }

    /**
     * Runs the study. Progress is reported per run; cancellation stops before the next run.
     *
     * @param base the experiment (its perturbations apply first, then the subsample to n)
     */
    public Report run(ExperimentSpec base, Design design, Workspace workspace, ProgressMonitor monitor,
            Consumer<String> log) throws Exception {
        List<Pair> pairs = new ArrayList<>();
        List<Summary> summaries = new ArrayList<>();
        int total = design.sizes().length * design.pairs();
        int done = 0;
        for (int n : design.sizes()) {
            List<Pair> ofSize = new ArrayList<>();
            for (int j = 0; j < design.pairs(); j++) {
                monitor.checkCancelled();
                ofSize.add(pair(base, design.perturbation(), n, j, workspace, monitor, log));
                monitor.worked("stability", ++done, total);
            }
            pairs.addAll(ofSize);
            summaries.add(summarize(n, ofSize));
        }
        Path folder = StudyRuns.studyFolder(workspace, StudyRuns.name(base, "stability"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("study", "stability");
        json.put("experiment", base.name());
        json.put("perturbation", design.perturbation());
        json.put("sizes", design.sizes());
        json.put("pairsPerSize", design.pairs());
        json.put("summaries", summaries);
        json.put("pairs", pairs);
        StudyRuns.writeJson(folder.resolve("stability.json"), json);
        StringBuilder csv = new StringBuilder(
                "n,pairs,distance,distanceStdErr,lossChange,lossChangeStdErr,absLossChange,lossGap,lossGapStdErr,errorGap\n");
        for (Summary s : summaries) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g%n", s.n(), s.pairs(),
                    s.distance(), s.distanceError(), s.lossChange(), s.lossChangeError(), s.absLossChange(), s.lossGap(),
                    s.lossGapError(), s.errorGap()));
        }
        AtomicFiles.write(folder.resolve("stability.csv"), csv.toString());
        return new Report(folder, pairs, summaries);
    }

    private Pair pair(ExperimentSpec base, String perturbation, int n, int j, Workspace workspace,
            ProgressMonitor monitor, Consumer<String> log) throws Exception {
        long seed = base.seed() + j;
        SplittableRandom random = new SplittableRandom(seed ^ 0x5851F42D4C957F2DL);
        int index = random.nextInt(n);
        ComponentSpec subsample = new ComponentSpec("subsample", Map.of("trainSize", n));
        String stem = "stab-n" + n + "-p" + j;
        StudyRuns.Member a = StudyRuns.run(runService, workspace, StudyRuns.derive(base, StudyRuns.name(base, stem + "-base"),
                seed, List.of(subsample), base.model(), List.of()), monitor, log);
        int testSize = ((Number) ((Map<?, ?>) ((Map<?, ?>) a.provenance().get("data")).get("test")).get("size"))
                .intValue();
        int replacement = perturbation.equals("replace-example") ? random.nextInt(testSize) : -1;
        ComponentSpec neighbour = perturbation.equals("replace-example")
                ? new ComponentSpec("replace-example", Map.of("index", index, "source", "test", "replacement",
                        replacement))
                : new ComponentSpec("remove-example", Map.of("index", index));
        StudyRuns.Member b = StudyRuns.run(runService, workspace, StudyRuns.derive(base,
                StudyRuns.name(base, stem + "-perturbed"), seed, List.of(subsample, neighbour), base.model(),
                List.of()), monitor, log);
        // Both parameter vectors, and both losses on z_i, evaluated on S (the base run's data).
        ComponentSpec probe = new ComponentSpec("outputs", Map.of("split", "train", "exampleIndices", List.of(index),
                "parameters", true));
        AnalysisResult onA = analyzer.analyze(a.resolved(), a.checkpointEpoch(), a.checkpoint(), probe, monitor);
        AnalysisResult onB = analyzer.analyze(a.resolved(), b.checkpointEpoch(), b.checkpoint(), probe, monitor);
        double distance = distance(onA.series().get("parameters"), onB.series().get("parameters"));
        double before = onA.series().get("loss")[0];
        double after = onB.series().get("loss")[0];
        var last = a.outcome().last();
        return new Pair(n, j, seed, index, replacement, last.step(), distance, before, after, after - before,
                last.trainLoss(), last.testLoss(), last.testLoss() - last.trainLoss(), last.generalizationGap(),
                workspace.root().relativize(a.folder()).toString(), workspace.root().relativize(b.folder()).toString());
    }

    static Summary summarize(int n, List<Pair> pairs) {
        double[] distance = pairs.stream().mapToDouble(Pair::distance).toArray();
        double[] change = pairs.stream().mapToDouble(Pair::lossChange).toArray();
        double[] abs = pairs.stream().mapToDouble(p -> Math.abs(p.lossChange())).toArray();
        double[] gap = pairs.stream().mapToDouble(Pair::lossGap).toArray();
        double[] errorGap = pairs.stream().mapToDouble(Pair::errorGap).toArray();
        SampleStatistics d = SampleStatistics.of(distance);
        SampleStatistics c = SampleStatistics.of(change);
        SampleStatistics g = SampleStatistics.of(gap);
        return new Summary(n, pairs.size(), d.mean(), d.standardError(), c.mean(), c.standardError(),
                SampleStatistics.of(abs).mean(), g.mean(), g.standardError(), SampleStatistics.of(errorGap).mean());
    }

    /** Euclidean distance of two parameter vectors, in double. */
    static double distance(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalStateException("the two runs' networks differ: " + a.length + " and " + b.length
                    + " parameters");
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }
}
