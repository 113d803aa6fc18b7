package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.DatasetSplits;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.PreparedRun;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import carnot.studies.StabilityStudy;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replace-one and leave-one-out stability by retraining: identical training sets give identical
 * weights; on a convex, Lipschitz and smooth problem (logistic regression by plain SGD) every
 * measured distance and loss change respects Hardt, Recht and Singer's Theorem 3.8.
 */
class StabilityTest {

    @TempDir
    Path workspace;

    /** Two-class logistic regression (linear model, cross-entropy on 2 classes) by plain SGD, batch 5. */
    static final String LOGISTIC = """
            {
              "name": "logistic",
              "seed": 21,
              "dataset": {"id": "gaussian-mixture", "settings": {"classes": 2, "dimension": 5, "trainSize": 200,
                          "testSize": 100, "separation": 2.0}},
              "perturbations": %s,
              "model": "linear",
              "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.0}},
              "loss": "cross-entropy",
              "training": {"epochs": 4, "batchSize": 5},
              "analyses": []
            }
            """;

    private byte[] finalWeights(String perturbations) throws Exception {
        ExperimentSpec spec = ExperimentFiles.parse(Path.of("logistic.json"), String.format(LOGISTIC, perturbations));
        List<byte[]> checkpoint = new ArrayList<>();
        try (PreparedRun prepared = Osgi.service(ExperimentRunner.class).prepare(spec, ProgressMonitor.NONE)) {
            RunOutcome outcome = prepared.execute(event -> {
                if (event instanceof RunEvent.Checkpoint c) {
                    checkpoint.add(c.parameters());
                }
            }, ProgressMonitor.NONE);
            assertEquals(RunStatus.COMPLETED, outcome.status(), outcome.message());
        }
        return checkpoint.get(0);
    }

    @Test
    void identicalTrainingSetsGiveIdenticalWeightsAndOneChangedExampleDoesNot() throws Exception {
        byte[] base = finalWeights("[{\"id\": \"subsample\", \"settings\": {\"trainSize\": 40}}]");
        byte[] same = finalWeights("[{\"id\": \"subsample\", \"settings\": {\"trainSize\": 40}}, {\"id\": "
                + "\"replace-example\", \"settings\": {\"index\": 7, \"source\": \"train\", \"replacement\": 7}}]");
        assertArrayEquals(base, same, "the same data, seed and minibatch order: distance 0");
        byte[] other = finalWeights("[{\"id\": \"subsample\", \"settings\": {\"trainSize\": 40}}, {\"id\": "
                + "\"replace-example\", \"settings\": {\"index\": 7, \"source\": \"train\", \"replacement\": 8}}]");
        assertTrue(!java.util.Arrays.equals(base, other), "one example changed: other weights");
    }

    /**
     * Theorem 3.8 of Hardt et al. (convex, L-Lipschitz, beta-smooth loss; SGD with steps lr <= 2/beta
     * for T steps): the weights of neighbouring training sets are at most 2 L T lr / n apart (with a
     * permuted order the changed example is visited once per epoch: each visit adds at most
     * 2 L lr / B, every other step is non-expansive), and the loss on any example changes by at
     * most L times that, 2 L^2 T lr / n. For f(x) = Wx + b with two classes the cross-entropy is
     * log(1 + exp(-v . theta)) with ||v||^2 = 2 (||x||^2 + 1): L = max sqrt(2 (||x||^2 + 1)) and
     * beta = max (||x||^2 + 1) / 2, over every example either run can see.
     */
    @Test
    void onLogisticRegressionEveryPairRespectsTheHardtRechtSingerBound() throws Exception {
        ComponentRegistry registry = Osgi.service(ComponentRegistry.class);
        ExperimentSpec spec = ExperimentFiles.parse(Path.of("logistic.json"), String.format(LOGISTIC, "[]"));
        DatasetProvider mixture = registry.find(ComponentKind.DATASET, "gaussian-mixture", DatasetProvider.class)
                .orElseThrow();
        DatasetSplits data = mixture.load(mixture.settingsSchema().validate(spec.dataset().settings(), "dataset"),
                new DatasetContext(spec.seed(), ProgressMonitor.NONE));
        double maxSquared = Math.max(maxSquaredNorm(data.train()), maxSquaredNorm(data.test()));
        double lipschitz = Math.sqrt(2 * (maxSquared + 1));
        double beta = (maxSquared + 1) / 2;
        double lr = 0.05;
        assertTrue(lr <= 2 / beta, "the theorem's step-size condition: lr " + lr + " <= 2/beta = " + 2 / beta);

        StabilityStudy study = Osgi.service(StabilityStudy.class);
        for (String perturbation : StabilityStudy.PERTURBATIONS) {
            StabilityStudy.Report report = study.run(spec, new StabilityStudy.Design(perturbation, new int[] {40, 160}, 2),
                    new Workspace(workspace), ProgressMonitor.NONE, line -> { });
            assertEquals(4, report.pairs().size());
            for (StabilityStudy.Pair pair : report.pairs()) {
                double distanceBound = 2 * lipschitz * pair.steps() * lr / pair.n();
                String what = perturbation + " " + pair;
                assertTrue(pair.distance() > 0, what);
                assertTrue(pair.distance() <= distanceBound, what + " exceeds 2 L T lr / n = " + distanceBound);
                assertTrue(Math.abs(pair.lossChange()) <= lipschitz * pair.distance() * (1 + 1e-4) + 1e-6, what);
                assertTrue(Math.abs(pair.lossChange()) <= lipschitz * distanceBound, what
                        + " exceeds 2 L^2 T lr / n = " + lipschitz * distanceBound);
                assertEquals(4 * pair.n() / 5, pair.steps(), "4 epochs of n / 5 steps");
            }
            assertTrue(Files.isRegularFile(report.folder().resolve("stability.json")));
            assertTrue(Files.readString(report.folder().resolve("stability.csv")).startsWith("n,pairs,distance"));
            assertTrue(report.summaries().get(1).distance() < report.summaries().get(0).distance(),
                    perturbation + ": four times the data, smaller distance: " + report.summaries());
        }
    }

    private static double maxSquaredNorm(Dataset data) {
        int d = data.featureSize();
        double max = 0;
        for (int i = 0; i < data.size(); i++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                double v = data.features()[i * d + j];
                sum += v * v;
            }
            max = Math.max(max, sum);
        }
        return max;
    }
}
