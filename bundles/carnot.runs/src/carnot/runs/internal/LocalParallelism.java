package carnot.runs.internal;

import carnot.api.experiment.MemoryEstimate;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How many points the {@link LocalExecutor} runs at once and the Java heap each point process gets,
 * decided from the memory estimate of the largest point and the physical memory the point processes
 * may share, before any of them starts.
 *
 * <p>Each process gets {@link #HEAP_MARGIN} more heap than the estimate's
 * {@link MemoryEstimate#heapToReserve()}: the estimate's target accuracy is 25% of the measured peak
 * (docs/footprint.md), and a heap that is too small fails the run with an {@link OutOfMemoryError}.
 * A process then holds at most its native peak plus that heap ({@link #perPointBytes}), and
 * {@code floor(available / perPointBytes)} of them fit.
 *
 * <p>When the user asks for more points at once than fit, the executor runs as many as fit and says
 * so, naming the setting, rather than refusing: every point still runs, none is lost to the
 * kernel's out-of-memory killer, and a long sweep need not be started again (a refusal would only
 * tell the user to type the smaller number this class computes anyway).
 *
 * @param points        points to run at once, at least 1
 * @param heapBytes     the Java heap of each point process ({@code CARNOT_HEAP})
 * @param perPointBytes what one point process holds at most: the native peak plus {@code heapBytes}
 * @param message       the decision, one line, e.g. {@code local: 2 points at once (each ~650 MB of
 *                      23.4 GB available)}
 * @param lowered       whether fewer points run at once than were asked for
 */
public record LocalParallelism(int points, long heapBytes, long perPointBytes, String message, boolean lowered) {

    /** Heap given beyond the estimate's own head room, as a fraction of {@link MemoryEstimate#heapToReserve()}. */
    public static final double HEAP_MARGIN = 0.25;

    /** The heap of each point process when the points have no estimate: the executor's earlier default. */
    public static final long NO_ESTIMATE_HEAP = 4L << 30;

    /** {@code parallel} when it is not given: as many as the cores and the memory allow. */
    public static final int AUTOMATIC = 0;

    /**
     * The decision.
     *
     * @param requested    the {@code parallel} setting; {@link #AUTOMATIC} = min(cores, what fits)
     * @param cores        the cores the points share ({@link carnot.api.runs.ExecutionContext#threadBudget()})
     * @param pointCount   the points to run: no more than these run at once
     * @param largest      the memory estimate of the point that needs the most; {@link MemoryEstimate#NONE}
     *                     when none could be made (the points' own processes then report why)
     * @param explicitHeap the heap the user gave ({@code heap} setting or {@code CARNOT_HEAP}) in bytes,
     *                     or 0 to size it from the estimate
     * @param available    the physical memory the point processes may share; empty when unknown
     */
    public static LocalParallelism choose(int requested, int cores, int pointCount, MemoryEstimate largest,
            long explicitHeap, OptionalLong available) {
        if (requested < 0 || cores < 1 || pointCount < 1) {
            throw new IllegalArgumentException("parallel " + requested + ", cores " + cores + ", points " + pointCount);
        }
        requested = Math.min(requested, pointCount);
        if (largest.parts().isEmpty()) {
            long heap = explicitHeap > 0 ? explicitHeap : NO_ESTIMATE_HEAP;
            int points = Math.min(pointCount, requested == AUTOMATIC ? cores : requested);
            return new LocalParallelism(points, heap, heap, String.format(Locale.ROOT,
                    "local: %d point%s at once (no memory estimate of the points: %s)", points, points == 1 ? "" : "s",
                    requested == AUTOMATIC ? "one per core" : "as asked"), false);
        }
        long heap = explicitHeap > 0 ? explicitHeap
                : mebibytesToBytes((long) Math.ceil(largest.heapToReserve() * (1 + HEAP_MARGIN)));
        long perPoint = largest.peakBytes(MemoryEstimate.Area.NATIVE) + heap;
        if (available.isEmpty()) {
            int points = Math.min(pointCount, requested == AUTOMATIC ? cores : requested);
            return new LocalParallelism(points, heap, perPoint, String.format(Locale.ROOT,
                    "local: %d point%s at once (each ~%s; the available memory is not known here, so %s)", points,
                    points == 1 ? "" : "s", MemoryEstimate.size(perPoint),
                    requested == AUTOMATIC ? "one per core" : "as asked"), false);
        }
        long free = available.getAsLong();
        int fit = (int) Math.max(1, Math.min(Integer.MAX_VALUE, free / perPoint));
        String each = "each ~" + MemoryEstimate.size(perPoint) + " of " + MemoryEstimate.size(free) + " available";
        if (requested == AUTOMATIC) {
            int points = Math.min(Math.min(cores, pointCount), fit);
            return new LocalParallelism(points, heap, perPoint, String.format(Locale.ROOT,
                    "local: %d point%s at once (%s; %d core%s)", points, points == 1 ? "" : "s", each, cores,
                    cores == 1 ? "" : "s"), false);
        }
        if (requested > fit) {
            return new LocalParallelism(fit, heap, perPoint, String.format(Locale.ROOT,
                    "local: executor.settings.parallel: %d points at once would need %d x %s = %s, more than the "
                            + "%s available; running %d at once instead (set parallel to %d or less, or make the "
                            + "points smaller: see docs/footprint.md)", requested, requested,
                    MemoryEstimate.size(perPoint), MemoryEstimate.size(perPoint * requested),
                    MemoryEstimate.size(free), fit, fit), true);
        }
        return new LocalParallelism(requested, heap, perPoint, String.format(Locale.ROOT,
                "local: %d point%s at once as asked (%s)", requested, requested == 1 ? "" : "s", each), false);
    }

    /** {@code CARNOT_HEAP} of each point process, in mebibytes, e.g. {@code 288m}. */
    public String heapSetting() {
        return MemoryEstimate.mebibytes(heapBytes) + "m";
    }

    /** A Java heap size such as {@code 4g}, {@code 512m}, {@code 1048576k} or {@code 2000000} in bytes; 0 if empty. */
    public static long parseHeap(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        char unit = Character.toLowerCase(text.charAt(text.length() - 1));
        int shift = switch (unit) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
        return Long.parseLong(digits) << shift;
    }

    private static long mebibytesToBytes(long bytes) {
        return MemoryEstimate.mebibytes(bytes) << 20;
    }
}
