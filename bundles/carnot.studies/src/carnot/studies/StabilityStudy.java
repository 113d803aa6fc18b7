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
     * Runs the study: its runs through the run service as one execution (one array job on a cluster;
     * two for replace-example, whose replacement is drawn from the base run's test set), then the pairs
     * compared. Progress is reported as runs end; cancellation stops the runs.
     *
     * @param base the experiment (its perturbations apply first, then the subsample to n)
     */
    public Report run(ExperimentSpec base, Design design, Workspace workspace, ProgressMonitor monitor,
            Consumer<String> log) throws Exception {
        List<Planned> planned = new ArrayList<>();
        for (int n : design.sizes()) {
            for (int j = 0; j < design.pairs(); j++) {
                planned.add(plan(base, n, j));
            }
        }
        monitor.checkCancelled();
        Path folder = StudyRuns.studyFolder(workspace, StudyRuns.name(base, "stability"));
        List<StudyRuns.Member> bases;
        List<StudyRuns.Member> perturbed;
        if (design.perturbation().equals("replace-example")) {
            // The replacement is drawn from the base run's test set, whose size only its data tells:
            // the base runs as one execution (one array job on a cluster), then their neighbours as another.
            bases = StudyRuns.runAll(runService, workspace, folder.resolve("base"),
                    planned.stream().map(Planned::baseSpec).toList(), monitor, "stability", log);
            for (int k = 0; k < planned.size(); k++) {
                Map<?, ?> data = (Map<?, ?>) bases.get(k).provenance().get("data");
                int testSize = ((Number) ((Map<?, ?>) data.get("test")).get("size")).intValue();
                planned.set(k, planned.get(k).replacing(base, testSize));
            }
            perturbed = StudyRuns.runAll(runService, workspace, folder.resolve("perturbed"),
                    planned.stream().map(Planned::perturbedSpec).toList(), monitor, "stability", log);
        } else {
            // Every base run and its neighbour as one execution (one array job on a cluster).
            List<ExperimentSpec> specs = new ArrayList<>();
            planned.forEach(p -> specs.add(p.baseSpec()));
            planned.forEach(p -> specs.add(p.perturbedSpec()));
            List<StudyRuns.Member> members = StudyRuns.runAll(runService, workspace, folder, specs, monitor,
                    "stability", log);
            bases = members.subList(0, planned.size());
            perturbed = members.subList(planned.size(), members.size());
        }
        List<Pair> pairs = new ArrayList<>();
        List<Summary> summaries = new ArrayList<>();
        int k = 0;
        for (int n : design.sizes()) {
            List<Pair> ofSize = new ArrayList<>();
            for (int j = 0; j < design.pairs(); j++, k++) {
                monitor.checkCancelled();
                ofSize.add(pair(planned.get(k), bases.get(k), perturbed.get(k), workspace, monitor));
            }
            pairs.addAll(ofSize);
            summaries.add(summarize(n, ofSize));
        }
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

    /**
     * One pair before it runs: its seed, the example i it changes, the replacement (-1 until the base
     * run's test-set size is known, or for remove-example) and both experiments.
     */
    private record Planned(int n, int pair, long seed, SplittableRandom random, int index, int replacement,
            ExperimentSpec baseSpec, ExperimentSpec perturbedSpec) {

        /** The pair with its replacement drawn from a test set of {@code testSize} examples. */
        Planned replacing(ExperimentSpec base, int testSize) {
            int drawn = random.nextInt(testSize);
            ComponentSpec neighbour = new ComponentSpec("replace-example", Map.of("index", index, "source", "test",
                    "replacement", drawn));
            return new Planned(n, pair, seed, random, index, drawn, baseSpec, StudyRuns.derive(base,
                    StudyRuns.name(base, stem(n, pair) + "-perturbed"), seed, List.of(subsample(n), neighbour),
                    base.model(), List.of()));
        }
    }

    private static String stem(int n, int j) {
        return "stab-n" + n + "-p" + j;
    }

    private static ComponentSpec subsample(int n) {
        return new ComponentSpec("subsample", Map.of("trainSize", n));
    }

    /** Pair j of size n: S from seed s_j, the example i drawn as before (the same seeds give the same pairs). */
    private static Planned plan(ExperimentSpec base, int n, int j) {
        long seed = base.seed() + j;
        SplittableRandom random = new SplittableRandom(seed ^ 0x5851F42D4C957F2DL);
        int index = random.nextInt(n);
        ExperimentSpec baseSpec = StudyRuns.derive(base, StudyRuns.name(base, stem(n, j) + "-base"), seed,
                List.of(subsample(n)), base.model(), List.of());
        ExperimentSpec removed = StudyRuns.derive(base, StudyRuns.name(base, stem(n, j) + "-perturbed"), seed,
                List.of(subsample(n), new ComponentSpec("remove-example", Map.of("index", index))), base.model(),
                List.of());
        return new Planned(n, j, seed, random, index, -1, baseSpec, removed);
    }

    private Pair pair(Planned planned, StudyRuns.Member a, StudyRuns.Member b, Workspace workspace,
            ProgressMonitor monitor) throws Exception {
        // Both parameter vectors, and both losses on z_i, evaluated on S (the base run's data).
        ComponentSpec probe = new ComponentSpec("outputs", Map.of("split", "train", "exampleIndices",
                List.of(planned.index()), "parameters", true));
        AnalysisResult onA = analyzer.analyze(a.resolved(), a.checkpointEpoch(), a.checkpoint(), probe, monitor);
        AnalysisResult onB = analyzer.analyze(a.resolved(), b.checkpointEpoch(), b.checkpoint(), probe, monitor);
        double distance = distance(onA.series().get("parameters"), onB.series().get("parameters"));
        double before = onA.series().get("loss")[0];
        double after = onB.series().get("loss")[0];
        var last = a.outcome().last();
        return new Pair(planned.n(), planned.pair(), planned.seed(), planned.index(), planned.replacement(),
                last.step(), distance, before, after, after - before, last.trainLoss(), last.testLoss(),
                last.testLoss() - last.trainLoss(), last.generalizationGap(),
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
