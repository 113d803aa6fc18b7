package carnot.api.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.MemoryEstimate.Area;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The peak of an estimate is its resident parts plus its largest phase, per area and in total. */
class MemoryEstimateTest {

    private static final long MB = 1_000_000;

    private static MemoryEstimate example() {
        return MemoryEstimate.heap(MemoryEstimate.RESIDENT, "data", 100 * MB)
                .plus(MemoryEstimate.offHeap(MemoryEstimate.RESIDENT, "weights", 40 * MB))
                .plus(MemoryEstimate.offHeap("training step", "graph", 30 * MB))
                .plus(MemoryEstimate.heap("training step", "batch", 1 * MB))
                .plus(MemoryEstimate.heap("analysis", "kernel", 200 * MB))
                .plus(MemoryEstimate.offHeap("analysis", "graph", 5 * MB));
    }

    @Test
    void thePeakIsTheResidentPartsPlusTheLargestPhase() {
        MemoryEstimate estimate = example();
        // Phases: training step 31 MB, analysis 205 MB; resident 140 MB.
        assertEquals(345 * MB, estimate.peakBytes());
        assertEquals("analysis", estimate.largestPhase());
        // Per area the largest phase may differ: heap 100 + max(1, 200), native 40 + max(30, 5).
        assertEquals(300 * MB, estimate.peakBytes(Area.HEAP));
        assertEquals(70 * MB, estimate.peakBytes(Area.NATIVE));
    }

    @Test
    void whatToReserveAndRequest() {
        MemoryEstimate estimate = example();
        assertEquals(450 * MB, estimate.heapToReserve(), "the heap peak and half again");
        assertEquals(520 * MB, estimate.processBytes(), "the native peak and the reserved heap");
        assertEquals(MemoryEstimate.MIN_HEAP, MemoryEstimate.NONE.heapToReserve());
    }

    @Test
    void partsMoveToAPhaseAndTheLargestComeFirst() {
        MemoryEstimate moved = example().inPhase("analyses[0] x");
        assertTrue(moved.parts().stream().allMatch(p -> p.phase().equals("analyses[0] x")));
        assertEquals(376 * MB, moved.peakBytes(), "everything in one phase: the sum");
        assertEquals(List.of("kernel", "data"), example().largest(2).stream().map(MemoryEstimate.Part::name).toList());
        String summary = example().summary();
        assertTrue(summary.startsWith("about 345 MB at peak (Java heap 300 MB, native 70 MB; largest phase: analysis)"),
                summary);
        assertTrue(summary.endsWith("largest parts: kernel 200 MB, data 100 MB, weights 40 MB"), summary);
        assertTrue(summary.contains("request 520 MB per process (CARNOT_HEAP=430m)"), summary);
        assertEquals("1.5 GB", MemoryEstimate.size(1_500_000_000L));
        assertEquals(2, MemoryEstimate.mebibytes((1L << 20) + 1));
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MemoryEstimate.heap("x", "y", -1));
    }
}
