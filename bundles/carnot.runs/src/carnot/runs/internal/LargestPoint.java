package carnot.runs.internal;

import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.MemoryEstimate;
import carnot.api.runs.ExecutionContext;
import carnot.api.runs.RunPoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The point whose memory estimate needs the most, from which the executors size what they ask for:
 * the {@code local} executor how many processes run at once and their heap, the {@code slurm}
 * executor each task's {@code --mem}.
 *
 * @param point    the point
 * @param estimate its memory model's estimate
 */
public record LargestPoint(RunPoint point, MemoryEstimate estimate) {

    /**
     * Prepares each distinct experiment among the points once through the context (points that
     * differ only in their seed are the same size) and keeps the largest.
     *
     * @return empty if no point can be prepared here (each then says why in its own process)
     */
    public static Optional<LargestPoint> of(List<RunPoint> points, ExecutionContext context) {
        Map<ExperimentSpec, Optional<MemoryEstimate>> seen = new HashMap<>();
        LargestPoint largest = null;
        for (RunPoint point : points) {
            Optional<MemoryEstimate> estimate = seen.computeIfAbsent(point.spec().withSeed(0),
                    key -> context.memoryEstimate(point));
            if (estimate.isPresent() && (largest == null
                    || estimate.get().processBytes() > largest.estimate().processBytes())) {
                largest = new LargestPoint(point, estimate.get());
            }
        }
        return Optional.ofNullable(largest);
    }
}
