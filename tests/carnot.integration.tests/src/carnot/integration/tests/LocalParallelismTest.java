package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.MemoryEstimate;
import carnot.api.experiment.PreparedRun;
import carnot.api.runs.ExecutionContext;
import carnot.api.runs.RunPoint;
import carnot.runs.internal.LocalExecutor;
import carnot.runs.internal.LocalParallelism;
import carnot.workspace.ExperimentFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * How many points the local executor runs at once and the heap each point process gets, from a
 * given available-memory figure (injected: the machine's own does not decide the test) and the
 * memory estimate of the largest point, which the executor takes from the real runner.
 */
class LocalParallelismTest {

    private static final long MIB = 1L << 20;

    /**
     * 100 MiB of heap and 300 MiB of native memory: the heap to reserve is the 192 MiB floor, the
     * heap given 1.25 x 192 = 240 MiB, so a point process holds at most 300 + 240 = 540 MiB.
     */
    private static final MemoryEstimate ESTIMATE = MemoryEstimate.heap(MemoryEstimate.RESIDENT, "data", 100 * MIB)
            .plus(MemoryEstimate.offHeap(MemoryEstimate.RESIDENT, "libtorch", 300 * MIB));

    private static final long PER_POINT = 540 * MIB;

    /** Points of the sweep in most cases: more than any count here, so that they do not bound it. */
    private static final int POINTS = 100;

    @Test
    void withoutParallelAsManyAsTheCoresAndTheMemoryAllow() {
        assertEquals(192 * MIB, ESTIMATE.heapToReserve());
        OptionalLong twoGiB = OptionalLong.of(2048 * MIB);
        // floor(2048 / 540) = 3 fit.
        LocalParallelism twoCores = LocalParallelism.choose(LocalParallelism.AUTOMATIC, 2, POINTS, ESTIMATE, 0,
                twoGiB);
        assertEquals(2, twoCores.points(), "the cores bound it");
        assertEquals(PER_POINT, twoCores.perPointBytes());
        assertEquals(240 * MIB, twoCores.heapBytes());
        assertEquals("240m", twoCores.heapSetting());
        assertFalse(twoCores.lowered());
        assertEquals("local: 2 points at once (each ~566 MB of 2.1 GB available; 2 cores)", twoCores.message());
        LocalParallelism eightCores = LocalParallelism.choose(LocalParallelism.AUTOMATIC, 8, POINTS, ESTIMATE, 0,
                twoGiB);
        assertEquals(3, eightCores.points(), "the memory bounds it");
        assertEquals(3, LocalParallelism.choose(0, 8, POINTS, ESTIMATE, 0, OptionalLong.of(3 * PER_POINT)).points(),
                "exactly three fit");
        assertEquals(2, LocalParallelism.choose(0, 8, POINTS, ESTIMATE, 0, OptionalLong.of(3 * PER_POINT - 1))
                .points(),
                "a byte less and only two do");
    }

    @Test
    void atLeastOnePointRunsEvenWhenNoneFits() {
        LocalParallelism none = LocalParallelism.choose(0, 4, POINTS, ESTIMATE, 0, OptionalLong.of(100 * MIB));
        assertEquals(1, none.points(), "the point's own process refuses it with the estimate if it cannot fit");
    }

    @Test
    void askingForMoreThanFitsRunsAsManyAsFitAndSaysSoNamingTheSetting() {
        LocalParallelism lowered = LocalParallelism.choose(5, 8, POINTS, ESTIMATE, 0, OptionalLong.of(2048 * MIB));
        assertEquals(3, lowered.points());
        assertTrue(lowered.lowered());
        assertEquals("local: executor.settings.parallel: 5 points at once would need 5 x 566 MB = 2.8 GB, more than "
                + "the 2.1 GB available; running 3 at once instead (set parallel to 3 or less, or make the points "
                + "smaller: see docs/footprint.md)", lowered.message());
        LocalParallelism asked = LocalParallelism.choose(2, 8, POINTS, ESTIMATE, 0, OptionalLong.of(2048 * MIB));
        assertEquals(2, asked.points());
        assertFalse(asked.lowered());
        assertEquals(3, LocalParallelism.choose(3, 1, POINTS, ESTIMATE, 0, OptionalLong.of(2048 * MIB)).points(),
                "what the user asks for is not bounded by the cores");
    }

    @Test
    void noMorePointsRunAtOnceThanThereAre() {
        OptionalLong twoGiB = OptionalLong.of(2048 * MIB);
        LocalParallelism both = LocalParallelism.choose(64, 8, 2, ESTIMATE, 0, twoGiB);
        assertEquals(2, both.points());
        assertFalse(both.lowered(), "two points fit: asking for 64 runs both");
        assertEquals(1, LocalParallelism.choose(LocalParallelism.AUTOMATIC, 8, 1, ESTIMATE, 0, twoGiB).points());
    }

    @Test
    void withoutAnEstimateOnePointPerCoreWithTheFormerDefaultHeap() {
        LocalParallelism none = LocalParallelism.choose(0, 2, POINTS, MemoryEstimate.NONE, 0, OptionalLong.of(MIB));
        assertEquals(2, none.points());
        assertEquals("4096m", none.heapSetting());
        assertEquals("local: 2 points at once (no memory estimate of the points: one per core)", none.message());
    }

    @Test
    void aHeapTheUserGaveIsWhatEachProcessHolds() {
        long heap = LocalParallelism.parseHeap("1g");
        assertEquals(1024 * MIB, heap);
        LocalParallelism decision = LocalParallelism.choose(0, 8, POINTS, ESTIMATE, heap, OptionalLong.of(4096 * MIB));
        assertEquals((300 + 1024) * MIB, decision.perPointBytes());
        assertEquals(3, decision.points(), "floor(4096 / 1324)");
        assertEquals(512 * MIB, LocalParallelism.parseHeap("512m"));
        assertEquals(2048 * 1024L, LocalParallelism.parseHeap("2048k"));
        assertEquals(0, LocalParallelism.parseHeap(""));
    }

    @Test
    void unknownMemoryMeansOnePointPerCoreOrAsAsked() {
        assertEquals(4, LocalParallelism.choose(0, 4, POINTS, ESTIMATE, 0, OptionalLong.empty()).points());
        assertEquals(6, LocalParallelism.choose(6, 4, POINTS, ESTIMATE, 0, OptionalLong.empty()).points());
    }

    @Test
    void theExecutorTakesTheEstimateOfTheLargestPointThroughTheServiceContext() throws Exception {
        ExperimentSpec small = spec("[32]", 1);
        ExperimentSpec large = spec("[256, 256]", 2);
        MemoryEstimate expected;
        try (PreparedRun prepared = Osgi.service(ExperimentRunner.class).prepare(large, ProgressMonitor.NONE)) {
            expected = prepared.memoryEstimate();
        }
        ExperimentRunner runner = Osgi.service(ExperimentRunner.class);
        List<ExperimentSpec> prepared = new java.util.ArrayList<>();
        ExecutionContext context = new EstimatingContext(Path.of("unused"), point -> {
            prepared.add(point.spec());
            try (PreparedRun run = runner.prepare(point.spec(), ProgressMonitor.NONE)) {
                return Optional.of(run.memoryEstimate());
            } catch (Exception e) {
                return Optional.empty();
            }
        });
        Path folder = Path.of("unused");
        MemoryEstimate largest = LocalExecutor.largestEstimate(List.of(new RunPoint(0, "small", folder, small),
                new RunPoint(1, "large", folder, large), new RunPoint(2, "small again", folder, small.withSeed(7))),
                context);
        assertEquals(2, prepared.size(), "points that differ only in their seed are prepared once");
        assertEquals(expected.processBytes(), largest.processBytes());
        assertEquals(expected.heapToReserve(), largest.heapToReserve());
        assertTrue(largest.peakBytes() > 0);
    }

    private static ExperimentSpec spec(String hidden, long seed) throws Exception {
        return ExperimentFiles.parse(Path.of("local.json"), """
                {"format": 1, "name": "local", "seed": %d,
                 "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 784, "trainSize": 300,
                             "testSize": 100}},
                 "model": {"id": "mlp", "settings": {"hidden": %s}},
                 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.01}},
                 "loss": "cross-entropy",
                 "training": {"epochs": 1, "batchSize": 50}}
                """.formatted(seed, hidden));
    }
}
