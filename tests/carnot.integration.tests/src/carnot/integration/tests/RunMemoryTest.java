package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.experiment.MemoryEstimate;
import carnot.api.experiment.PreparedRun;
import carnot.workspace.ExperimentFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The memory model of a run, on the real runner and DS services: its parts are the closed forms of
 * what the run holds (p x 4 bytes of weights for p counted from the layer widths, n x d x 4 bytes of
 * features, the activations of an MLP as the sum of its layers' widths), each analysis's need is a
 * phase of its own, the estimate is recorded in the provenance, and a run or an analysis that cannot
 * fit is refused before anything trains, with the estimate and its largest parts.
 */
class RunMemoryTest {

    private static final int N = 300;
    private static final int TEST = 100;
    private static final int D = 784;
    private static final int HIDDEN = 512;
    private static final int CLASSES = 3;
    private static final int BATCH = 50;

    private static String experiment(String optimizer, String analyses, int trainSize, String hidden) {
        return experiment(optimizer, analyses, trainSize, hidden, D);
    }

    private static String experiment(String optimizer, String analyses, int trainSize, String hidden, int dimension) {
        return """
                {"format": 1, "name": "memory", "seed": 3,
                 "dataset": {"id": "gaussian-mixture", "settings": {"classes": %d, "dimension": %d, "trainSize": %d,
                             "testSize": %d}},
                 "model": {"id": "mlp", "settings": {"hidden": %s}},
                 "optimizer": %s,
                 "loss": "cross-entropy",
                 "training": {"epochs": 1, "batchSize": %d, "evalBatchSize": 200},
                 "analyses": [%s]}
                """.formatted(CLASSES, dimension, trainSize, TEST, hidden, optimizer, BATCH, analyses);
    }

    private static PreparedRun prepare(String json) throws Exception {
        return Osgi.service(ExperimentRunner.class).prepare(ExperimentFiles.parse(Path.of("memory.json"), json),
                ProgressMonitor.NONE);
    }

    private static long part(MemoryEstimate estimate, String name) {
        return estimate.parts().stream().filter(p -> p.name().equals(name)).mapToLong(MemoryEstimate.Part::bytes)
                .findFirst().orElseThrow(() -> new AssertionError("no part '" + name + "' in " + estimate.parts()));
    }

    @Test
    void thePartsAreTheClosedFormsOfWhatTheRunHolds() throws Exception {
        long p = (long) D * HIDDEN + HIDDEN + (long) HIDDEN * CLASSES + CLASSES;
        String momentum = "{\"id\": \"sgd\", \"settings\": {\"learningRate\": 0.01, \"momentum\": 0.9}}";
        try (PreparedRun run = prepare(experiment(momentum, "", N, "[" + HIDDEN + "]"))) {
            assertEquals(p, run.parameterCount());
            MemoryEstimate estimate = run.memoryEstimate();
            assertEquals(4 * p, part(estimate, "weights"));
            assertEquals(4 * p, part(estimate, "gradients"));
            assertEquals(4 * p, part(estimate, "optimizer state (1 per parameter)"), "heavy-ball: one velocity");
            assertEquals((long) N * D * 4 + N * 4, part(estimate, "training data"));
            assertEquals((long) TEST * D * 4 + TEST * 4, part(estimate, "test data"));
            // Input, linear 512, ReLU 512, linear 3: what autograd keeps per example, twice for the backward pass.
            long activations = D + HIDDEN + HIDDEN + CLASSES;
            assertEquals(2 * activations * BATCH * 4, part(estimate, "autograd graph at batch size " + BATCH));
            assertEquals(activations * 200 * 4, part(estimate, "forward pass at batch size 200"));
            long resident = estimate.parts().stream().filter(x -> x.phase().equals(MemoryEstimate.RESIDENT))
                    .mapToLong(MemoryEstimate.Part::bytes).sum();
            long largestPhase = estimate.parts().stream().filter(x -> x.phase().equals(estimate.largestPhase()))
                    .mapToLong(MemoryEstimate.Part::bytes).sum();
            assertEquals(resident + largestPhase, estimate.peakBytes());
        }
        String adam = "{\"id\": \"adam\", \"settings\": {}}";
        try (PreparedRun run = prepare(experiment(adam, "", N, "[" + HIDDEN + "]"))) {
            assertEquals(8 * p, part(run.memoryEstimate(), "optimizer state (2 per parameter)"), "Adam: two moments");
        }
    }

    @Test
    void anAnalysisNeedIsAPhaseOfItsOwn() throws Exception {
        String sgd = "{\"id\": \"sgd\", \"settings\": {}}";
        try (PreparedRun run = prepare(experiment(sgd, "{\"id\": \"hessian-spectrum\"}", N, "[" + HIDDEN + "]"))) {
            long p = run.parameterCount();
            MemoryEstimate estimate = run.memoryEstimate();
            String phase = "analyses[0] hessian-spectrum";
            // Lanczos with full reorthogonalization keeps maxIterations = 100 vectors, plus topK = 3 and 4 work vectors.
            long vectors = estimate.parts().stream().filter(x -> x.phase().equals(phase)
                    && x.name().startsWith("107 vectors")).mapToLong(MemoryEstimate.Part::bytes).sum();
            assertEquals(107 * p * 8, vectors);
            assertEquals(phase, estimate.largestPhase(), estimate::summary);
        }
    }

    @Test
    void theOutputsAnalysisCountsItsSplitsOutputsAndTheParametersInFloatsAndDoubles() throws Exception {
        String sgd = "{\"id\": \"sgd\", \"settings\": {}}";
        String outputs = "{\"id\": \"outputs\", \"settings\": {\"parameters\": true}}";
        try (PreparedRun run = prepare(experiment(sgd, outputs, N, "[64]"))) {
            long p = run.parameterCount();
            MemoryEstimate estimate = run.memoryEstimate();
            // The test split's 100 x 3 outputs: a float copy and a double series each; per example a long
            // label and the label and index series as doubles.
            assertEquals(TEST * CLASSES * (4L + 8) + TEST * (8L + 16), part(estimate, "outputs, labels and indices"));
            assertEquals(TEST * CLASSES * 4L, part(estimate, "outputs as a tensor"));
            assertEquals(p * (4L + 8), part(estimate, "parameters as floats and doubles"));
            assertTrue(estimate.parts().stream().filter(x -> x.name().startsWith("parameters as"))
                    .allMatch(x -> x.phase().equals("analyses[0] outputs")), estimate::summary);
        }
    }

    @Test
    void aNetworkThatCannotFitIsRefusedWithTheEstimateAndItsLargestParts() {
        String sgd = "{\"id\": \"sgd\", \"settings\": {}}";
        InvalidExperimentException refused = assertThrows(InvalidExperimentException.class,
                () -> prepare(experiment(sgd, "", N, "[40000, 40000]")).close());
        assertEquals("model", refused.field());
        assertTrue(refused.getMessage().matches("(?s).*p = 1,6[0-9,]+ parameters need about [0-9.]+ GB.*"),
                refused::getMessage);
        assertTrue(refused.getMessage().matches("(?s).*largest parts: [a-z ]*weights.*"), refused::getMessage);
        assertTrue(refused.getMessage().contains("use a smaller model"), refused::getMessage);
    }

    @Test
    void anAnalysisThatCannotFitIsRefusedNamingItsField() {
        String sgd = "{\"id\": \"sgd\", \"settings\": {}}";
        // Three 60000 x 60000 double matrices: 86 GB.
        InvalidExperimentException refused = assertThrows(InvalidExperimentException.class,
                () -> prepare(experiment(sgd, "{\"id\": \"margins\"}, {\"id\": \"kernel-baseline\"}", 60_000, "[8]", 4))
                        .close());
        assertEquals("analyses[1]", refused.field(), refused::getMessage);
        assertTrue(refused.getMessage().contains("kernel matrices (3 n^2 + m n)"), refused::getMessage);
    }

    @Test
    void theEstimateIsRecordedInTheProvenance() throws Exception {
        Path workspace = Files.createTempDirectory("carnot-memory");
        ExperimentRuns.Finished run = ExperimentRuns.complete(workspace, experiment("{\"id\": \"sgd\"}",
                "{\"id\": \"norms\"}", N, "[16]"));
        JsonNode memory = run.provenance().get("memory");
        assertTrue(memory.get("peakBytes").asLong() > memory.get("nativePeakBytes").asLong());
        assertTrue(memory.get("processBytes").asLong() >= memory.get("nativePeakBytes").asLong()
                + memory.get("heapPeakBytes").asLong());
        boolean normsPhase = false;
        for (JsonNode part : memory.get("parts")) {
            normsPhase |= part.get("phase").asText().equals("analyses[0] norms");
        }
        assertTrue(normsPhase, memory::toString);
    }
}
