package carnot.runs.internal.slurm;

import carnot.api.experiment.MemoryEstimate;
import carnot.api.runs.ExecutionContext;
import carnot.api.runs.RunPoint;
import carnot.runs.internal.LargestPoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What every array task asks SLURM for ({@code sbatch --mem}) and the Java heap its point process
 * gets ({@code CARNOT_HEAP}), from the {@code memory} setting:
 * <ul>
 * <li>{@value #AUTO} (the default): from the memory model of the largest point
 * ({@link MemoryEstimate#processBytes()}, prepared here), plus {@value #MARGIN_PERCENT}% (the model
 * was within -2% .. +16% of measured peaks, docs/footprint.md; SLURM kills a task at its request,
 * so an estimate a little low must not cost the run), rounded up to whole MiB, or whole GiB from
 * 4 GiB on; the heap is the estimate's {@link MemoryEstimate#heapToReserve()}, which the request
 * covers together with the native peak;</li>
 * <li>a size such as {@code 6G}: that, with two thirds of it as the heap;</li>
 * <li>empty: the cluster's default, with a 4g heap.</li>
 * </ul>
 *
 * @param request what {@code --mem} says, e.g. {@code 832M}; empty: no {@code --mem} line
 * @param heap    {@code CARNOT_HEAP}, e.g. {@code 512m}
 * @param why     where the figures come from, in words, for the console and {@code execution.json}
 */
public record SlurmMemory(String request, String heap, String why) {

    /** The {@code memory} setting's value that sizes the request from the estimate. */
    public static final String AUTO = "auto";

    public static final int MARGIN_PERCENT = 25;

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    /** The request for {@code points} under the {@code memory} setting {@code setting}. */
    public static SlurmMemory of(String setting, List<RunPoint> points, ExecutionContext context) {
        if (setting.isEmpty()) {
            return new SlurmMemory("", SlurmJobScript.heap(""), "the cluster's default memory per task (the memory "
                    + "setting is empty); Java heap 4g");
        }
        if (!setting.equalsIgnoreCase(AUTO)) {
            String heap = SlurmJobScript.heap(setting);
            return new SlurmMemory(setting, heap, "the memory setting: " + setting + " per task; Java heap " + heap
                    + " (two thirds of it)");
        }
        Optional<LargestPoint> largest = LargestPoint.of(points, context);
        if (largest.isEmpty()) {
            return new SlurmMemory(FALLBACK, SlurmJobScript.heap(FALLBACK), "no memory estimate (the points could not "
                    + "be prepared here; each says why in its own log): " + FALLBACK + " per task, Java heap "
                    + SlurmJobScript.heap(FALLBACK) + "; set memory to size it yourself");
        }
        MemoryEstimate estimate = largest.get().estimate();
        long bytes = estimate.processBytes() + estimate.processBytes() * MARGIN_PERCENT / 100;
        String request = bytes >= 4 * GIB ? ceil(bytes, GIB) + "G" : ceil(bytes, MIB) + "M";
        String heap = MemoryEstimate.mebibytes(estimate.heapToReserve()) + "m";
        return new SlurmMemory(request, heap, String.format(Locale.ROOT, "the memory estimate of the largest point%s: "
                + "%s per process (Java heap %s, native peak %s) + %d%% margin = %s per task; CARNOT_HEAP=%s",
                points.size() == 1 ? "" : " (" + largest.get().point().label() + ")",
                MemoryEstimate.size(estimate.processBytes()), MemoryEstimate.size(estimate.heapToReserve()),
                MemoryEstimate.size(estimate.peakBytes(MemoryEstimate.Area.NATIVE)), MARGIN_PERCENT, request, heap));
    }

    /** What {@value #AUTO} asks for when no point can be prepared here: the former fixed default. */
    static final String FALLBACK = "6G";

    private static long ceil(long bytes, long unit) {
        return (bytes + unit - 1) / unit;
    }

    /** As kept in the job's record ({@code execution.json} "memory"). */
    public Map<String, Object> record() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("request", request.isEmpty() ? "cluster default" : request);
        map.put("heap", heap);
        map.put("why", why);
        return map;
    }
}
